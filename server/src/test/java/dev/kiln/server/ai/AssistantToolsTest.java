package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.server.chat.MessageRepository;
import dev.kiln.server.chat.MessageSearch;
import dev.kiln.server.model3d.ModelService;
import dev.kiln.server.realtime.RoomFanout;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.SocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Tool calling on the OpenAI-compatible adapter against recorded wire fixtures: the model calls search_messages or
 * generate_3d_model, Kiln validates and runs the call as the asker within the conversation, the room sees
 * ai_tool_call, and the model's second request carries the result; calls outside the allow-list or with bad
 * arguments are refused without running.
 */
class AssistantToolsTest {
    private static final String FLIGHTS = "Our flights to Lisbon leave Friday at 7am from gate B.";
    private static final String AFTER = "Your flights to Lisbon leave Friday at 7am.";
    private static final Pattern TOOL_RESULT = Pattern.compile("\"role\"\\s*:\\s*\"tool\"");

    @RegisterExtension
    static final AssistantFixture chat = AssistantFixture.openAi(fixtures -> {
        fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt"));
        // The second request of a reply carries the tool results (LangChain4j pretty-prints, hence the spacing).
        fixtures.when("openai", b -> TOOL_RESULT.matcher(b).find(), FixtureServer.sse("openai-after-tool-stream.txt"));
        fixtures.when("openai", b -> b.contains("find our Lisbon flights"), FixtureServer.sse("openai-tool-search-stream.txt"));
        fixtures.when("openai", b -> b.contains("model a red chair"), FixtureServer.sse("openai-tool-3d-stream.txt"));
        fixtures.when("openai", b -> b.contains("do something forbidden"), FixtureServer.sse("openai-tool-refused-stream.txt"));
    });

    private static List<JsonNode> toolMessages(JsonNode request) {
        return request.path("messages").valueStream().filter(m -> m.path("role").asString().equals("tool")).toList();
    }

    @Test
    void searchMessagesFindsWhatWasSaidInThisConversationOnlyAndTheRoomSeesTheCall() throws Exception {
        Session ada = chat.user("tada");
        Session bob = chat.user("tbob");
        String c = chat.room("Tools", ada, bob);
        chat.send(ada, c, FLIGHTS);
        chat.send(bob, c, "Who is bringing the projector?");
        chat.send(ada, chat.room("Tools", ada), "Private note: my Lisbon flights budget is 400 euros.");
        SocketClient bobSocket = chat.socket(bob);

        Response r = chat.ask(ada, c, "Can you find our Lisbon flights?");
        assertThat(r.text("aiResponse")).isEqualTo(AFTER + "\n\n_(tools used: search_messages)_");
        assertThat(r.body().path("usage").path("totalTokens").asInt()).as("both rounds count").isEqualTo(151 + 18 + 240 + 11);
        assertThat(r.body().path("cached").asBoolean()).isFalse();

        JSONObject called = bobSocket.next("ai_tool_call", "conversationId", c, 5_000);
        assertThat(called).as("the room sees the call").isNotNull();
        assertThat(called.getString("tool")).isEqualTo("search_messages");
        assertThat(called.getJSONObject("arguments").getString("query")).isEqualTo("Lisbon flights");
        assertThat(called.getString("status")).isEqualTo("ok");
        assertThat(called.getString("responseId")).isEqualTo(r.text("responseId"));

        List<JsonNode> requests = chat.requestsFor("Can you find our Lisbon flights?");
        assertThat(requests).hasSize(2);
        List<String> offered = requests.getFirst().path("tools").valueStream().map(t -> t.path("function").path("name").asString()).toList();
        assertThat(offered).containsExactlyInAnyOrder("search_messages", "generate_3d_model");
        JsonNode second = requests.get(1);
        JsonNode assistantCall = second.path("messages").valueStream().filter(m -> m.path("tool_calls").isArray()).findFirst().orElseThrow();
        assertThat(assistantCall.path("tool_calls").get(0).path("id").asString()).isEqualTo("call_Jm4Lq2vVb8dE5tR1yU7wXk3Z");
        List<JsonNode> results = toolMessages(second);
        assertThat(results).hasSize(1);
        assertThat(results.getFirst().path("tool_call_id").asString()).isEqualTo("call_Jm4Lq2vVb8dE5tR1yU7wXk3Z");
        String found = AssistantMemoryTest.block(results.getFirst().path("content").asString(), "search-results");
        assertThat(found).contains("@" + ada.username()).contains(FLIGHTS).doesNotContain("400 euros").doesNotContain("Can you find");

        Response again = chat.api().post("/api/ai/chat", Map.of("conversationId", chat.room("Tools", ada), "message", "Can you find our Lisbon flights?"), ada.token());
        assertThat(again.body().path("cached").asBoolean()).as("answers that used tools are never cached").isFalse();
    }

