package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.ai.embed.MessageEmbeddingIndexer;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.shared.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Memory on a whole server (SQLite) whose "openai" provider is the fixture server: the prompt carries the earlier
 * messages most related to the question and a rolling summary written by the model, both quoted as data, and both
 * are still there after a restart.
 */
class AssistantMemoryTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SYSTEM_PROMPT = "You are the Kiln memory test assistant.";
    private static final String SUMMARY = "Ada and Bob planned the team offsite in Lisbon: flights leave Friday at 7am, and Bob booked the hotel by the river.";
    private static final String FLIGHTS = "Bob, the offsite is in Lisbon this year; our flights leave Friday at 7am from gate B.";
    private static final List<String> FILLER = List.of(
            "Did anyone review the pull request for the login page?",
            "The CI pipeline is green again after the flaky test fix.",
            "I moved the standup to 9:30 tomorrow.",
            "Can someone update the onboarding docs for the new laptop setup?",
            "The coffee machine on the third floor is broken again.",
            "Please remember to fill in your timesheets before Monday.",
            "Our Postgres upgrade is scheduled for next Tuesday night.",
            "Design shared new mockups for the settings screen.",
            "Customer support asked about the invoice export bug.",
            "I'll be out on Thursday afternoon for a dentist appointment.",
            "The new intern starts next week, say hello!",
            "Release notes for 2.4 are drafted in the wiki.");

    @RegisterExtension
    static final AssistantFixture chat = AssistantFixture.openAi(fixtures -> {
        fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt"));
        fixtures.when("openai", body -> body.contains("You keep the memory of a group chat"), FixtureServer.sse("openai-summary-stream.txt"));
    }).with("kiln.ai.system-prompt", SYSTEM_PROMPT)
            .with("kiln.ai.context-messages", "6")
            .with("kiln.ai.memory.summarize-after", "5")
            .with("kiln.ai.cache.enabled", "false");

    /** The messages of the last chat request the fixture server saw (summary requests excluded). */
    private static List<JsonNode> lastChatPrompt() {
        List<FixtureServer.Received> all = chat.requests();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).body().contains("You keep the memory of a group chat")) continue;
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(all.get(i).body()).path("messages").forEach(out::add);
            return out;
        }
        throw new AssertionError("no chat request");
    }

    private static void awaitSummary(long conversationId) throws InterruptedException {
        ConversationMemoryRepository memory = chat.bean(ConversationMemoryRepository.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (memory.find(conversationId).isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(memory.find(conversationId)).as("summary stored").isPresent();
    }

    @Test
    void thePromptRecallsRelatedOldMessagesAndCarriesTheModelsSummaryAcrossARestart() throws Exception {
        Session ada = chat.api().register("mem_ada");
        Session bob = chat.api().register("mem_bob");
        String c = chat.room("Offsite", ada, bob);
        chat.send(ada, c, FLIGHTS);
        for (int i = 0; i < FILLER.size(); i++) chat.send(i % 2 == 0 ? bob : ada, c, FILLER.get(i));

        chat.ask(ada, c, "What time do our flights to Lisbon leave?");
        List<JsonNode> prompt = lastChatPrompt();
        assertThat(prompt.getFirst().path("role").asString()).isEqualTo("system");
        assertThat(prompt.getFirst().path("content").asString()).isEqualTo(SYSTEM_PROMPT);
        String memory = prompt.get(1).path("content").asString();
        assertThat(prompt.get(1).path("role").asString()).isEqualTo("user");
        assertThat(memory).startsWith(ConversationContext.MEMORY_HEADER);
        String recalled = block(memory, "recalled-messages");
        assertThat(recalled).contains("@mem_ada").contains(FLIGHTS);
        assertThat(recalled).as("unrelated chatter is not recalled").doesNotContain("coffee machine");
        // The recent window: the last 6 messages before the question, then the question.
        List<String> recentTexts = prompt.subList(2, prompt.size()).stream().map(m -> m.path("content").asString()).toList();
        assertThat(recentTexts).hasSize(7);
        assertThat(recentTexts.getFirst()).endsWith(FILLER.get(FILLER.size() - 6));
        assertThat(recentTexts.getLast()).isEqualTo("[message from @mem_ada]\nWhat time do our flights to Lisbon leave?");
        assertThat(String.join("\n", recentTexts)).doesNotContain(FLIGHTS);

        long conversationId = Ids.parse("c", c);
        awaitSummary(conversationId);
        ConversationMemoryRepository.Summary stored = chat.bean(ConversationMemoryRepository.class).find(conversationId).orElseThrow();
        assertThat(stored.text()).isEqualTo(SUMMARY);
        assertThat(stored.method()).isEqualTo(RollingSummary.GENERATIVE);
        String summaryRequest = chat.requests().stream().map(FixtureServer.Received::body)
                .filter(b -> b.contains("You keep the memory of a group chat")).findFirst().orElseThrow();
        assertThat(summaryRequest).as("the model summarizes the aged-out messages, quoted").contains(FLIGHTS).contains("kiln-data-");

        while (!chat.bean(MessageEmbeddingIndexer.class).idle()) Thread.sleep(20);
        chat.restart();

        chat.ask(bob, c, "Remind me, which gate do the Lisbon flights leave from?");
        String memoryAfterRestart = lastChatPrompt().get(1).path("content").asString();
        assertThat(block(memoryAfterRestart, "summary")).isEqualTo(SUMMARY);
        assertThat(block(memoryAfterRestart, "recalled-messages")).contains(FLIGHTS);
    }

    /** The text of the quoted block of this kind, checking that nothing inside it can open or close a block. */
    static String block(String memory, String kind) {
        Matcher open = Pattern.compile("<(kiln-data-[0-9a-f]{12}) kind=\"" + kind + "\">\n").matcher(memory);
        assertThat(open.find()).as("a " + kind + " block in:\n" + memory).isTrue();
        String tag = open.group(1);
        int start = open.end();
        int end = memory.indexOf("\n</" + tag + ">", start);
        assertThat(end).as("closed").isPositive();
        String inside = memory.substring(start, end);
        assertThat(inside.toLowerCase()).as("no tag inside the block").doesNotContain("<kiln-data").doesNotContain("</kiln-data")
                .doesNotContain(tag);
        return inside;
    }
}
