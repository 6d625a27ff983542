package dev.kiln.server.insight;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The language of a message, with Lingua, in-process. Lingua runs in low-accuracy mode (trigram models only): for
 * 17 languages that is about 15 MiB of heap and ~100 µs a message, where high-accuracy mode needs about 300 MiB.
 * On short chat lines low accuracy mistakes languages more often, so a detection is only reported when the best
 * language beats the runner-up clearly, and never for text with too few letters ("ok", "lol", "👍").
 * The models load in the background at startup; the first detections wait for them.
 */
public final class LanguageDetection {
    private static final Logger log = LoggerFactory.getLogger(LanguageDetection.class);
    /** Below this many letters a guess is noise. A Han, kana or Hangul character counts as three (about a word). */
    static final int MIN_LETTERS = 8;
    /** How far the best language's confidence must lead the runner-up's (Lingua's relative distance). */
    static final double MIN_RELATIVE_DISTANCE = 0.1;
    /** Characters of a message that detection reads. */
    static final int SAMPLE_CHARS = 400;
    private static final Pattern NOT_PROSE = Pattern.compile("https?://\\S+|@[\\w.-]+|`[^`]*`");

    private final CompletableFuture<LanguageDetector> detector;
    private final List<String> languages;

    private LanguageDetection(List<String> languages, CompletableFuture<LanguageDetector> detector) {
        this.languages = languages;
        this.detector = detector;
    }

    /**
     * Starts loading the models for these ISO 639-1 codes in the background. An empty list turns detection off;
     * an unknown code or a single language is a configuration error.
     */
    public static LanguageDetection of(List<String> isoCodes) {
        List<IsoCode639_1> codes = new ArrayList<>();
        for (String raw : isoCodes) {
            String code = raw.strip().toUpperCase(Locale.ROOT);
            if (code.isEmpty()) continue;
            try {
                IsoCode639_1 iso = IsoCode639_1.valueOf(code);
                if (iso == IsoCode639_1.NONE) throw new IllegalArgumentException();
                if (!codes.contains(iso)) codes.add(iso);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kiln.insights.languages: '" + raw.strip() + "' is not an ISO 639-1 code Lingua knows");
            }
        }
        List<String> names = codes.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (codes.isEmpty()) return new LanguageDetection(names, CompletableFuture.completedFuture(null));
        if (codes.size() == 1) {
            throw new IllegalArgumentException("kiln.insights.languages: name at least two languages to choose among, or none to turn detection off");
        }
        CompletableFuture<LanguageDetector> loading = new CompletableFuture<>();
        Thread.ofPlatform().name("kiln-language-models").daemon(true).start(() -> {
            try {
                long start = System.nanoTime();
                LanguageDetector d = LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(IsoCode639_1[]::new))
                        .withLowAccuracyMode().withMinimumRelativeDistance(MIN_RELATIVE_DISTANCE).withPreloadedLanguageModels().build();
                log.info("Language detection ready for {} in {} ms", names, (System.nanoTime() - start) / 1_000_000);
                loading.complete(d);
            } catch (RuntimeException | Error e) {
                log.error("Language models failed to load; messages get no language", e);
                loading.complete(null);
            }
        });
        return new LanguageDetection(names, loading);
    }

    /** The languages detection chooses among, as ISO 639-1 codes. */
    public List<String> languages() {
        return languages;
    }

    /** The ISO 639-1 code of the text's language, or null when the text is too short or the detector unsure. */
    public String detect(String text) {
        if (text == null) return null;
        // The first few hundred characters tell the language as well as all of them, and bound the cost of long messages.
        String prose = NOT_PROSE.matcher(text.length() <= SAMPLE_CHARS * 2 ? text : text.substring(0, SAMPLE_CHARS * 2)).replaceAll(" ");
        if (prose.length() > SAMPLE_CHARS) {
            prose = prose.substring(0, Character.isHighSurrogate(prose.charAt(SAMPLE_CHARS - 1)) ? SAMPLE_CHARS - 1 : SAMPLE_CHARS);
        }
        if (letterWeight(prose) < MIN_LETTERS) return null;
        LanguageDetector d = detector.join();
        if (d == null) return null;
        Language language = d.detectLanguageOf(prose);
        return language == Language.UNKNOWN ? null : language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    static int letterWeight(String text) {
        int weight = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean logographic = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
            weight += logographic ? 3 : 1;
            if (weight >= MIN_LETTERS) return weight;
        }
        return weight;
    }
}
