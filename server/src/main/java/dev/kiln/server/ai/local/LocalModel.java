package dev.kiln.server.ai.local;

import dev.kiln.server.ai.AiProvider;
import dev.kiln.server.ai.AiProvider.Readiness;
import dev.kiln.server.ai.AiProviders;
import dev.kiln.server.config.KilnProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The local provider's model: which GGUF file ({@code KILN_MODEL_PATH}, or the default model downloaded into
 * {@code <dataDir>/models}), its state as the UI shows it, and the loaded {@link LlamaEngine}. It is prepared
 * in the background once the server is up, so startup does not wait for a download or a load; a download
 * that fails for want of network is retried with backoff, one that fails verification is not.
 */
@Component
public class LocalModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalModel.class);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(30);
    private static final String HOW_TO_ENABLE = "To enable the assistant, set KILN_MODEL_PATH to a GGUF model file on this server, "
            + "allow the default model's download (KILN_MODEL_DOWNLOAD=true, which needs access to huggingface.co or KILN_MODEL_URL), "
            + "or configure a hosted provider (KILN_AI_PROVIDER=openai or anthropic, with KILN_AI_API_KEY).";

    private final KilnProperties.Ai.Local settings;
    private final Path modelsDir;
    private final boolean enabled;
    private final ApplicationEventPublisher events;
    private final ModelDownload download;
    private volatile Readiness readiness;
    private volatile String modelName;
    private volatile LlamaEngine engine;
    private volatile Thread preparing;
    private volatile boolean closed;
    private int loggedTenth = -1;

    public LocalModel(KilnProperties props, ApplicationEventPublisher events, MeterRegistry metrics) {
        this.settings = props.ai().local();
        this.modelsDir = props.dataDir().resolve("ai-models"); // models/ holds the 3D models people generate
        this.enabled = props.ai().provider().stream().anyMatch(p -> AiProviders.LOCAL.equalsIgnoreCase(p.strip()));
        this.events = events;
        this.download = new ModelDownload(3, Duration.ofSeconds(60), Duration.ofSeconds(1));
        this.modelName = settings.modelPath().isBlank() ? nameOf(fileNameOf(settings.downloadUrl())) : nameOf(settings.modelPath());
        this.readiness = new Readiness(Readiness.LOADING, null, "The local AI model is starting; try again in a moment.");
        Gauge.builder("kiln.ai.local.generations.active", this, m -> m.engine == null ? 0 : m.engine.active())
                .description("replies the local model is generating now").register(metrics);
        Gauge.builder("kiln.ai.local.generations.queued", this, m -> m.engine == null ? 0 : m.engine.queued())
                .description("replies waiting for the local model").register(metrics);
    }

    /**
     * Starts preparing the model once the server is up (only when "local" is one of the configured providers).
     * What can be decided at once (no file, download turned off) is, so a request right after startup
     * already gets the real reason; downloading and loading run on a thread of their own.
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (!enabled || preparing != null || closed) return;
        Runnable work = plan();
        if (work != null) preparing = Thread.ofVirtual().name("kiln-local-model").start(work);
    }

    public Readiness readiness() {
        return readiness;
    }

    /** The model's name: its file name without ".gguf". */
    public String name() {
        return modelName;
    }

    /** The loaded engine, or null while the model is not ready. */
    LlamaEngine engine() {
        return engine;
    }

    /** Replies generating right now (0 when no model is loaded). */
    public int activeGenerations() {
        LlamaEngine e = engine;
        return e == null ? 0 : e.active();
    }

    /** Settles what needs no I/O beyond a file check; returns the slow part (load, or download then load), or null. */
    private Runnable plan() {
        if (!settings.modelPath().isBlank()) {
            Path file = Path.of(settings.modelPath());
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                unavailable("KILN_MODEL_PATH points at " + file.toAbsolutePath() + ", which is not a readable file. Fix the path, "
                        + "or unset KILN_MODEL_PATH to use the default model.");
                return null;
            }
            return guarded(() -> load(file));
        }
        URI url;
        try {
            url = URI.create(settings.downloadUrl().strip());
        } catch (IllegalArgumentException e) {
            unavailable("KILN_MODEL_URL is not a valid URL (" + e.getMessage() + "). " + HOW_TO_ENABLE);
            return null;
        }
        Path target = modelsDir.resolve(fileNameOf(settings.downloadUrl()));
        if (Files.isRegularFile(target)) return guarded(() -> load(target));
        if (!settings.download()) {
            unavailable("The local AI model is not available: no model file is configured and the download of the default model ("
                    + target.getFileName() + ") is turned off. " + HOW_TO_ENABLE);
            return null;
        }
        set(new Readiness(Readiness.DOWNLOADING, null, downloadingReason(null)));
        return guarded(() -> downloadWithRetries(url, target));
    }

    private interface Work {
        void run() throws InterruptedException;
    }

    private Runnable guarded(Work work) {
        return () -> {
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Preparing the local AI model failed", e);
                unavailable("The local AI model could not be prepared: " + e.getMessage() + ". " + HOW_TO_ENABLE);
            }
        };
    }

    private void downloadWithRetries(URI url, Path target) throws InterruptedException {
        Duration wait = FIRST_RETRY;
        while (!closed) {
            try {
                log.info("Downloading the local AI model from {} into {}", url, target);
                set(new Readiness(Readiness.DOWNLOADING, null, downloadingReason(null)));
                download.fetch(url, settings.sha256(), target, this::progress);
                load(target);
                return;
            } catch (ModelDownload.Failed f) {
                if (!f.retryable()) {
                    log.error("Local AI model download rejected: {}", f.getMessage());
                    unavailable("The local AI model could not be used: " + f.getMessage() + ". " + HOW_TO_ENABLE);
                    return;
                }
                log.warn("Local AI model download failed: {}; retrying in {} min (a partial download resumes)", f.getMessage(), wait.toMinutes());
                unavailable("The local AI model could not be downloaded (" + f.getMessage() + "); Kiln tries again in " + wait.toMinutes()
                        + " min and resumes where it stopped. " + HOW_TO_ENABLE);
                Thread.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private void progress(long done, long total) {
        Integer percent = total > 0 ? (int) Math.min(100, done * 100 / total) : null;
        Readiness now = readiness;
        if (Readiness.DOWNLOADING.equals(now.state()) && Objects.equals(now.percent(), percent)) return;
        if (percent != null && percent / 10 != loggedTenth) {
            loggedTenth = percent / 10;
            log.info("Downloading the local AI model: {} % ({} of {} MB)", percent, done / 1_000_000, total / 1_000_000);
        }
        set(new Readiness(Readiness.DOWNLOADING, percent, downloadingReason(percent)));
    }

    private static String downloadingReason(Integer percent) {
        return "The local AI model is downloading" + (percent == null ? "" : " (" + percent + " %)")
                + "; the assistant answers once it is ready. Try again in a few minutes.";
    }

    private void load(Path file) {
        if (closed) return;
        modelName = nameOf(file.getFileName().toString());
        set(new Readiness(Readiness.LOADING, null, "The local AI model (" + modelName + ") is loading; try again in a few seconds."));
        long started = System.nanoTime();
        try {
            LlamaEngine loaded = LlamaEngine.load(file, modelName, settings);
            synchronized (this) {
                if (closed) {
                    loaded.close();
                    return;
                }
                engine = loaded;
            }
            log.info("Local AI model ready: {} ({} MB) loaded in {} ms", modelName, sizeMb(file), (System.nanoTime() - started) / 1_000_000);
            set(Readiness.READY);
        } catch (LinkageError e) {
            log.error("llama.cpp's native library does not load on this platform", e);
            unavailable("The local model engine (llama.cpp) does not run on this platform (" + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + "): " + e.getMessage() + ". Configure a hosted provider instead "
                    + "(KILN_AI_PROVIDER=openai or anthropic, with KILN_AI_API_KEY).");
        } catch (RuntimeException e) {
            log.error("llama.cpp could not load {}: {}", file, e.getMessage());
            unavailable("llama.cpp could not load " + file.toAbsolutePath() + " (" + e.getMessage() + "); is it a GGUF model? "
                    + HOW_TO_ENABLE);
        }
    }

    private void unavailable(String reason) {
        set(new Readiness(Readiness.UNAVAILABLE, null, reason));
    }

    private void set(Readiness next) {
        if (next.equals(readiness)) return;
        readiness = next;
        if (closed) return;
        try {
            events.publishEvent(new AiProvider.ReadinessChanged(AiProviders.LOCAL));
        } catch (IllegalStateException contextClosing) {
            // nobody left to tell
        }
    }

    /** The file name a URL downloads to: its last path segment, restricted to safe characters. */
    static String fileNameOf(String url) {
        String path = URI.create(url.strip()).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isBlank() || safe.startsWith(".")) safe = "model" + safe;
        return safe.toLowerCase(Locale.ROOT).endsWith(".gguf") ? safe : safe + ".gguf";
    }

    private static String nameOf(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
    }

    private static long sizeMb(Path file) {
        try {
            return Files.size(file) / 1_000_000;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        LlamaEngine e;
        synchronized (this) {
            closed = true;
            e = engine;
            engine = null;
        }
        Thread t = preparing;
        if (t != null) t.interrupt();
        if (e != null) e.close();
    }
}
