package dev.kiln.server.insight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Valences of words, text emoticons and emoji, on VADER's scale of -4 to +4: VADER's own lexicon, then Kiln's
 * chat adjustments over it, and a table of emoji (VADER's lexicon predates them). Loaded once from resources.
 */
public final class SentimentLexicon {
    private final Map<String, Double> words;
    private final Map<Integer, Double> emoji;

    private SentimentLexicon(Map<String, Double> words, Map<Integer, Double> emoji) {
        this.words = words;
        this.emoji = emoji;
    }

    /** The bundled lexicon (resources under insight/). */
    public static SentimentLexicon bundled() {
        Map<String, Double> words = new HashMap<>(16_384);
        read("insight/vader-lexicon.tsv", (token, valence) -> words.put(token.toLowerCase(Locale.ROOT), valence));
        read("insight/chat-lexicon.tsv", (token, valence) -> words.put(token.toLowerCase(Locale.ROOT), valence));
        Map<Integer, Double> emoji = new HashMap<>();
        read("insight/emoji-lexicon.tsv", (token, valence) -> emoji.put(token.codePointAt(0), valence));
        return new SentimentLexicon(Map.copyOf(words), Map.copyOf(emoji));
    }

    /** The valence of a lower-case word or emoticon; 0 when unknown. */
    public double word(String lowerCase) {
        return words.getOrDefault(lowerCase, 0.0);
    }

    public boolean contains(String lowerCase) {
        return words.containsKey(lowerCase);
    }

    /** The valence of an emoji code point; 0 when unknown. */
    public double emoji(int codePoint) {
        return emoji.getOrDefault(codePoint, 0.0);
    }

    private interface Entry {
        void accept(String token, double valence);
    }

    private static void read(String resource, Entry sink) {
        try (InputStream in = SentimentLexicon.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("# ") || line.equals("#")) continue;
                int tab = line.indexOf('\t');
                if (tab <= 0) throw new IllegalStateException(resource + ": bad line: " + line);
                int end = line.indexOf('\t', tab + 1);
                sink.accept(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1, end < 0 ? line.length() : end)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
