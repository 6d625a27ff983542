package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.SocketClient;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Tool calling through the Anthropic adapter against recorded Messages API streams: the model's tool_use block
 * (streamed as input_json_delta) runs as the asker, the room sees ai_tool_call, the second request carries the
 * tool_result, and the answer after it streams to the room.
 */
class AnthropicToolsTest {
    private static final String FLIGHTS = "Our flights to Lisbon leave Friday at 7am from gate B.";

    @RegisterExtension
    static final AssistantFixture chat = AssistantFixture.anthropic(fixtures -> {
        fixtures.defaultReply("anthropic", FixtureServer.sse("anthropic-stream.txt"));
        // Second requests carry a tool_result block; the 3D one's result says a generation started.
        fixtures.when("anthropic", b -> b.contains("\"tool_result\"") && b.contains("started 3D generation"),
                FixtureServer.sse("anthropic-after-3d-stream.txt"));
        fixtures.when("anthropic", b -> b.contains("\"tool_result\""), FixtureServer.sse("anthropic-after-tool-stream.txt"));
        fixtures.when("anthropic", b -> b.contains("find our Lisbon flights"), FixtureServer.sse("anthropic-tool-search-stream.txt"));
        fixtures.when("anthropic", b -> b.contains("model a red chair"), FixtureServer.sse("anthropic-tool-3d-stream.txt"));
    });

    /** The content blocks of one type in a request's messages. */
    private static List<JsonNode> blocks(JsonNode request, String type) {
        return request.path("messages").valueStream().flatMap(m -> m.path("content").valueStream())
                .filter(c -> c.path("type").asString().equals(type)).toList();
    }

    /** Everything the room was streamed for one reply, in order. */
    private static String streamed(SocketClient socket, String responseId) throws Exception {
        StringBuilder text = new StringBuilder();
        for (JSONObject chunk; (chunk = socket.next("ai_response_chunk", "responseId", responseId, 1_000)) != null; )
            text.append(chunk.getString("delta"));
        return text.toString();
    }

    @Test
    void searchMessagesThroughToolUseBlocksAndTheAnswerStreamsAfterTheResult() throws Exception {
        Session ada = chat.user("aada");
        Session bob = chat.user("abob");
        String c = chat.room("Anthropic tools", ada, bob);
        chat.send(ada, c, FLIGHTS);
        SocketClient bobSocket = chat.socket(bob);

        Response r = chat.ask(ada, c, "Can you find our Lisbon flights?");
        String answer = "I'll search this conversation for the Lisbon flights.\n\nYour flights to Lisbon leave Friday at 7am from gate B."
                + "\n\n_(tools used: search_messages)_";
        assertThat(r.text("aiResponse")).isEqualTo(answer);
        assertThat(r.text("model")).isEqualTo("claude-3-5-haiku-20241022");
        assertThat(r.body().path("usage").path("totalTokens").asInt()).as("both rounds count").isEqualTo(612 + 71 + 803 + 19);

        JSONObject called = bobSocket.next("ai_tool_call", "conversationId", c, 5_000);
        assertThat(called).as("the room sees the call").isNotNull();
        assertThat(called.getString("tool")).isEqualTo("search_messages");
        assertThat(called.getJSONObject("arguments").getString("query")).isEqualTo("Lisbon flights");
        assertThat(called.getString("status")).isEqualTo("ok");
        assertThat(called.getString("responseId")).isEqualTo(r.text("responseId"));
        assertThat(streamed(bobSocket, r.text("responseId"))).as("what the room was streamed").isEqualTo(answer);

        List<JsonNode> requests = chat.requestsFor("Can you find our Lisbon flights?");
        assertThat(requests).hasSize(2);
        assertThat(requests.getFirst().path("tools").valueStream().map(t -> t.path("name").asString()).toList())
                .containsExactlyInAnyOrder("search_messages", "generate_3d_model");
        assertThat(blocks(requests.getFirst(), "tool_result")).isEmpty();
        JsonNode use = blocks(requests.get(1), "tool_use").getFirst();
        assertThat(use.path("id").asString()).isEqualTo("toolu_01D7FLrfh4GYq7yT1ULmeyWH");
        assertThat(use.path("name").asString()).isEqualTo("search_messages");
        assertThat(use.path("input").path("query").asString()).isEqualTo("Lisbon flights");
        List<JsonNode> results = blocks(requests.get(1), "tool_result");
        assertThat(results).hasSize(1);
        assertThat(results.getFirst().path("tool_use_id").asString()).isEqualTo("toolu_01D7FLrfh4GYq7yT1ULmeyWH");
        JsonNode content = results.getFirst().path("content");
        String text = content.isString() ? content.asString() : content.get(0).path("text").asString();
        assertThat(AssistantMemoryTest.block(text, "search-results")).contains("@" + ada.username()).contains(FLIGHTS)
                .doesNotContain("Can you find");
    }

    @Test
    void generate3dModelThroughToolUseStartsTheAskersGeneration() throws Exception {
        Session ada = chat.user("aada");
        String c = chat.room("Anthropic 3D", ada);
        SocketClient s = chat.socket(ada);
        Response r = chat.ask(ada, c, "Please model a red chair for the shop");
        assertThat(r.text("aiResponse")).isEqualTo("I've started a 3D model of a red wooden chair; it will appear here when it's ready."
                + "\n\n_(tools used: generate_3d_model)_");
        JSONObject called = s.next("ai_tool_call", "conversationId", c, 5_000);
        assertThat(called.getString("tool")).isEqualTo("generate_3d_model");
        assertThat(called.getJSONObject("arguments").getString("description")).isEqualTo("a red wooden chair with four legs");
        assertThat(called.getString("status")).isEqualTo("ok");

        JsonNode result = blocks(chat.requestsFor("Please model a red chair").get(1), "tool_result").getFirst();
        assertThat(result.path("tool_use_id").asString()).isEqualTo("toolu_01Sx3nC9gK7bEw2RtHq5LmVd");
        Matcher id = Pattern.compile("started 3D generation (\\w+)").matcher(result.path("content").toString());
        assertThat(id.find()).as(result.toString()).isTrue();
        Response status = chat.api().get("/api/3d/status/" + id.group(1), ada.token());
        assertThat(status.status()).as("the asker owns the generation").isEqualTo(200);
    }
}
