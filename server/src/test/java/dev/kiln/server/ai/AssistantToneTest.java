package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.insight.ToneAdvice;
import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.ChatFixture;
import dev.kiln.server.support.KilnInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assistant adapts its tone to the mood (a whole server, the "openai" provider being the fixture server): a
 * negative question, or a tense room, adds the calm-tone paragraph to the system prompt; a neutral one does not.
 */
class AssistantToneTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SYSTEM_PROMPT = "You are the Kiln test assistant.";
    private static FixtureServer fixtures;
    private static KilnInstance kiln;
    private static ChatFixture chat;
    private static Api api;

    @BeforeAll
    static void start() {
        fixtures = new FixtureServer();
        Map<String, Object> props = fixtures.openAiKilnSettings();
        props.put("kiln.ai.api-key", "sk-tone-test");
        props.put("kiln.ai.system-prompt", SYSTEM_PROMPT);
        props.put("kiln.ai.requests-per-minute-per-user", "100");
        kiln = KilnInstance.start(props);
        api = kiln.api;
        chat = new ChatFixture(kiln);
    }

    @AfterAll
    static void stop() {
        kiln.close();
        fixtures.close();
    }

    @BeforeEach
    void replies() {
        fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt"));
    }

    private static String systemPromptOfAsking(Session who, String conversationId, String question) throws Exception {
        Response r = api.post("/api/ai/chat", Map.of("conversationId", conversationId, "message", question), who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        JsonNode sent = JSON.readTree(fixtures.requests("openai").getLast().body());
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
            assertThat(api.post("/api/chat/send", Map.of("conversationId", c, "message", text), ada.token()).status()).isEqualTo(201);
        }
        assertThat(systemPromptOfAsking(ada, c, "what should we check first?")).isEqualTo(SYSTEM_PROMPT + "\n\n" + ToneAdvice.CALM);
    }
}
