package dev.kiln.server.ai.local;

import dev.kiln.server.ai.AiProvider;
import dev.kiln.server.ai.ProviderFailure;
import dev.kiln.server.config.KilnProperties;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GGUF model, loaded once by llama.cpp and shared by every reply.
 *
 * <p>Generations run on {@code parallel} platform threads with a bounded queue in front of them:
 * <ul>
 *   <li>Platform threads, not virtual ones: every token is a blocking JNI call, and a virtual thread inside
 *   native code pins its carrier. With as many carriers as cores (two here), two generations would stall
 *   every virtual thread of the server: HTTP requests, socket events, the database writer.</li>
 *   <li>A bound: llama.cpp splits the context (the KV cache, allocated at load) into one slot per parallel
 *   generation, and they share the CPU, so more at once would only make each slower. The rest wait in our
 *   queue, where a cancelled request is dropped before it costs anything; above the queue's capacity a
 *   request is refused at once instead of timing out.</li>
 * </ul>
 * A generation is cancelled from its own thread between two tokens: llama.cpp's cancel drops the task's
 * result queue, so a thread blocked waiting for the next token of a task cancelled elsewhere would wait forever.
 */
final class LlamaEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LlamaEngine.class);
    private static final Logger llamaLog = LoggerFactory.getLogger("dev.kiln.server.ai.local.llama");
    /** Used when neither the request nor the room sets one: lively enough for chat, steady enough for JSON. */
    static final float DEFAULT_TEMPERATURE = 0.7f;
    private static final String NATIVE_DIR_PROPERTY = "de.kherud.llama.tmpdir";

    private final LlamaModel model;
    private final String name;
    private final int slotTokens;
    private final ThreadPoolExecutor generations;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();

    private LlamaEngine(LlamaModel model, String name, KilnProperties.Ai.Local settings) {
        this.model = model;
        this.name = name;
        int parallel = Math.max(1, settings.parallel());
        this.slotTokens = Math.max(256, settings.contextSize() / parallel);
        AtomicInteger threadNo = new AtomicInteger();
        this.generations = new ThreadPoolExecutor(parallel, parallel, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queueCapacity())),
                r -> Thread.ofPlatform().daemon().name("kiln-llama-" + threadNo.incrementAndGet()).unstarted(r));
    }

    /**
     * Loads the model (blocking: seconds for a real model). Throws when the file is not a model llama.cpp can
     * load, and {@link LinkageError} when the native library does not run on this platform.
     */
    static LlamaEngine load(Path file, String name, KilnProperties.Ai.Local settings) {
        privateNativeDir();
        // The first use of LlamaModel loads the native library; its log lines go to our logger from then on.
        LlamaModel.setLogger(LogFormat.TEXT, LlamaEngine::logNative);
        ModelParameters params = new ModelParameters()
                .setModel(file.toAbsolutePath().toString())
                .setCtxSize(settings.contextSize())
                .setParallel(Math.max(1, settings.parallel()))
                .disableLog();
        if (settings.threads() > 0) params.setThreads(settings.threads()).setThreadsBatch(settings.threads());
        return new LlamaEngine(new LlamaModel(params), name, settings);
    }

    String name() {
        return name;
    }

    /** The loaded model, for rendering prompts outside a generation (tests). */
    LlamaModel model() {
        return model;
    }

    /** Generations running now. */
    int active() {
        return active.get();
    }

    /** Generations waiting for a slot. */
    int queued() {
        return generations.getQueue().size();
    }

    /** Starts a reply (see {@link AiProvider#stream}); returns at once. */
    AiProvider.Stream generate(AiProvider.Request request, AiProvider.Listener listener) {
        AtomicBoolean cancelled = new AtomicBoolean();
        try {
            generations.execute(() -> run(request, listener, cancelled));
        } catch (RejectedExecutionException busy) {
            listener.onError(ProviderFailure.of(LocalProvider.NAME, closing.get() ? "the local model is shutting down"
                    : "the local model is busy (" + generations.getMaximumPoolSize() + " generating, " + generations.getQueue().size()
                    + " waiting, the most it takes); try again shortly"));
        }
        return () -> cancelled.set(true);
    }

    private void run(AiProvider.Request request, AiProvider.Listener listener, AtomicBoolean cancelled) {
        if (cancelled.get() || closing.get()) return;
        active.incrementAndGet();
        try {
            int maxOutput = Math.max(1, request.maxOutputTokens());
            // Leave room for the reply: at least a quarter of the slot, more when the reply may be long.
            ChatPrompt.Rendered prompt = ChatPrompt.render(model, request, slotTokens - Math.min(maxOutput, slotTokens * 3 / 4));
            float temperature = request.temperature() == null ? DEFAULT_TEMPERATURE : request.temperature().floatValue();
            InferenceParameters params = new InferenceParameters(prompt.text())
                    .setNPredict(maxOutput)
                    .setTemperature(temperature)
                    .setCachePrompt(true);
            // Constrained decoding: llama.cpp samples only tokens that keep the output inside the schema's grammar.
            if (request.responseSchema() != null) params.setGrammar(LlamaModel.jsonSchemaToGrammar(request.responseSchema()));
            LlamaIterator tokens = model.generate(params).iterator();
            StringBuilder text = new StringBuilder();
            int generated = 0;
            while (tokens.hasNext()) {
                if (cancelled.get() || closing.get()) {
                    tokens.cancel();
                    return;
                }
                LlamaOutput out = tokens.next();
                // Every output but the last (the end marker, empty while streaming) is one generated token.
                if (tokens.hasNext()) generated++;
                if (!out.text.isEmpty()) {
                    text.append(out.text);
                    listener.onDelta(out.text);
                }
            }
            listener.onComplete(text.toString(), new AiProvider.Usage(prompt.tokens(), generated), name);
        } catch (RuntimeException e) {
            // de.kherud.llama.LlamaException is package-private; any failure here is the engine's.
            log.warn("Local model generation failed: {}", e.getMessage());
            if (!cancelled.get()) listener.onError(ProviderFailure.of(LocalProvider.NAME, "generation failed: " + e.getMessage()));
        } finally {
            active.decrementAndGet();
        }
    }

    /**
     * Stops accepting work, lets each running generation stop at its next token, then frees the native
     * model. Freeing it under a thread still inside llama.cpp would crash the JVM, so if they do not stop in
     * time the model is left to the process's exit.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) return;
        generations.shutdown();
        try {
            if (generations.awaitTermination(10, TimeUnit.SECONDS)) {
                model.close();
            } else {
                log.warn("Local model generations did not stop within 10 s; leaving the model loaded until the process exits");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives llama's native-library loader a directory of its own. By default it extracts libjllama.so into
     * the shared temp dir and first deletes every file there whose name starts with "llama" or "jllama",
     * whoever they belong to, and several processes would race on the same file.
     */
    private static synchronized void privateNativeDir() {
        if (System.getProperty(NATIVE_DIR_PROPERTY) != null) return;
        try {
            java.io.File dir = Files.createTempDirectory("kiln-llama-").toFile();
            dir.deleteOnExit();
            System.setProperty(NATIVE_DIR_PROPERTY, dir.getAbsolutePath());
        } catch (java.io.IOException e) {
            log.warn("No private directory for llama.cpp's native library ({}); it uses the temp dir", e.getMessage());
        }
    }

    private static void logNative(LogLevel level, String message) {
        String line = message.strip();
        if (line.isEmpty()) return;
        switch (level) {
            case ERROR -> llamaLog.error(line);
            case WARN -> llamaLog.warn(line);
            case INFO -> llamaLog.debug(line);
            default -> llamaLog.trace(line);
        }
    }
}
