package dev.kiln.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.json.JSONException;
import org.json.JSONObject;
import tools.jackson.databind.JsonNode;

/**
 * The chat steps server tests repeat: numbered users, group rooms, messages, questions to the assistant, websocket
 * clients closed after each test, history.
 */
public class ChatFixture {
    // One counter for the whole test run, so names stay unique even when a test class shares its server or database.
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final Supplier<Api> api;
    private final List<SocketClient> sockets = new ArrayList<>();

    public ChatFixture(KilnInstance kiln) {
        this(() -> kiln.api);
    }

    /** For a fixture that starts its own server later (a JUnit extension): {@code api} is asked on each step. */
    protected ChatFixture(Supplier<Api> api) {
        this.api = api;
    }

    /** The server's REST client, for the steps a test takes itself. */
    public Api api() {
        return api.get();
    }

    /** Registers a user named {@code prefix} and a number never used before in this run. */
    public Session user(String prefix) {
        return api().register(prefix + SEQ.incrementAndGet());
    }

    /** Creates a group room named {@code name} owned by {@code owner} with {@code members}; asserts 201 and returns its id. */
    public String room(String name, Session owner, Session... members) {
        Response r = api().post("/api/chat/conversations", Map.of("name", name, "type", "group",
                "participantIds", Arrays.stream(members).map(Session::id).toList()), owner.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        return r.text("conversationId");
    }

    /** Sends {@code text} to the conversation as {@code who} over REST; asserts 201 and returns the message's id. */
    public String send(Session who, String conversationId, String text) {
        return send(who, Map.of("conversationId", conversationId, "message", text));
    }

    /** Sends {@code text} as a reply in the thread under {@code threadId}; asserts 201 and returns the message's id. */
    public String sendInThread(Session who, String conversationId, String threadId, String text) {
        return send(who, Map.of("conversationId", conversationId, "message", text, "threadId", threadId));
    }

    private String send(Session who, Map<String, String> body) {
        Response r = api().post("/api/chat/send", body, who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        return r.text("messageId");
    }

    /** Asks the assistant {@code question} in the conversation as {@code who} over REST; asserts 200 and returns the answer. */
    public Response ask(Session who, String conversationId, String question) {
        Response r = api().post("/api/ai/chat", Map.of("conversationId", conversationId, "message", question), who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return r;
    }

    /** A connected websocket client for {@code who}, closed by {@link #closeSockets()}. */
    public SocketClient socket(Session who) {
        SocketClient s = new SocketClient(api().base(), who.token(), "websocket").connect();
        sockets.add(s);
        return s;
    }

    /** Closes every socket opened since the last call (for {@code @AfterEach}). */
    public void closeSockets() {
        sockets.forEach(SocketClient::close);
        sockets.clear();
    }

    /** The conversation's messages as {@code who} reads them over REST; asserts 200. */
    public List<JsonNode> history(Session who, String conversationId) {
        Response r = api().get("/api/chat/conversations/" + conversationId, who.token());
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.body().path("messages").forEach(out::add);
        return out;
    }

    /** A socket payload from alternating keys and values. */
    public static JSONObject json(Object... kv) {
        JSONObject o = new JSONObject();
        try {
            for (int i = 0; i < kv.length; i += 2) o.put((String) kv[i], kv[i + 1]);
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
        return o;
    }
}
