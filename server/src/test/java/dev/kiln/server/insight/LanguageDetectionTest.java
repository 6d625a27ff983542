package dev.kiln.server.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.server.config.KilnProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Language detection with the default language set: sentences in 13 languages, short lines, and what must stay null. */
class LanguageDetectionTest {
    private static LanguageDetection detection;

    @BeforeAll
    static void load() {
        detection = LanguageDetection.of(defaults());
    }

    static List<String> defaults() {
        // The defaults as Spring binds them, so the test follows KilnProperties.
        return bound(java.util.Map.of());
    }

    private static List<String> bound(java.util.Map<String, String> settings) {
        return new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(settings))
                .bindOrCreate("kiln", KilnProperties.class).insights().languages();
    }

    @Test
    void theSettingIsACommaSeparatedListAndEmptyTurnsDetectionOff() {
        assertThat(defaults()).hasSize(17).contains("en", "de", "fr", "zh");
        assertThat(bound(java.util.Map.of("kiln.insights.languages", "en, fr,de"))).containsExactly("en", "fr", "de");
        List<String> empty = bound(java.util.Map.of("kiln.insights.languages", ""));
        assertThat(LanguageDetection.of(empty).languages()).isEmpty();
    }

    @Test
    void chatSentencesInThirteenLanguages() {
        assertThat(detection.detect("Can you send me the link to the design doc before the meeting?")).isEqualTo("en");
        assertThat(detection.detect("Kannst du mir bitte den Link zum Dokument schicken? Ich finde ihn nicht.")).isEqualTo("de");
        assertThat(detection.detect("La réunion est déplacée à jeudi après-midi")).isEqualTo("fr");
        assertThat(detection.detect("¿Quién está de guardia este fin de semana?")).isEqualTo("es");
        assertThat(detection.detect("La riunione è spostata a giovedì pomeriggio")).isEqualTo("it");
        assertThat(detection.detect("A reunião foi remarcada para quinta à tarde")).isEqualTo("pt");
        assertThat(detection.detect("De vergadering is verplaatst naar donderdagmiddag")).isEqualTo("nl");
        assertThat(detection.detect("Mötet är flyttat till torsdag eftermiddag")).isEqualTo("sv");
        assertThat(detection.detect("Spotkanie przeniesiono na czwartek po południu")).isEqualTo("pl");
        assertThat(detection.detect("Я сегодня работаю из дома")).isEqualTo("ru");
        assertThat(detection.detect("Toplantı perşembe öğleden sonraya ertelendi")).isEqualTo("tr");
        assertThat(detection.detect("今日は在宅勤務です")).isEqualTo("ja");
        assertThat(detection.detect("明天的会议几点开始？")).isEqualTo("zh");
        assertThat(detection.detect("내일 회의는 몇 시예요?")).isEqualTo("ko");
    }

    @Test
    void tooShortOrNotProseIsNull() {
        assertThat(detection.detect("ok")).isNull();
        assertThat(detection.detect("lol")).isNull();
        assertThat(detection.detect("Merci!")).isNull();
        assertThat(detection.detect("👍🎉")).isNull();
        assertThat(detection.detect("PR #4521")).isNull();
        assertThat(detection.detect("@alexandra https://example.com/some/long/path")).as("mentions and links are not prose").isNull();
        assertThat(detection.detect("")).isNull();
        assertThat(detection.detect(null)).isNull();
        // Three ideographs are about three words: enough.
        assertThat(LanguageDetection.letterWeight("谢谢你")).isGreaterThanOrEqualTo(LanguageDetection.MIN_LETTERS);
    }

    @Test
    void shortLinesAreRightOrUnsureButRarelyWrong() throws IOException {
        int right = 0;
        int unsure = 0;
        List<String> wrong = new ArrayList<>();
        List<String[]> lines = read("language/short-lines.tsv");
        for (String[] line : lines) {
            String got = detection.detect(line[1]);
            if (line[0].equals(got)) right++;
            else if (got == null) unsure++;
            else wrong.add(line[0] + " -> " + got + ": " + line[1]);
        }
        System.out.printf(Locale.ROOT, "language, %d short chat lines: %d right, %d unsure (null), %d wrong %s%n",
                lines.size(), right, unsure, wrong.size(), wrong);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(80);
        // Measured when written: 62 right, 19 unsure, 1 wrong. Wrong answers are what the minimum distance guards against.
        assertThat(wrong.size()).as("wrong: " + wrong).isLessThanOrEqualTo(2);
        assertThat(right).isGreaterThanOrEqualTo(lines.size() * 7 / 10);
    }

    @Test
    void configurationErrorsAreClear() {
        assertThatThrownBy(() -> LanguageDetection.of(List.of("en", "xx"))).hasMessageContaining("'xx' is not an ISO 639-1 code");
        assertThatThrownBy(() -> LanguageDetection.of(List.of("en"))).hasMessageContaining("at least two languages");
        LanguageDetection off = LanguageDetection.of(List.of());
        assertThat(off.detect("This sentence is clearly written in English")).isNull();
        assertThat(LanguageDetection.of(List.of(" EN", "de ", "en")).languages()).containsExactly("en", "de");
    }

    @Test
    void memoryAndTimeOfTheDefaultModels() throws Exception {
        // In a fresh JVM, because the models are shared process-wide and other tests may have loaded them already.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), LanguageModelFootprint.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String report = out.lines().filter(l -> l.startsWith("language models:")).findFirst().orElseThrow(() -> new AssertionError(out));
        String perMessage = out.lines().filter(l -> l.startsWith("message insights:")).findFirst().orElseThrow(() -> new AssertionError(out));
        System.out.println(report);
        System.out.println(perMessage);
        assertThat(report).contains("17 languages");
    }

    static List<String[]> read(String resource) throws IOException {
        try (InputStream in = LanguageDetectionTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) rows.add(line.split("\t", 2));
            }
            return rows;
        }
    }
}
