package dev.kiln.server.model3d;

import dev.kiln.mesh.GeneratedModel;
import dev.kiln.mesh.Options;
import dev.kiln.mesh.imports.InvalidModelFileException;
import dev.kiln.mesh.spec.InvalidSceneSpecException;
import dev.kiln.mesh.scene.SceneTooLargeException;
import dev.kiln.mesh.spec.SceneSpecJson;
import dev.kiln.mesh.text.Interpretation;
import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.ChatCommands.SendMessage;
import dev.kiln.server.chat.ChatService;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.files.FileService;
import dev.kiln.server.model3d.external.ExternalFailure;
import dev.kiln.server.model3d.external.ExternalGenerator;
import dev.kiln.server.model3d.external.ExternalGenerators;
import dev.kiln.server.realtime.RealtimeConfig;
import dev.kiln.server.realtime.RoomFanout;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs generations: a bounded pool of worker threads behind a bounded queue, with a per-user limit on
 * queued + running jobs. Every state change is written to the database first, then announced to the
 * room ({@code 3d_generation_*} events). Cancellation is immediate for queued jobs and cooperative for
 * running ones (checked at every progress report and while waiting between polls of an external generator).
 *
 * <p>Each job is held by the node that queued it under a lease it renews while alive and releases when it stops. A job
 * whose lease ran out (its node stopped or died) is recovered by whichever node notices first, at start-up and every
 * third of the lease: a queued job is taken over and run, a running one is failed with "interrupted by server restart".
 * A node starting up therefore leaves the jobs of live nodes alone.
 *
 * <p>A job that asked for an external generator (Meshy, Stable Fast 3D) runs it first; if that times out, fails or
 * answers something unreadable, the same job goes on with the built-in engine and carries a note saying so.
 */
@Component
public class ModelJobs {
    static final String INTERRUPTED = "interrupted by server restart";
    private static final Logger log = LoggerFactory.getLogger(ModelJobs.class);
    private static final long PERSIST_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long DB_CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** Test seam: called at every progress report of a running job, before the cancellation check. */
    interface Hook {
        void reached(long modelId, String stage, int percent) throws InterruptedException;
    }

    volatile Hook testHook;

    private final ModelRepository repo;
    private final ModelGenerator generator;
    private final ModelFiles files;
    private final ModelViews views;
    private final ExternalGenerators externals;
    private final AiSpecProposal aiSpec;
    private final FileService uploads;
    private final ChatService chat;
    private final RoomFanout fanout;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final KilnProperties.Model3d cfg;
    private final int messageMaxChars;
    private final ThreadPoolExecutor executor;
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final ReentrantLock admission = new ReentrantLock();
    private final Timer generationTime;
    private final Counter completed;
    private final Counter failed;
    private final Counter cancelled;
    private final MeterRegistry metrics;
    private final String node;
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiln-3d-leases");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean shuttingDown;

