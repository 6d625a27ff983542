package dev.kiln.server.insight;

import dev.kiln.server.chat.MessageInsight.Sentiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sentiment of a chat message in the manner of VADER (Hutto & Gilbert, 2014): word valences from a lexicon,
 * shifted by intensifiers ("very"), negations ("not", "n't", "no", "never"), capitals for emphasis, "but"
 * (the clause after it counts more), exclamation marks, and emoji and emoticons; the sum is squashed into a
 * compound score in [-1, 1].
 *
 * <p>Hand-written because the one VADER port on Maven Central (com.github.apanimesh061:vader-sentiment-analyzer
 * 1.0, last released 2018) needs Lucene 6 and log4j 1.x on the classpath and bundles unrelocated commons-lang
 * classes; the algorithm is a page of code and the lexicon (MIT) ships as a resource. Kiln adds what team chat
 * needs: emoji, neutral acknowledgements and requests ("ok", "please", "can you help"), work vocabulary ("flaky",
 * "outage") and "doesn't work". Words are English; other languages only get their emoji and emoticons scored
 * (see {@link MessageInsights}).
 */
public final class SentimentAnalyser {
    /** Compound scores closer to 0 than this are neutral. Chosen on the dev set, see docs/benchmarks.md. */
    static final double NEUTRAL_BAND = 0.15;

