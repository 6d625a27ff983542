package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.ai.local.TinyGguf;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.SocketClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The structured tool choice on the in-process llama.cpp model (a tiny GGUF of random weights). */
class LocalStructuredToolChoiceTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final AssistantFixture chat = AssistantFixture.local()
            .with("kiln.ai.local.threads", "1")
            .with("kiln.ai.max-output-tokens", "24");

    private static String generate(AiProvider.Request request) {
        return chat.bean(ProviderChain.class).generate(request, "local", null, delta -> {}, () -> false).text();
    }

    @Test
    void theGrammarKeepsEvenARandomModelToTheChoiceSchema() {
        StructuredToolChoice structured = chat.bean(StructuredToolChoice.class);
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
        Response r = chat.ask(ada, c, "where are the flights?");
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
