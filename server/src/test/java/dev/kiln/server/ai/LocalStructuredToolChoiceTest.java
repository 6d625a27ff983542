package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.ai.local.TinyGguf;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.ChatFixture;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The structured tool choice on the in-process llama.cpp model (a tiny GGUF of random weights). */
class LocalStructuredToolChoiceTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KilnInstance kiln;
    private static ChatFixture chat;

    @BeforeAll
    static void start() throws Exception {
        Path model = TinyGguf.write(Files.createTempDirectory("kiln-local-tools").resolve("tiny.gguf"));
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.ai.provider", "local");
        props.put("kiln.ai.local.model-path", model.toString());
        props.put("kiln.ai.local.threads", "1");
        props.put("kiln.ai.max-output-tokens", "24");
        props.put("kiln.ai.requests-per-minute-per-user", "100");
        kiln = KilnInstance.start(props);
        chat = new ChatFixture(kiln);
        Session probe = kiln.api.register("probe_tools");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"ready".equals(kiln.api.get("/api/ai/status", probe.token()).text("state")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    @AfterEach
    void closeSockets() {
        chat.closeSockets();
    }

    private static String generate(AiProvider.Request request) {
        return kiln.bean(ProviderChain.class).generate(request, "local", null, delta -> {}, () -> false).text();
    }

    @Test
    void theGrammarKeepsEvenARandomModelToTheChoiceSchema() {
        StructuredToolChoice structured = kiln.bean(StructuredToolChoice.class);
        AiProvider.Request conversation = new AiProvider.Request("You are a test.",
                List.of(new AiProvider.Turn(AiProvider.Role.USER, "[message from @ada]\nwhere are the flights?")), null, null, 1024);

        String free = generate(conversation.asking(structured.instruction(), null, 0.0, 40));
        assertThat(free).as("without the grammar the model writes its words").startsWith(" " + TinyGguf.WORDS.getFirst());
        assertThat(structured.parse(free)).isNull();

        String constrained = generate(conversation.asking(structured.instruction(), structured.schema(), 0.0, StructuredToolChoice.CHOICE_TOKENS));
        JsonNode choice = JSON.readTree(constrained);
        assertThat(choice.propertyNames()).as(constrained).containsExactly("tool", "arguments");
        String tool = choice.path("tool").asString();
        assertThat(tool).isIn("search_messages", "generate_3d_model", "none");
        assertThat(choice.path("arguments").isObject()).isTrue();
        for (String name : choice.path("arguments").propertyNames()) {
            assertThat(name).isIn("query", "description");
            assertThat(choice.path("arguments").path(name).asString()).isNotEmpty().hasSizeLessThanOrEqualTo(name.equals("query") ? 200 : 2000);
        }
        AiProvider.ToolCall call = structured.parse(constrained);
        if (tool.equals("none")) assertThat(call).isNull();
        else assertThat(call.name()).isEqualTo(tool);
    }

    @Test
    void aReplyOnTheLocalModelFirstChoosesThenAnswers() throws Exception {
        Session ada = chat.user("lada");
        String c = chat.room("Local tools", ada);
        SocketClient s = chat.socket(ada);
        Response r = kiln.api.post("/api/ai/chat", Map.of("conversationId", c, "message", "where are the flights?"), ada.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        // This tiny model's greedy choice is "none" (the test above shows it is a valid one): it just answers.
        assertThat(r.text("aiResponse")).isEqualTo(words(24));
        assertThat(r.body().path("usage").path("outputTokens").asInt()).as("the answer's 24 tokens and the choice's").isGreaterThan(24 + 10);
        assertThat(s.next("ai_response", "responseId", r.text("responseId"), 5_000)).isNotNull();
        assertThat(s.queue("ai_tool_call")).isEmpty();
    }

    /** The tiny model's first {@code n} words, as it writes them. */
    private static String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(' ').append(TinyGguf.WORDS.get(i % TinyGguf.WORDS.size()));
        return b.toString();
    }
}