    public ModelJobs(ModelRepository repo, ModelGenerator generator, ModelFiles files, ModelViews views, ExternalGenerators externals,
                     AiSpecProposal aiSpec, FileService uploads, ChatService chat, RoomFanout fanout, TransactionTemplate tx, Clock clock,
                     KilnProperties props, MeterRegistry metrics, RealtimeConfig.NodeIdentity nodeIdentity) {
        this.node = nodeIdentity.id();
        this.aiSpec = aiSpec;
        this.repo = repo;
        this.generator = generator;
        this.files = files;
        this.views = views;
        this.externals = externals;
        this.uploads = uploads;
        this.metrics = metrics;
        this.chat = chat;
        this.fanout = fanout;
        this.tx = tx;
        this.clock = clock;
        this.cfg = props.model3d();
        this.messageMaxChars = props.limits().messageMaxChars();
        if (cfg.workerThreads() < 1 || cfg.queueCapacity() < 0 || cfg.perUserLimit() < 1)
            throw new IllegalArgumentException("kiln.model3d: worker-threads and per-user-limit must be at least 1, queue-capacity at least 0");
        if (cfg.lease().toMillis() < 300) throw new IllegalArgumentException("kiln.model3d.lease must be at least 300ms");
        AtomicInteger n = new AtomicInteger();
        // The queue itself is unbounded: admission enforces the capacity, so that jobs recovered after a restart always fit.
        this.executor = new ThreadPoolExecutor(cfg.workerThreads(), cfg.workerThreads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "kiln-3d-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.generationTime = Timer.builder("kiln.3d.generation.time").description("time from start to stored model")
                .publishPercentileHistogram().register(metrics);
        this.completed = Counter.builder("kiln.3d.generations.completed").description("generations that produced a model").register(metrics);
        this.failed = Counter.builder("kiln.3d.generations.failed").description("generations that failed").register(metrics);
        this.cancelled = Counter.builder("kiln.3d.generations.cancelled").description("generations cancelled by their owner").register(metrics);
        Gauge.builder("kiln.3d.queue.size", executor, e -> e.getQueue().size()).description("generations waiting for a worker").register(metrics);
    }

    /** A job known to this node: queued in the executor or running on a worker. */
    final class Job implements Runnable {
        final StoredModel model;
        final CountDownLatch cancelSignal = new CountDownLatch(1);
        volatile boolean cancelled;
        /** True while an external generator runs: it keeps its own time limit, the job timeout is for the built-in engine. */
        boolean external;
        String note;
        long startNanos;
        long lastPersist;
        long lastDbCheck;
        int lastPercent = -1;
        String lastStage = "";

        Job(StoredModel model) {
            this.model = model;
        }

        @Override
        public void run() {
            work(this);
        }
    }

    /** Thrown out of a progress report to stop a cancelled job. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Thrown out of a progress report to fail a job with a reason the user sees. */
    private static final class JobFailure extends RuntimeException {
        JobFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    // ---- admission -----------------------------------------------------------------------------------

    /**
     * Admits a new job: 429 when the owner already has {@code perUserLimit} queued or running, 503 when the
     * queue is full. {@code persist} stores the job (status queued) before it can be picked up.
     */
    ModelViews.Accepted admit(StoredModel m, Runnable persist) {
        admission.lock();
        try {
            int active = repo.countActive(m.ownerId());
            if (active >= cfg.perUserLimit()) {
                throw ApiException.rateLimited("you already have " + active + " generation" + (active == 1 ? "" : "s")
                        + " queued or running (the limit is " + cfg.perUserLimit() + "); wait for one to finish or cancel it",
                        Duration.ofSeconds(5));
            }
            int waiting = executor.getQueue().size();
            if (waiting >= cfg.queueCapacity() && executor.getActiveCount() >= cfg.workerThreads()) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                        "the 3D generation queue is full (" + waiting + " waiting); try again in a minute", List.of(), Duration.ofSeconds(30));
            }
            int ahead = waiting + executor.getActiveCount();
            persist.run();
            // Announced before it can start, so that the room sees started before any progress.
            Map<String, Object> started = event(m);
            started.put("description", m.description());
            started.put("userId", Ids.format(m.ownerId()));
            started.put("username", m.ownerUsername());
            started.put("generator", m.generator());
            fanout.publish(room(m), "3d_generation_started", started);
            enqueue(m);
            return new ModelViews.Accepted(Ids.format(m.id()), m.status(), estimateSeconds(m, ahead));
        } finally {
            admission.unlock();
        }
    }

    private int estimateSeconds(StoredModel m, int ahead) {
        int perJob = switch (m.generator()) {
            case "meshy" -> 90;
            case "stability" -> 15;
            default -> switch (m.complexity()) {
                case "low" -> 1;
                case "high" -> 4;
                default -> 2;
            };
        };
        return perJob * (1 + ahead / cfg.workerThreads());
    }

    private void enqueue(StoredModel m) {
        Job job = new Job(m);
        jobs.put(m.id(), job);
        executor.execute(job);
    }

    /** Cancels a queued or running job; 409 when it has already ended. */
    void cancel(StoredModel m) {
        if (!m.active() || !repo.finish(m.id(), List.of(StoredModel.QUEUED, StoredModel.RUNNING), StoredModel.CANCELLED,
                "cancelled", null, "cancelled by the user", clock.millis())) {
            String now = repo.status(m.id()).orElse(m.status());
            throw ApiException.conflict("the generation is " + now + " and can no longer be cancelled");
        }
        Job job = jobs.get(m.id());
        if (job != null) {
            job.cancelled = true;
            job.cancelSignal.countDown();
            if (executor.remove(job)) jobs.remove(m.id());
        }
        cancelled.increment();
        Map<String, Object> body = event(m);
        body.put("error", "cancelled by the user");
        body.put("cancelled", true);
        fanout.publish(room(m), "3d_generation_failed", body);
    }

