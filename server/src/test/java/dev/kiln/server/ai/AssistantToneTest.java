package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.insight.ToneAdvice;
import dev.kiln.server.support.Api.Session;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assistant adapts its tone to the mood (a whole server, the "openai" provider being the fixture server): a
 * negative question, or a tense room, adds the calm-tone paragraph to the system prompt; a neutral one does not.
 */
class AssistantToneTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SYSTEM_PROMPT = "You are the Kiln test assistant.";

    @RegisterExtension
    static final AssistantFixture chat = AssistantFixture.openAi(fixtures -> fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt")))
            .with("kiln.ai.api-key", "sk-tone-test")
            .with("kiln.ai.system-prompt", SYSTEM_PROMPT);

    private static String systemPromptOfAsking(Session who, String conversationId, String question) throws Exception {
        chat.ask(who, conversationId, question);
        JsonNode sent = JSON.readTree(chat.requests().getLast().body());
        JsonNode first = sent.path("messages").get(0);
        assertThat(first.path("role").asString()).isEqualTo("system");
        return first.path("content").asString();
    }

    @Test
    void aNeutralQuestionGetsThePromptAsConfigured() throws Exception {
        Session ada = chat.user("ada");
        String c = chat.room("Tone", ada);
        assertThat(systemPromptOfAsking(ada, c, "what time zone is the release scheduled in?")).isEqualTo(SYSTEM_PROMPT);
    }

    @Test
    void aNegativeQuestionAsksForACalmEmpatheticTone() throws Exception {
        Session ada = chat.user("ada");
        String c = chat.room("Tone", ada);
        String prompt = systemPromptOfAsking(ada, c, "this is so frustrating, the deploy failed again and nothing works. what now?");
        assertThat(prompt).isEqualTo(SYSTEM_PROMPT + "\n\n" + ToneAdvice.CALM);
        assertThat(prompt).contains("calmly and with empathy");
    }

    @Test
    void aTenseRoomAsksForItEvenWhenTheQuestionIsNeutral() throws Exception {
        Session ada = chat.user("ada");
        String c = chat.room("Tone", ada);
        for (String text : List.of("production is down again", "customers are furious about the outage",
                "this is a disaster, I hate this week")) {
            chat.send(ada, c, text);
        }
        assertThat(systemPromptOfAsking(ada, c, "what should we check first?")).isEqualTo(SYSTEM_PROMPT + "\n\n" + ToneAdvice.CALM);
    }
}
