package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.SocketClient;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The structured-output fallback on an OpenAI-compatible endpoint configured without tool calling
 * ({@code KILN_AI_OPENAI_TOOLCALLING=structured}), against recorded wire fixtures: the model first chooses a tool as
 * JSON under a response_format json_schema, Kiln validates and runs it like a native call (ai_tool_call included), and
 * the streamed answer gets the result as text; "none", prose or an unknown tool just lead to a normal answer.
 */
class StructuredToolsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FLIGHTS = "Our flights to Lisbon leave Friday at 7am from gate B.";
    private static final String AFTER = "Your flights to Lisbon leave Friday at 7am.";
    private static final String PLAIN = "Hello! How can I help you today?";

    @RegisterExtension
    static final AssistantFixture chat = AssistantFixture.openAi(fixtures -> {
        fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt"));
        // The choice is the request with a response_format; the answer after a tool carries its result as text.
        choice(fixtures, "find our Lisbon flights", "openai-choice-search-stream.txt");
        choice(fixtures, "model a red chair", "openai-choice-3d-stream.txt");
        choice(fixtures, "how is everyone", "openai-choice-none-stream.txt");
        choice(fixtures, "wipe this room", "openai-choice-unknown-stream.txt");
        choice(fixtures, "tell me a joke", "openai-choice-prose-stream.txt");
        fixtures.when("openai", b -> b.contains("[result of the tool "), FixtureServer.sse("openai-after-tool-stream.txt"));
    }).with("kiln.ai.openai.tool-calling", "structured");

    private static void choice(FixtureServer fixtures, String question, String fixture) {
        fixtures.when("openai", b -> b.contains("\"json_schema\"") && b.contains(question), FixtureServer.sse(fixture));
    }

    private static String lastContent(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1).path("content").asString();
    }

    /** Asks over REST and returns the answer, after the asker's socket saw the reply's ai_response (events arrive in order). */
    private static Response ask(Session who, SocketClient socket, String c, String question) throws Exception {
        Response r = chat.ask(who, c, question);
        assertThat(socket.next("ai_response", "responseId", r.text("responseId"), 5_000)).isNotNull();
        return r;
    }

    @Test
    void theChosenSearchRunsAsAToolCallAndTheAnswerGetsItsResult() throws Exception {
        Session ada = chat.user("sada");
        Session bob = chat.user("sbob");
        String c = chat.room("Structured", ada, bob);
        chat.send(ada, c, FLIGHTS);
        SocketClient bobSocket = chat.socket(bob);

        Response r = ask(ada, bobSocket, c, "Can you find our Lisbon flights?");
        assertThat(r.text("aiResponse")).isEqualTo(AFTER + "\n\n_(tools used: search_messages)_");
        assertThat(r.body().path("usage").path("totalTokens").asInt()).as("the choice counts too").isEqualTo(388 + 16 + 240 + 11);
        JSONObject called = bobSocket.next("ai_tool_call", "conversationId", c, 5_000);
        assertThat(called).as("the room sees the call").isNotNull();
        assertThat(called.getString("tool")).isEqualTo("search_messages");
        assertThat(called.getJSONObject("arguments").getString("query")).isEqualTo("Lisbon flights");
        assertThat(called.getString("status")).isEqualTo("ok");

        List<JsonNode> requests = chat.requestsFor("Can you find our Lisbon flights?");
        assertThat(requests).hasSize(2);
        JsonNode choice = requests.getFirst();
        assertThat(choice.has("tools")).as("no native tools on this endpoint").isFalse();
        assertThat(choice.path("response_format").path("type").asString()).isEqualTo("json_schema");
        JsonNode schema = choice.path("response_format").path("json_schema").path("schema");
        assertThat(schema.path("properties").path("tool").path("enum").valueStream().map(JsonNode::asString).toList())
                .containsExactly("search_messages", "generate_3d_model", "none");
        assertThat(schema.path("properties").path("arguments").path("properties").path("query").path("maxLength").asInt()).isEqualTo(200);
        assertThat(choice.path("temperature").asDouble()).isZero();
        assertThat(lastContent(choice)).startsWith("[from Kiln, not a person]").contains("search_messages").contains("\"tool\": \"none\"");

        JsonNode answer = requests.get(1);
        assertThat(answer.has("tools")).isFalse();
        assertThat(answer.has("response_format")).as("the answer is free text").isFalse();
        String result = lastContent(answer);
        assertThat(result).startsWith("[result of the tool search_messages]");
        assertThat(AssistantMemoryTest.block(result, "search-results")).contains("@" + ada.username()).contains(FLIGHTS)
                .doesNotContain("Can you find");
    }

    @Test
    void theChosen3dModelStartsTheAskersGeneration() throws Exception {
        Session ada = chat.user("sada");
        String c = chat.room("Structured 3D", ada);
        SocketClient s = chat.socket(ada);
        Response r = ask(ada, s, c, "Please model a red chair for the shop");
        assertThat(r.text("aiResponse")).endsWith("_(tools used: generate_3d_model)_");
        JSONObject called = s.next("ai_tool_call", "conversationId", c, 5_000);
        assertThat(called.getString("tool")).isEqualTo("generate_3d_model");
        assertThat(called.getJSONObject("arguments").getString("description")).isEqualTo("a red wooden chair with four legs");
        assertThat(called.getString("status")).isEqualTo("ok");
        String result = lastContent(chat.requestsFor("Please model a red chair").get(1));
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("started 3D generation (\\w+)").matcher(result);
        assertThat(id.find()).as(result).isTrue();
        assertThat(chat.api().get("/api/3d/status/" + id.group(1), ada.token()).status()).as("the asker owns the generation").isEqualTo(200);
    }

    @Test
    void noneProseOrAnUnknownToolMeanAPlainAnswerAndNoCall() throws Exception {
        Session ada = chat.user("sada");
        SocketClient s = chat.socket(ada);
        for (String question : List.of("So how is everyone doing?", "Please wipe this room clean", "Could you tell me a joke?")) {
            // A room each: the fixture server picks the choice by the words in the request, history included.
            Response r = ask(ada, s, chat.room("Structured none", ada), question);
            assertThat(r.text("aiResponse")).as(question).isEqualTo(PLAIN);
            List<JsonNode> requests = chat.requestsFor(question);
            assertThat(requests).as(question + ": the choice, then the answer").hasSize(2);
            assertThat(requests.get(1).has("response_format")).isFalse();
            assertThat(lastContent(requests.get(1))).as("no tool result").doesNotContain("[result of the tool");
        }
        assertThat(s.queue("ai_tool_call")).as("nothing was called, nothing refused").isEmpty();
    }

    @Test
    void onlyAJsonObjectNamingAnAllowedToolIsAChoice() {
        StructuredToolChoice structured = chat.bean(StructuredToolChoice.class);
        AiProvider.ToolCall fenced = structured.parse("```json\n{\"tool\": \"search_messages\", \"arguments\": {\"query\": \"gate\"}}\n```");
        assertThat(fenced.name()).isEqualTo("search_messages");
        assertThat(JSON.readTree(fenced.arguments()).path("query").asString()).isEqualTo("gate");
        assertThat(structured.parse("{\"tool\": \"generate_3d_model\"}").arguments()).as("AssistantTools refuses the missing arguments")
                .isEqualTo("{}");
        for (String notAChoice : List.of("{\"tool\": \"none\", \"arguments\": {}}", "{\"tool\": \"rm_rf\", \"arguments\": {}}",
                "{\"tool\": 42}", "[\"search_messages\"]", "search_messages", "{\"tool\": \"search_mess", ""))
            assertThat(structured.parse(notAChoice)).as(notAChoice).isNull();
    }
}
