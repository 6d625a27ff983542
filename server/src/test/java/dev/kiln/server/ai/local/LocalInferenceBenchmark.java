package dev.kiln.server.ai.local;

import dev.kiln.server.ai.AiProvider;
import dev.kiln.server.ai.ProviderFailure;
import dev.kiln.server.config.KilnProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the local engine: time to first token and decode speed of one reply at a time, and the total
 * speed of two replies at once. Not a test (timings on a shared machine are not assertions); run it with
 * bench/local-inference.sh. Arguments: [model.gguf (default: the tiny test model, written now)] [runs (10)]
 * [max tokens per reply (128)].
 */
public final class LocalInferenceBenchmark {
    private static final String QUESTION = "In two sentences, what is a kiln and how hot does it get when firing stoneware?";

    private record Run(double ttftMs, double tokensPerSecond, int tokens) {}

    private LocalInferenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path model = args.length > 0 && !args[0].isBlank() ? Path.of(args[0])
                : TinyGguf.write(Files.createTempDirectory("kiln-bench").resolve("tiny.gguf"));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int threads = Integer.parseInt(System.getenv().getOrDefault("KILN_MODEL_THREADS", "0"));
        KilnProperties.Ai.Local settings = new KilnProperties.Ai.Local(model.toString(), false, KilnProperties.Ai.Local.DEFAULT_MODEL_URL,
                "", 4096, threads, 2, 4, Duration.ofMinutes(5));
        long loadStarted = System.nanoTime();
        try (LlamaEngine engine = LlamaEngine.load(model, model.getFileName().toString(), settings)) {
            double loadMs = (System.nanoTime() - loadStarted) / 1e6;
            one(engine, maxTokens); // warm-up: first-use allocations, page cache
            List<Run> single = new ArrayList<>();
            for (int i = 0; i < runs; i++) single.add(one(engine, maxTokens));
            long pairStarted = System.nanoTime();
            java.util.concurrent.atomic.AtomicInteger pairTokensCounter = new java.util.concurrent.atomic.AtomicInteger();
            Thread a = Thread.ofPlatform().start(() -> pairTokensCounter.addAndGet(one(engine, maxTokens).tokens()));
            Thread b = Thread.ofPlatform().start(() -> pairTokensCounter.addAndGet(one(engine, maxTokens).tokens()));
            a.join();
            b.join();
            int pairTokens = pairTokensCounter.get();
            double pairSeconds = (System.nanoTime() - pairStarted) / 1e9;

            System.out.printf(Locale.ROOT, "model %s (%d MB), %d runs of up to %d tokens, %s threads, %d cores%n", model.getFileName(),
                    Files.size(model) / 1_000_000, runs, maxTokens, threads == 0 ? "llama.cpp's default" : threads,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "| load | TTFT p50 | TTFT p95 | decode tokens/s p50 | 2 replies at once, tokens/s in all |%n");
            System.out.printf(Locale.ROOT, "| %.0f ms | %.1f ms | %.1f ms | %.0f | %.0f |%n", loadMs,
                    percentile(single.stream().mapToDouble(Run::ttftMs).toArray(), 50),
                    percentile(single.stream().mapToDouble(Run::ttftMs).toArray(), 95),
                    percentile(single.stream().mapToDouble(Run::tokensPerSecond).toArray(), 50), pairTokens / pairSeconds);
        }
        // llama.cpp's worker thread stays attached to the JVM as a non-daemon thread after the model is freed.
        System.exit(0);
    }

    /** One reply: the first token's delay from the request, and tokens per second after it. */
    private static Run one(LlamaEngine engine, int maxTokens) {
        long started = System.nanoTime();
        AtomicLong first = new AtomicLong();
        CompletableFuture<AiProvider.Usage> done = new CompletableFuture<>();
        engine.generate(new AiProvider.Request("You are Kiln's assistant. Answer concisely.",
                List.of(new AiProvider.Turn(AiProvider.Role.USER, QUESTION)), null, 0.7, maxTokens), new AiProvider.Listener() {
            @Override
            public void onDelta(String text) {
                first.compareAndSet(0, System.nanoTime());
            }

            @Override
            public void onComplete(String text, AiProvider.Usage usage, String model) {
                done.complete(usage);
            }

            @Override
            public void onError(ProviderFailure failure) {
                done.completeExceptionally(failure);
            }
        });
        try {
            AiProvider.Usage usage = done.get(10, TimeUnit.MINUTES);
            long end = System.nanoTime();
            double decodeSeconds = (end - first.get()) / 1e9;
            return new Run((first.get() - started) / 1e6, decodeSeconds > 0 ? (usage.outputTokens() - 1) / decodeSeconds : 0,
                    usage.outputTokens());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
