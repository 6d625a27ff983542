package dev.kiln.server.chat;

/**
 * What a message's text says beyond its words: the author's sentiment and the language it is written in.
 * Computed once when a message is stored or edited (see {@link MessageAnalyser}) and kept with it.
 *
 * @param sentiment never null for a stored, undeleted message
 * @param language  ISO 639-1 code, or null when the text is too short or the detector is unsure
 */
public record MessageInsight(Sentiment sentiment, String language) {

    /** How a message feels: {@code label} is positive, neutral or negative; {@code score} runs from -1 to 1. */
    public record Sentiment(String label, double score) {
        public static final String POSITIVE = "positive";
        public static final String NEUTRAL = "neutral";
        public static final String NEGATIVE = "negative";
    }
}