    @Test
    void generate3dModelStartsAGenerationSharedIntoThisConversationAsTheAsker() throws Exception {
        Session ada = chat.user("tada");
        String c = chat.room("Tools", ada);
        SocketClient s = chat.socket(ada);
        Response r = chat.ask(ada, c, "Please model a red chair for the shop");
        JSONObject called = s.next("ai_tool_call", "conversationId", c, 5_000);
        assertThat(called.getString("tool")).isEqualTo("generate_3d_model");
        assertThat(called.getJSONObject("arguments").getString("description")).isEqualTo("a red wooden chair with four legs");
        assertThat(called.getString("status")).isEqualTo("ok");

        String result = toolMessages(chat.requestsFor("Please model a red chair").get(1)).getFirst().path("content").asString();
        Matcher id = Pattern.compile("started 3D generation (\\w+)").matcher(result);
        assertThat(id.find()).as(result).isTrue();
        Response status = chat.api().get("/api/3d/status/" + id.group(1), ada.token());
        assertThat(status.status()).as("the asker owns the generation").isEqualTo(200);
        assertThat(status.text("generationId")).isEqualTo(id.group(1));
        assertThat(chat.api().get("/api/3d/status/" + id.group(1), chat.user("tout").token()).status()).as("not a stranger's").isIn(403, 404);
    }

    @Test
    void callsOutsideTheAllowListOrWithBadArgumentsAreRefusedWithoutRunning() throws Exception {
        Session ada = chat.user("tada");
        String c = chat.room("Tools", ada);
        chat.send(ada, c, FLIGHTS);
        SocketClient s = chat.socket(ada);
        Response r = chat.ask(ada, c, "Please do something forbidden");
        assertThat(r.text("aiResponse")).isEqualTo(AFTER + "\n\n_(tools used: delete_all_messages, search_messages)_");
        List<JSONObject> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) calls.add(s.next("ai_tool_call", "conversationId", c, 5_000));
        assertThat(calls).extracting(o -> o.optString("status")).containsExactly("refused", "refused", "refused");
        assertThat(calls.get(0).getString("detail")).contains("\"delete_all_messages\" is not available");
        assertThat(calls.get(1).getString("detail")).contains("at most 200 characters");
        assertThat(calls.get(2).getString("detail")).contains("unknown argument \"conversationId\"");

        List<JsonNode> results = toolMessages(chat.requestsFor("Please do something forbidden").get(1));
        assertThat(results).extracting(m -> m.path("content").asString()).allSatisfy(t -> assertThat(t).startsWith("error: "));
        assertThat(chat.api().get("/api/chat/conversations/" + c, ada.token()).body().path("messages").size())
                .as("nothing was deleted: the flight message, the question and the reply").isEqualTo(3);
    }

    @Test
    void theAllowListDecidesWhatIsOfferedAndUnknownNamesStopStartup() {
        AssistantTools onlySearch = new AssistantTools(AiTestSettings.kiln(Map.of("kiln.ai.tools.allowed", "search_messages")),
                chat.bean(MessageSearch.class), chat.bean(MessageRepository.class), chat.bean(ModelService.class),
                chat.bean(RoomFanout.class));
        assertThat(onlySearch.offered()).extracting(AiProvider.Tool::name).containsExactly("search_messages");
        AssistantTools none = new AssistantTools(AiTestSettings.kiln(Map.of("kiln.ai.tools.allowed", "")),
                chat.bean(MessageSearch.class), chat.bean(MessageRepository.class), chat.bean(ModelService.class),
                chat.bean(RoomFanout.class));
        assertThat(none.offered()).isEmpty();
        assertThatThrownBy(() -> new AssistantTools(AiTestSettings.kiln(Map.of("kiln.ai.tools.allowed", "search_messages,rm_rf")),
                chat.bean(MessageSearch.class), chat.bean(MessageRepository.class), chat.bean(ModelService.class),
                chat.bean(RoomFanout.class))).hasMessageContaining("unknown tool 'rm_rf'");
    }
}