    // ---- leases and recovery across restarts and nodes ------------------------------------------------

    /** The id this node holds its jobs under. */
    String node() {
        return node;
    }

    /** Until when a job queued now is held by this node. */
    long newLease() {
        return clock.millis() + cfg.lease().toMillis();
    }

    @EventListener(ApplicationReadyEvent.class)
    void startLeases() {
        recoverExpired();
        long every = Math.max(100, cfg.lease().toMillis() / 3);
        leases.scheduleWithFixedDelay(this::renewAndRecover, every, every, TimeUnit.MILLISECONDS);
    }

    private void renewAndRecover() {
        try {
            repo.renewLeases(node, newLease());
            recoverExpired();
        } catch (RuntimeException e) {
            // The database was briefly unreachable: try again at the next beat (leases are long enough for a few misses).
            if (!shuttingDown) log.warn("3D generation leases: {}", e.toString());
        }
    }

    /**
     * Recovers the jobs of nodes that stopped renewing their leases (or released them on a clean stop), this node's
     * previous run included: queued ones are taken over and run here, running ones are failed (their worker is gone).
     * Jobs of live nodes are never touched.
     */
    void recoverExpired() {
        long now = clock.millis();
        for (StoredModel m : repo.expired(now)) {
            if (StoredModel.RUNNING.equals(m.status())) {
                if (!repo.failExpiredRunning(m.id(), INTERRUPTED, now)) continue;
                failed.increment();
                log.warn("3D generation {} was running on a server that stopped; marked failed", Ids.format(m.id()));
                Map<String, Object> body = event(m);
                body.put("error", INTERRUPTED);
                fanout.publish(room(m), "3d_generation_failed", body);
            } else if (repo.claimQueued(m.id(), node, newLease(), now)) {
                log.info("3D generation {} was queued on a server that stopped; running it here", Ids.format(m.id()));
                enqueue(m);
            }
        }
    }

    /** Test seam: false makes a stop look like a crash (leases are left to run out instead of being released). */
    volatile boolean releaseLeasesOnStop = true;

    @PreDestroy
    void stop() throws InterruptedException {
        // Jobs keep their stored state (queued or running); releasing the leases lets any node (or this one, restarted)
        // recover them at once instead of after the lease runs out.
        shuttingDown = true;
        leases.shutdownNow();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        if (releaseLeasesOnStop) {
            try {
                repo.releaseLeases(node);
            } catch (RuntimeException e) {
                log.warn("could not release 3D generation leases ({}); other nodes recover them when they run out", e.toString());
            }
        }
    }

    // ---- the worker ----------------------------------------------------------------------------------

    private void work(Job job) {
        StoredModel m = job.model;
        long id = m.id();
        try {
            if (shuttingDown || !repo.markRunning(id, node, clock.millis())) return;
            job.startNanos = System.nanoTime();
            job.lastDbCheck = job.startNanos;
            Timer.Sample sample = Timer.start();
            try {
                progress(job, "interpret", 0);
                Built built = build(job);
                progress(job, "store", 97);
                if (!store(job, built)) return;
                sample.stop(generationTime);
                completed.increment();
                postMessage(m);
                Map<String, Object> body = event(m);
                body.put("modelId", Ids.format(id));
                body.put("name", m.name());
                body.put("urls", ModelViews.urls(id));
                body.put("stats", ModelViews.stats(built.model().stats()));
                body.put("generator", built.source());
                body.put("note", built.note());
                fanout.publish(room(m), "3d_generation_completed", body);
            } catch (Cancelled c) {
                // Stored state was set by cancel() (or is left for restart recovery when shutting down).
            } catch (RuntimeException | OutOfMemoryError e) {
                if (shuttingDown) return;
                String reason = e instanceof JobFailure ? e.getMessage()
                        : e instanceof OutOfMemoryError ? "the model needs more memory than the server can give one job; use lower complexity"
                        : ModelGenerator.reason((RuntimeException) e);
                if (reason == null) {
                    log.error("3D generation {} failed", Ids.format(id), e);
                    reason = "internal error while generating; it has been logged";
                }
                fail(m, reason);
            }
        } catch (RuntimeException e) {
            if (!shuttingDown) log.error("3D generation {}: could not record its state", Ids.format(id), e);
        } finally {
            jobs.remove(id);
        }
    }

