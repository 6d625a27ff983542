package dev.kiln.server.insight;

import java.util.List;
import java.util.Locale;

/** Measures, in a JVM of its own, the heap the default language models take and the time of one detection. */
public final class LanguageModelFootprint {
    private LanguageModelFootprint() {}

    public static void main(String[] args) {
        List<String> languages = LanguageDetectionTest.defaults();
        long before = usedHeap();
        long start = System.nanoTime();
        LanguageDetection detection = LanguageDetection.of(languages);
        detection.detect("warming up the models with a sentence");
        long loadMs = (System.nanoTime() - start) / 1_000_000;
        long after = usedHeap();
        String[] texts = {"thanks so much, that fixed it!", "can you send me the link to the doc?", "Merci beaucoup, à demain !",
                "the build takes about 12 minutes", "Kannst du mir bitte den Link schicken?"};
        for (int i = 0; i < 5_000; i++) detection.detect(texts[i % texts.length]);
        int n = 20_000;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) detection.detect(texts[i % texts.length]);
        double micros = (System.nanoTime() - t) / 1e3 / n;
        System.out.printf(Locale.ROOT, "language models: %d languages, %.1f MiB of heap, loaded in %d ms, %.1f µs per detection%n",
                languages.size(), (after - before) / 1048576.0, loadMs, micros);

        // What a send pays: sentiment and language of the held-out chat messages, as MessageInsights runs them.
        MessageInsights insights = new MessageInsights(new SentimentAnalyser(SentimentLexicon.bundled()), detection,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        List<String> chat;
        try {
            chat = SentimentEvaluationTest.read("sentiment/eval.tsv").stream().map(SentimentEvaluationTest.Example::text).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int i = 0; i < 10_000; i++) insights.analyse(chat.get(i % chat.size()));
        t = System.nanoTime();
        for (int i = 0; i < n; i++) insights.analyse(chat.get(i % chat.size()));
        System.out.printf(Locale.ROOT, "message insights: %.1f µs per message (sentiment + language, %d chat messages)%n",
                (System.nanoTime() - t) / 1e3 / n, chat.size());
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) System.gc();
        return r.totalMemory() - r.freeMemory();
    }
}
