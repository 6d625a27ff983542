package dev.kiln.server.ai;

import dev.kiln.server.config.KilnProperties;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Decides whether a question's answer may come from (and go into) the response cache: only when it does not depend
 * on this conversation. The rule, conservative on purpose (a wrong hit is worse than a miss):
 * <ol>
 *   <li>the question has no word that points at the conversation, its people or the moment: pronouns and
 *       determiners (this, that, it, they, we, my…), "above", "earlier", "again", "said", "summarize", "thread",
 *       "today", "now"… ({@link #REFERS});</li>
 *   <li>no earlier message of this conversation written by a person is related to it: embedding similarity below
 *       {@code contextSimilarity}, except earlier wordings of the same question (similarity at or above the cache's
 *       threshold) and the assistant's replies;</li>
 *   <li>without embeddings (2) cannot be checked, so only a question with nothing before it in the prompt qualifies.</li>
 * </ol>
 */
@Component
public class CachePolicy {
    static final Pattern REFERS = Pattern.compile("\\b(this|that|these|those|it|its|it's|he|she|him|her|his|hers|they|them|their|theirs|"
            + "we|us|our|ours|my|mine|above|below|earlier|previous|previously|before|again|last|latest|else|here|said|say|says|"
            + "mentioned|summari[sz]e|summary|translate|translation|thread|conversation|chat|message|messages|room|today|tonight|"
            + "yesterday|tomorrow|now|current|currently)\\b");

    /** What to do with the cache for one question. */
    public sealed interface Decision {}

    /** Look the question up (and store its answer). {@code vector} is null without embeddings (exact matching only). */
    public record Use(String question, float[] vector) implements Decision {}

    /** Leave the cache alone, and why. */
    public record Bypass(String reason) implements Decision {}

    private final MemoryRecall recall;
    private final AssistantAccount bot;
    private final KilnProperties.Ai.Cache cfg;

    public CachePolicy(MemoryRecall recall, AssistantAccount bot, KilnProperties props) {
        this.recall = recall;
        this.bot = bot;
        this.cfg = props.ai().cache();
    }

    /** The word that ties the question to its conversation, if any. */
    static Optional<String> referringWord(String question) {
        Matcher m = REFERS.matcher(ResponseCache.stripMention(question).toLowerCase(Locale.ROOT).replace('’', '\''));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public Decision decide(ConversationContext.Assembled assembled, long conversationId, long triggerId) {
        String question = ResponseCache.stripMention(assembled.question() == null ? "" : assembled.question());
        if (question.isBlank()) return new Bypass("the question has no text");
        Optional<String> word = referringWord(question);
        if (word.isPresent()) return new Bypass("the question refers to the conversation or the moment (\"" + word.get() + "\")");
        float[] vector = recall.vectorOf(question);
        if (vector == null) {
            return assembled.request().turns().size() > 1 ? new Bypass("without embeddings, earlier messages cannot be checked for relevance")
                    : new Use(question, null);
        }
        for (MemoryRecall.Scored s : recall.score(conversationId, vector, triggerId)) {
            if (s.similarity() < cfg.contextSimilarity()) break; // best first
            if (s.userId() == bot.id() || s.similarity() >= cfg.similarity()) continue;
            return new Bypass(String.format(Locale.ROOT, "an earlier message in this conversation is related (similarity %.2f)", s.similarity()));
        }
        return new Use(question, vector);
    }
}
