package dev.kiln.server.insight;

import dev.kiln.server.chat.ChatViews.MessageView;
import dev.kiln.server.chat.MessageInsight.Sentiment;
import java.util.List;

/**
 * Lets the assistant adapt its tone to the mood: when the question reads as negative, or the room's recent messages
 * do, one fixed paragraph asking for calm and empathy is added to the system prompt. Only this constant text is
 * ever added there; nothing people write reaches the system prompt.
 */
public final class ToneAdvice {
    /** The paragraph added for a tense conversation. */
    public static final String CALM = "The person asking seems upset or frustrated, or the conversation is tense. "
            + "Reply calmly and with empathy: acknowledge the difficulty in a few words, then help concretely. "
            + "Do not be cheerful, flippant or defensive.";
    /** Messages, up to and including the question, that make up "the room's recent mood". */
    static final int RECENT = 8;
    /** That many negative messages among them, outnumbering the positive ones, make the room tense. */
    static final int TENSE_ROOM = 3;

    private ToneAdvice() {}

    /** The system prompt, with the calm-tone paragraph when the question or the room is negative. */
    public static String adapt(String systemPrompt, List<MessageView> recent, String questionId) {
        return tense(recent, questionId) ? withCalmTone(systemPrompt) : systemPrompt;
    }

    public static String withCalmTone(String systemPrompt) {
        return systemPrompt + "\n\n" + CALM;
    }

    /** {@code recent} is oldest first; messages after the question are not considered. */
    static boolean tense(List<MessageView> recent, String questionId) {
        int end = recent.size();
        for (int i = 0; i < recent.size(); i++) {
            if (recent.get(i).id().equals(questionId)) {
                end = i + 1;
                break;
            }
        }
        if (end > 0 && recent.get(end - 1).id().equals(questionId) && isNegative(recent.get(end - 1))) return true;
        int negative = 0;
        int positive = 0;
        for (int i = Math.max(0, end - RECENT); i < end; i++) {
            Sentiment s = recent.get(i).sentiment();
            if (s == null) continue;
            if (s.label().equals(Sentiment.NEGATIVE)) negative++;
            else if (s.label().equals(Sentiment.POSITIVE)) positive++;
        }
        return negative >= TENSE_ROOM && negative > positive;
    }

    private static boolean isNegative(MessageView m) {
        return m.sentiment() != null && Sentiment.NEGATIVE.equals(m.sentiment().label());
    }
}