    /** What a job made: the model (scene and stats, plus spec and interpretation when built here), its GLB, and by what. */
    private record Built(GeneratedModel model, byte[] glb, String source, String note) {}

    /**
     * The external generator the job asked for, if any; on its failure (or without it) the built-in engine, with a note:
     * a relief of the picture for a picture job, else the description.
     */
    private Built build(Job job) {
        StoredModel m = job.model;
        if (ExternalGenerators.RELIEF.equals(m.generator()) || ExternalGenerators.LITHOPHANE.equals(m.generator())) {
            return relief(job, m.generator());
        }
        if (!ExternalGenerators.PROCEDURAL.equals(m.generator())) {
            ExternalGenerator external = externals.find(m.generator()).orElse(null);
            if (external == null) {
                // Asked for when the server had its key; restarted without it since.
                fallBack(job, m.generator() + " is no longer configured on this server", "not configured");
            } else {
                try {
                    return fromExternal(job, external);
                } catch (ExternalFailure f) {
                    log.warn("3D generation {}: {} failed, using the built-in engine instead: {}", Ids.format(m.id()), external.label(),
                            f.getMessage());
                    fallBack(job, f.note(external.label()), f.kind().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return m.imageFileId() != null ? relief(job, ExternalGenerators.RELIEF) : procedural(job);
    }

    private static final String BUILT_IN_INSTEAD = "; made with the built-in engine instead";
    private static final String RELIEF_INSTEAD = "; made a relief of the picture with the built-in engine instead";

    private void fallBack(Job job, String what, String why) {
        job.external = false;
        job.note = what + (job.model.imageFileId() != null ? RELIEF_INSTEAD : BUILT_IN_INSTEAD);
        Counter.builder("kiln.3d.generations.fallbacks").description("external generations that fell back to the built-in engine")
                .tag("generator", job.model.generator()).tag("reason", why).register(metrics).increment();
        repo.note(job.model.id(), job.note, clock.millis());
    }

    private Built fromExternal(Job job, ExternalGenerator external) throws ExternalFailure {
        StoredModel m = job.model;
        job.external = true;
        ExternalGenerator.Image image = null;
        if (m.imageFileId() != null) {
            image = image(m);
            if (image == null) throw ExternalFailure.remoteFailed("the uploaded image is no longer available", "image file missing");
        }
        byte[] glb = external.generate(new ExternalGenerator.Request(m.description(), m.complexity(), image), new ExternalGenerator.Progress() {
            @Override
            public void report(String stage, int percent) {
                progress(job, stage, 2 + Math.max(0, Math.min(100, percent)) * 88 / 100);
            }

            @Override
            public void pause(Duration duration) {
                try {
                    if (job.cancelSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS)) throw new Cancelled();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Cancelled();
                }
            }
        });
        progress(job, "import", 92);
        GeneratedModel model;
        try {
            model = generator.importGlb(glb);
        } catch (InvalidModelFileException | ModelGenerator.ModelTooLargeException e) {
            throw ExternalFailure.malformed(external.label() + " model: " + e.getMessage());
        }
        job.external = false;
        return new Built(model, glb, external.id(), null);
    }

    /**
     * The built-in engine's picture generators ({@code kind}: relief or lithophane): a heightmap block of the uploaded
     * picture, kept as a GLB (it has no spec). After a fall-back its progress continues from where the external one stopped.
     */
    private Built relief(Job job, String kind) {
        StoredModel m = job.model;
        job.startNanos = System.nanoTime(); // the job timeout counts for the built-in engine alone
        ExternalGenerator.Image image = m.imageFileId() == null ? null : image(m);
        if (image == null) {
            throw new JobFailure(job.note == null ? "the uploaded picture is no longer available"
                    : job.note.replace(RELIEF_INSTEAD, "") + ", and the uploaded picture is no longer available");
        }
        progress(job, "build", 10);
        GeneratedModel model = generator.relief(image.bytes(), ExternalGenerators.LITHOPHANE.equals(kind), ModelGenerator.complexity(m.complexity()));
        progress(job, "export", 85);
        byte[] glb = generator.glb(model);
        return new Built(model, glb, kind, job.note);
    }

    /** The uploaded picture of an image-to-3D job, read as its owner; null when it is gone or no longer theirs to read. */
    private ExternalGenerator.Image image(StoredModel m) {
        try {
            FileService.Readable r = uploads.open(new AuthUser(m.ownerId(), m.ownerUsername(), 0), Ids.format(m.imageFileId()), false);
            return new ExternalGenerator.Image(Files.readAllBytes(r.path()), r.file().contentType(), r.file().name());
        } catch (ApiException | IOException e) {
            return null;
        }
    }

    /**
     * The built-in engine, from the assistant's proposed spec when that is on and valid, else from the interpreter's reading;
     * after a fall-back from an external generator its progress continues from where that stopped.
     */
    private Built procedural(Job job) {
        StoredModel m = job.model;
        int base = Math.max(0, job.lastPercent);
        java.util.function.IntUnaryOperator scale = p -> base + (100 - base) * p / 100;
        Options options = new Options(ModelGenerator.complexity(m.complexity()), ModelGenerator.style(m.style()));
        AiSpecProposal.Outcome proposal = null;
        if (aiSpec.enabled()) {
            progress(job, "interpret", scale.applyAsInt(1));
            proposal = aiSpec.propose(m.ownerId(), m.description(), () -> job.cancelled || shuttingDown);
            if (job.cancelled || shuttingDown) throw new Cancelled();
        }
        job.startNanos = System.nanoTime(); // the job timeout counts for the built-in engine alone
        GeneratedModel model = null;
        String how = proposal == null ? null : proposal.note();
        if (proposal != null && proposal.spec() != null) {
            try {
                GeneratedModel built = generator.fromSpec(proposal.spec(), options, (stage, p) -> progress(job, stage, scale.applyAsInt(p * 90 / 100)));
                model = new GeneratedModel(built.spec(), new Interpretation(m.description(), built.spec(),
                        List.of(new Interpretation.Understood(m.description(), proposal.note())), List.of()), built.scene(), built.stats());
            } catch (InvalidSceneSpecException | SceneTooLargeException | ModelGenerator.ModelTooLargeException e) {
                // Valid but too big once built (the triangle cap): the interpreter's reading is the fall-back here too.
                how = "the assistant's proposal could not be built: " + e.getMessage() + AiSpecProposal.FALLBACK;
            }
        }
        if (model == null) {
            try {
                model = generator.fromDescription(m.description(), options, (stage, p) -> progress(job, stage, scale.applyAsInt(p * 90 / 100)));
            } catch (InvalidSceneSpecException e) {
                if (job.note == null) throw e;
                // The external generator could read anything; the built-in engine needs shapes it knows.
                throw new JobFailure(job.note.replace(BUILT_IN_INSTEAD, "")
                        + ", and the built-in engine could not build this description either: " + e.getMessage());
            }
        }
        progress(job, "export", scale.applyAsInt(90));
        byte[] glb = generator.glb(model);
        String note = job.note == null ? how : how == null ? job.note : job.note + "; " + how;
        if (how != null) {
            job.note = note;
            repo.note(m.id(), note, clock.millis());
        }
        return new Built(model, glb, ExternalGenerators.PROCEDURAL, note);
    }

    /** Stores the GLB and the first version and marks the job completed; false when it was cancelled or deleted meanwhile. */
    private boolean store(Job job, Built built) {
        long id = job.model.id();
        GeneratedModel model = built.model();
        String key = ModelFiles.key(id, 1, "glb");
        long now = clock.millis();
        boolean procedural = ExternalGenerators.PROCEDURAL.equals(built.source());
        StoredVersion v = new StoredVersion(id, 1, procedural ? SceneSpecJson.write(model.spec()) : StoredVersion.EMPTY_SPEC,
                procedural ? views.interpretationJson(model.interpretation()) : null, model.stats().triangles(), model.stats().vertices(),
                model.stats().objects(), views.boundsJson(model), key, built.glb().length, job.model.ownerId(), now, built.source(),
                built.note());
        Boolean stored = tx.execute(s -> {
            if (!repo.finish(id, List.of(StoredModel.RUNNING), StoredModel.COMPLETED, "done", 100, null, now)) return false;
            files.keep(id, key, built.glb());
            repo.insertVersion(v);
            repo.setCurrentVersion(id, 1, now);
            return true;
        });
        if (!Boolean.TRUE.equals(stored)) return false;
        files.cache(key, built.glb());
        job.lastPercent = 100;
        Map<String, Object> body = event(job.model);
        body.put("stage", "done");
        body.put("percent", 100);
        if (job.note != null) body.put("note", job.note);
        fanout.publish(room(job.model), "3d_generation_progress", body);
        return true;
    }

    private void fail(StoredModel m, String reason) {
        if (!repo.finish(m.id(), List.of(StoredModel.RUNNING), StoredModel.FAILED, "failed", null, reason, clock.millis())) return;
        failed.increment();
        Map<String, Object> body = event(m);
        body.put("error", reason);
        fanout.publish(room(m), "3d_generation_failed", body);
    }

    /** Every progress report: test hook, cancellation and timeout checks, then a monotonic progress event. */
    private void progress(Job job, String stage, int percent) {
        Hook hook = testHook;
        if (hook != null) {
            try {
                hook.reached(job.model.id(), stage, percent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        }
        if (job.cancelled || shuttingDown || Thread.currentThread().isInterrupted()) throw new Cancelled();
        long now = System.nanoTime();
        if (!job.external && now - job.startNanos > cfg.jobTimeout().toNanos()) {
            throw new JobFailure("generation took longer than " + cfg.jobTimeout().toSeconds() + " s; use lower complexity or fewer objects");
        }
        if (now - job.lastDbCheck > DB_CHECK_EVERY_NANOS) {
            // Cancelled through another node, or deleted?
            job.lastDbCheck = now;
            if (!StoredModel.RUNNING.equals(repo.status(job.model.id()).orElse(StoredModel.CANCELLED))) {
                job.cancelled = true;
                throw new Cancelled();
            }
        }
        int p = Math.max(job.lastPercent, Math.min(100, Math.max(0, percent)));
        boolean stageChanged = !stage.equals(job.lastStage);
        if (p == job.lastPercent && !stageChanged) return;
        job.lastPercent = p;
        job.lastStage = stage;
        if (stageChanged || now - job.lastPersist > PERSIST_EVERY_NANOS) {
            job.lastPersist = now;
            repo.progress(job.model.id(), stage, p, clock.millis());
        }
        Map<String, Object> body = event(job.model);
        body.put("stage", stage);
        body.put("percent", p);
        if (job.note != null) body.put("note", job.note);
        fanout.publish(room(job.model), "3d_generation_progress", body);
    }

    /** The finished model appears in its conversation as a normal message of the requester, linking the model. */
    private void postMessage(StoredModel m) {
        if (m.conversationId() == null) return;
        String link = "\n/api/3d/models/" + Ids.format(m.id());
        String description = m.description().strip();
        int room = Math.max(20, messageMaxChars - link.length() - 4);
        if (description.length() > room) description = description.substring(0, room) + "…";
        try {
            var outcome = chat.send(new AuthUser(m.ownerId(), m.ownerUsername(), 0), new SendMessage(Ids.format(m.conversationId()),
                    "🧊 " + description + link, null, null, "3d-" + Ids.format(m.id()), null));
            repo.setMessage(m.id(), Ids.parse("messageId", outcome.ack().messageId()));
        } catch (ApiException e) {
            log.warn("3D model {} is ready but could not be posted to its conversation: {}", Ids.format(m.id()), e.getMessage());
        }
    }

    static String room(StoredModel m) {
        return m.conversationId() != null ? RoomFanout.conversationRoom(m.conversationId()) : RoomFanout.userRoom(m.ownerId());
    }

    static Map<String, Object> event(StoredModel m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generationId", Ids.format(m.id()));
        body.put("conversationId", m.conversationId() == null ? null : Ids.format(m.conversationId()));
        return body;
    }
}
