package dev.kiln.server.ai.embed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.server.config.KilnProperties;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link TextEmbedder} on LangChain4j's in-process all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions, shipped in a
 * Maven artifact, no network). The model loads on first use, once (about 2 s, 23 MB); inference runs on a small
 * pool of platform threads because it is CPU-bound native code that would pin virtual threads' carriers, each
 * call on one thread (see {@link MiniLmOnCallingThread}); indexing of new messages on one more thread at the
 * lowest CPU priority ({@link #embedAllInBackground}).
 * Recent texts are remembered, since a question is often embedded twice (indexing it, and looking it up).
 */
@Component
public class OnnxTextEmbedder implements TextEmbedder, AutoCloseable {
    static final String MODEL = "all-minilm-l6-v2-q";
    private static final Logger log = LoggerFactory.getLogger(OnnxTextEmbedder.class);

    private final boolean enabled;
    private final Path cacheDir;
    private final ThreadPoolExecutor pool;
    /** Indexing of new messages: one thread at the lowest CPU priority, so it never delays chat delivery. */
    private final ThreadPoolExecutor backgroundPool;
    private final Cache<String, float[]> recent = Caffeine.newBuilder().maximumSize(4_096).build();
    private final Timer timer;
    private volatile EmbeddingModel model;
    private volatile RuntimeException loadFailure;

    public OnnxTextEmbedder(KilnProperties props, MeterRegistry metrics) {
        KilnProperties.Ai.Embeddings cfg = props.ai().embeddings();
        this.enabled = cfg.enabled();
        this.cacheDir = props.dataDir().resolve("cache").resolve("djl");
        this.pool = platformPool(Math.max(1, cfg.threads()), "kiln-embed-", false);
        this.backgroundPool = platformPool(1, "kiln-embed-background-", true);
        this.timer = Timer.builder("kiln.ai.embedding.time").description("time to embed one text").register(metrics);
    }

    /** Daemon platform threads that end after 30 s idle; {@code lowestPriority}: see {@link LowestCpuPriority}. */
    private static ThreadPoolExecutor platformPool(int threads, String namePrefix, boolean lowestPriority) {
        ThreadFactory named = Thread.ofPlatform().name(namePrefix, 1).daemon(true).factory();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                !lowestPriority ? named : task -> named.newThread(() -> {
                    LowestCpuPriority.applyToCurrentThread();
                    task.run();
                }));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public boolean available() {
        if (!enabled) return false;
        try {
            loaded();
            return true;
        } catch (EmbeddingUnavailableException e) {
            return false;
        }
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return embedAll(texts, pool);
    }

    @Override
    public List<float[]> embedAllInBackground(List<String> texts) {
        return embedAll(texts, backgroundPool);
    }

    private List<float[]> embedAll(List<String> texts, ThreadPoolExecutor pool) {
        EmbeddingModel m = loaded();
        List<Future<float[]>> futures = new ArrayList<>(texts.size());
        for (String text : texts) {
            String t = text == null ? "" : text;
            float[] known = recent.getIfPresent(t);
            if (known != null) {
                futures.add(CompletableFuture.completedFuture(known));
                continue;
            }
            try {
                futures.add(pool.submit(() -> {
                    float[] v = timer.record(() -> Vectors.normalized(m.embed(t).content().vector()));
                    recent.put(t, v);
                    return v;
                }));
            } catch (RejectedExecutionException busy) {
                futures.forEach(f -> f.cancel(false));
                throw new EmbeddingUnavailableException("the embedding queue is full", busy);
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        try {
            for (Future<float[]> f : futures) out.add(f.get());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            throw new EmbeddingUnavailableException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            throw new EmbeddingUnavailableException("the embedding model failed: " + e.getCause(), e.getCause());
        }
        return out;
    }

    private EmbeddingModel loaded() {
        if (!enabled) throw new EmbeddingUnavailableException("embeddings are turned off (KILN_AI_EMBEDDINGS_ENABLED=false)", null);
        EmbeddingModel m = model;
        if (m != null) return m;
        synchronized (this) {
            if (model != null) return model;
            if (loadFailure != null) throw loadFailure;
            // The tokenizer's native library is unpacked into DJL's cache (~/.djl.ai by default); keep it in the data dir.
            if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null)
                System.setProperty("DJL_CACHE_DIR", cacheDir.toAbsolutePath().toString());
            long started = System.nanoTime();
            try {
                model = loadOnPlatformThread();
                log.info("Embedding model {} loaded in {} ms", MODEL, (System.nanoTime() - started) / 1_000_000);
                return model;
            } catch (RuntimeException | LinkageError e) {
                log.error("The embedding model {} could not load; memory retrieval, the semantic cache and hybrid search are off", MODEL, e);
                loadFailure = new EmbeddingUnavailableException("the embedding model could not load: " + e, e);
                throw loadFailure;
            }
        }
    }

    /**
     * Builds the model on a platform thread of its own. Callers are often virtual threads, and ONNX Runtime's
     * session set-up then runs on a carrier thread: a test run once died there with a SIGSEGV inside
     * {@code OrtSession.createSession}; inference already stays off carriers (see the class comment).
     */
    private static EmbeddingModel loadOnPlatformThread() {
        FutureTask<EmbeddingModel> load = new FutureTask<>(MiniLmOnCallingThread::new);
        Thread.ofPlatform().name("kiln-embed-load").daemon(true).start(load);
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return load.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the load takes seconds and its result is kept: wait it out, then pass the interrupt on
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof LinkageError l) throw l;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        backgroundPool.shutdownNow();
    }
}