    private static final double BOOST = 0.293;
    private static final double CAPS_BOOST = 0.733;
    private static final double NEGATION = -0.74;
    private static final double BUT_BEFORE = 0.5;
    private static final double BUT_AFTER = 1.5;
    private static final double EXCLAMATION = 0.292;
    private static final double NORMALISATION = 15;

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nothing", "nowhere", "neither",
            "nor", "nobody", "without", "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent",
            "wont", "wouldnt", "shouldnt", "couldnt", "hasnt", "havent", "hadnt", "aint", "mustnt", "neednt", "rarely",
            "seldom", "nope");
    private static final Map<String, Double> BOOSTERS = Map.ofEntries(
            Map.entry("absolutely", BOOST), Map.entry("amazingly", BOOST), Map.entry("awfully", BOOST),
            Map.entry("completely", BOOST), Map.entry("deeply", BOOST), Map.entry("entirely", BOOST),
            Map.entry("especially", BOOST), Map.entry("exceptionally", BOOST), Map.entry("extremely", BOOST),
            Map.entry("fully", BOOST), Map.entry("greatly", BOOST), Map.entry("highly", BOOST), Map.entry("hugely", BOOST),
            Map.entry("incredibly", BOOST), Map.entry("insanely", BOOST), Map.entry("majorly", BOOST), Map.entry("more", BOOST),
            Map.entry("most", BOOST), Map.entry("particularly", BOOST), Map.entry("pretty", BOOST), Map.entry("quite", BOOST),
            Map.entry("really", BOOST), Map.entry("remarkably", BOOST), Map.entry("so", BOOST), Map.entry("such", BOOST),
            Map.entry("super", BOOST), Map.entry("seriously", BOOST), Map.entry("terribly", BOOST), Map.entry("thoroughly", BOOST),
            Map.entry("too", BOOST), Map.entry("totally", BOOST), Map.entry("truly", BOOST), Map.entry("utterly", BOOST),
            Map.entry("very", BOOST), Map.entry("way", BOOST), Map.entry("hella", BOOST),
            Map.entry("almost", -BOOST), Map.entry("barely", -BOOST), Map.entry("hardly", -BOOST), Map.entry("kinda", -BOOST),
            Map.entry("less", -BOOST), Map.entry("little", -BOOST), Map.entry("marginally", -BOOST), Map.entry("partly", -BOOST),
            Map.entry("slightly", -BOOST), Map.entry("somewhat", -BOOST), Map.entry("sorta", -BOOST), Map.entry("bit", -BOOST));
    private static final Set<String> PRONOUNS = Set.of("i", "we", "you", "they", "he", "she", "u", "me", "us", "them",
            "him", "her", "everyone", "everybody", "people", "folks");
    private static final Set<String> HEDGES = Set.of("kind", "sort");
    private static final Set<String> CONTRASTS = Set.of("but", "however");
    /**
     * Words that are neutral alone but a complaint when negated: "doesn't work", "not working" (the commonest
     * complaint in a chat), "not ok".
     */
    private static final Map<String, Double> NEGATED_MEANING = Map.of("work", -1.8, "works", -1.8, "working", -1.8,
            "worked", -1.8, "ok", -1.5, "okay", -1.5);
    /** Gratitude is never negated: "can't thank you enough". */
    private static final Set<String> UNNEGATED = Set.of("thank", "thanks");

    private final SentimentLexicon lexicon;

    public SentimentAnalyser(SentimentLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Sentiment from everything in the text (English words, emoticons, emoji). */
    public Sentiment analyse(String text) {
        return label(compound(text, true));
    }

    /** Sentiment from emoji and emoticons only, for text in a language the lexicon does not cover. */
    public Sentiment analyseSymbolsOnly(String text) {
        return label(compound(text, false));
    }

    static Sentiment label(double compound) {
        double score = Math.round(compound * 1000) / 1000.0;
        if (compound >= NEUTRAL_BAND) return new Sentiment(Sentiment.POSITIVE, score);
        if (compound <= -NEUTRAL_BAND) return new Sentiment(Sentiment.NEGATIVE, score);
        return new Sentiment(Sentiment.NEUTRAL, score);
    }

    /** VADER's compound score: the sum of valences, normalised to [-1, 1]. */
    double compound(String text, boolean words) {
        List<Token> tokens = Token.split(text == null ? "" : text, lexicon);
        if (tokens.isEmpty()) return 0;
        boolean someCaps = false;
        boolean someNot = false;
        for (Token t : tokens) {
            someCaps |= t.shouted();
            someNot |= t.isWord() && t.hasLetters() && !t.shouted();
        }
        boolean mixedCase = someCaps && someNot;
        double[] valences = new double[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.emoji() >= 0) {
                valences[i] = lexicon.emoji(t.emoji());
            } else if (words || t.isEmoticon()) {
                valences[i] = wordValence(tokens, i, mixedCase);
            }
        }
        if (words) applyContrast(tokens, valences);
        double sum = 0;
        for (double v : valences) sum += v;
        if (sum != 0) sum += Math.signum(sum) * emphasis(text);
        return sum / Math.sqrt(sum * sum + NORMALISATION);
    }

    private double wordValence(List<Token> tokens, int i, boolean mixedCase) {
        Token t = tokens.get(i);
        String w = t.lower();
        if (t.isEmoticon()) return lexicon.word(w);
        if (isBooster(tokens, i) || isHedge(tokens, i)) return 0;
        if (w.equals("like") && !likesSomething(tokens, i)) return 0;
        // "no" before a sentiment word is a determiner that negates it ("no problems"), not a sentiment of its own.
        if (w.equals("no") && lexicon.word(next(tokens, i)) != 0) return 0;
        if (NEGATED_MEANING.containsKey(w)) return negatedWithin(tokens, i, 2) ? NEGATED_MEANING.get(w) : 0;
        double v = valence(w);
        if (v == 0) return 0;
        if (mixedCase && t.shouted()) v += Math.signum(v) * CAPS_BOOST;
        for (int back = 1; back <= 3 && i - back >= 0; back++) {
            Token before = tokens.get(i - back);
            if (!before.isWord()) continue;
            String b = before.lower();
            double scalar = boost(tokens, i - back);
            if (scalar != 0) {
                double boost = Math.signum(v) * scalar * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
                if (mixedCase && before.shouted()) boost += Math.signum(v) * CAPS_BOOST;
                v += boost;
                continue;
            }
            // A preceding sentiment word speaks for itself; only function words modify (as in VADER).
            if (lexicon.word(b) != 0 && !b.equals("no")) continue;
            boolean atLeast = b.equals("least") && i - back > 0 && tokens.get(i - back - 1).lower().equals("at");
            if (negates(b) && !atLeast && !UNNEGATED.contains(w)) v *= NEGATION;
        }
        return v;
    }

    /** Lexicon valence, falling back to the stem of a regular inflection the lexicon lacks ("crashes"). */
    private double valence(String w) {
        if (lexicon.contains(w)) return lexicon.word(w);
        if (w.length() > 4) {
            if (w.endsWith("ing")) {
                String stem = w.substring(0, w.length() - 3);
                if (lexicon.contains(stem)) return lexicon.word(stem);
                if (lexicon.contains(stem + "e")) return lexicon.word(stem + "e");
            }
            if (w.endsWith("ed") || w.endsWith("es")) {
                String stem = w.substring(0, w.length() - 2);
                if (lexicon.contains(stem)) return lexicon.word(stem);
            }
            if (w.endsWith("ly")) {
                String stem = w.substring(0, w.length() - 2);
                if (lexicon.contains(stem)) return lexicon.word(stem);
            }
            if (w.endsWith("est")) {
                String stem = w.substring(0, w.length() - 3);
                if (lexicon.contains(stem)) return lexicon.word(stem);
                if (lexicon.contains(stem + "e")) return lexicon.word(stem + "e");
            }
            if (w.endsWith("s") && !w.endsWith("ss") || w.endsWith("d")) {
                String stem = w.substring(0, w.length() - 1);
                if (lexicon.contains(stem)) return lexicon.word(stem);
            }
        }
        return 0;
    }

    /** "kind of" and "sort of" soften what follows, except in "kind of you" (praise). */
    private static boolean isHedge(List<Token> tokens, int i) {
        return i >= 0 && HEDGES.contains(tokens.get(i).lower()) && next(tokens, i).equals("of")
                && !PRONOUNS.contains(i + 2 < tokens.size() ? tokens.get(i + 2).lower() : "");
    }

    /**
     * "like" is a feeling after someone who likes ("I like", "don't like", "really like") and a preposition
     * otherwise ("sounds like a plan", "looks like it"); "I'd like" is a request.
     */
    private static boolean likesSomething(List<Token> tokens, int i) {
        if (i == 0) return true;
        String before = tokens.get(i - 1).lower();
        return PRONOUNS.contains(before) || negates(before) || BOOSTERS.containsKey(before)
                || before.equals("also") || before.equals("just");
    }

    private static boolean negates(String w) {
        return NEGATIONS.contains(w) || w.equals("least");
    }

    /** How much the word at {@code j} intensifies (or, "kind of", softens) what follows; 0 for other words. */
    private double boost(List<Token> tokens, int j) {
        if (isBooster(tokens, j)) return BOOSTERS.get(tokens.get(j).lower());
        if (isHedge(tokens, j - 1)) return -BOOST;
        return 0;
    }

    /** An intensifier; one that is also a sentiment word ("pretty", "super") only when a sentiment word follows. */
    private boolean isBooster(List<Token> tokens, int i) {
        String w = tokens.get(i).lower();
        if (!BOOSTERS.containsKey(w)) return false;
        if (lexicon.word(w) == 0) return true;
        String next = next(tokens, i);
        return lexicon.word(next) != 0 || BOOSTERS.containsKey(next);
    }

    private static boolean negatedWithin(List<Token> tokens, int i, int words) {
        for (int back = 1; back <= words && i - back >= 0; back++) {
            if (negates(tokens.get(i - back).lower())) return true;
        }
        return false;
    }

    /** The clause after "but" is what the writer means: it counts more, the one before less. */
    private static void applyContrast(List<Token> tokens, double[] valences) {
        for (int c = 0; c < tokens.size(); c++) {
            if (!CONTRASTS.contains(tokens.get(c).lower())) continue;
            for (int i = 0; i < valences.length; i++) {
                if (i < c) valences[i] *= BUT_BEFORE;
                else if (i > c) valences[i] *= BUT_AFTER;
            }
            return;
        }
    }

    /** Exclamation marks amplify whatever the message already says (up to four count). */
    private static double emphasis(String text) {
        int bangs = 0;
        for (int i = 0; i < text.length() && bangs < 4; i++) if (text.charAt(i) == '!') bangs++;
        return Math.min(bangs, 4) * EXCLAMATION;
    }

    private static String next(List<Token> tokens, int i) {
        return i + 1 < tokens.size() ? tokens.get(i + 1).lower() : "";
    }

    /**
     * A word, a text emoticon such as ":)" or one emoji (code point, or -1 for text).
     *
     * @param shouted ALL CAPS, which VADER reads as emphasis when the rest of the message is not shouted
     */
    record Token(String text, String lower, int emoji, boolean isEmoticon, boolean hasLetters, boolean shouted) {
        private static final Pattern WHITESPACE = Pattern.compile("\\s+");

        static Token of(String text, String lower, int emoji, boolean isEmoticon) {
            boolean letters = text.codePoints().anyMatch(Character::isLetter);
            boolean word = emoji < 0 && !isEmoticon;
            return new Token(text, lower, emoji, isEmoticon, letters,
                    word && letters && text.length() > 1 && !text.equals(lower) && text.equals(text.toUpperCase(Locale.ROOT)));
        }

        boolean isWord() {
            return emoji < 0 && !isEmoticon;
        }

        static List<Token> split(String text, SentimentLexicon lexicon) {
            List<Token> tokens = new ArrayList<>();
            for (String chunk : WHITESPACE.split(text.replace('\u2019', '\''))) {
                if (chunk.isEmpty()) continue;
                String lower = chunk.toLowerCase(Locale.ROOT);
                if (lexicon.contains(lower) && !lower.codePoints().allMatch(Character::isLetterOrDigit)) {
                    tokens.add(Token.of(chunk, lower, -1, !lower.codePoints().anyMatch(Character::isLetter) || lower.length() <= 3));
                    continue;
                }
                StringBuilder word = new StringBuilder();
                chunk.codePoints().forEach(cp -> {
                    if (isEmoji(cp)) {
                        addWord(tokens, word);
                        tokens.add(Token.of(Character.toString(cp), Character.toString(cp), cp, false));
                    } else if (Character.isLetterOrDigit(cp) || cp == '\'' || cp == '-' || cp == '_') {
                        word.appendCodePoint(cp);
                    } else if (Character.getType(cp) != Character.NON_SPACING_MARK && Character.getType(cp) != Character.FORMAT
                            && Character.getType(cp) != Character.MODIFIER_SYMBOL) {
                        addWord(tokens, word); // punctuation ends a word ("great!", "worst.deploy")
                    }
                });
                addWord(tokens, word);
            }
            return tokens;
        }

        private static void addWord(List<Token> tokens, StringBuilder word) {
            String w = stripEdges(word.toString());
            word.setLength(0);
            if (w.length() < 2 && !w.equalsIgnoreCase("k")) return;
            String lower = w.toLowerCase(Locale.ROOT);
            // "don't" and "dont" are the same negation.
            if (lower.endsWith("n't")) lower = lower.substring(0, lower.length() - 3) + "nt";
            tokens.add(Token.of(w, lower, -1, false));
        }

        private static String stripEdges(String w) {
            int start = 0;
            int end = w.length();
            while (start < end && "'-_".indexOf(w.charAt(start)) >= 0) start++;
            while (end > start && "'-_".indexOf(w.charAt(end - 1)) >= 0) end--;
            return w.substring(start, end);
        }

        private static boolean isEmoji(int cp) {
            return Character.getType(cp) == Character.OTHER_SYMBOL && cp >= 0x2100;
        }
    }
}
