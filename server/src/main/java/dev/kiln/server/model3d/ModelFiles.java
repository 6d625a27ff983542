package dev.kiln.server.model3d;

import dev.kiln.server.config.KilnProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Model files. The GLB of every version ({@code <id>-v<n>.glb}) is kept in the database all nodes share
 * ({@link ModelFileRepository}), so a download works through any node, whichever made the model. {@code <data dir>/models/}
 * is this node's cache: of those GLBs, and of the other formats and levels of detail made from them (or from the spec) on
 * first download ({@code <id>-v<n>.<format>}, {@code <id>-v<n>.lod<level>.glb}), which any node can make again.
 * Files are written to a temporary name and moved into place, so a reader never sees half a file.
 */
@Component
class ModelFiles {
    private static final Logger log = LoggerFactory.getLogger(ModelFiles.class);
    private final Path root;
    private final ModelFileRepository stored;
    private final Clock clock;

    ModelFiles(KilnProperties props, ModelFileRepository stored, Clock clock) {
        this.root = props.dataDir().resolve("models");
        this.stored = stored;
        this.clock = clock;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    static String key(long modelId, int version, String format) {
        return modelId + "-v" + version + "." + format;
    }

    Path path(String key) {
        if (!key.matches("[0-9]+-v[0-9]+\\.[a-z0-9.]+")) throw new IllegalArgumentException("bad model file key " + key);
        return root.resolve(key);
    }

    /** Stores a version's GLB for every node. Call inside the transaction that stores the version, then {@link #cache}. */
    void keep(long modelId, String key, byte[] bytes) {
        stored.save(key, modelId, bytes, clock.millis());
    }

    /** Puts a file into this node's cache (a GLB once its version is committed, or a derived format). */
    void cache(String key, byte[] bytes) {
        cache(key, out -> {
            try {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    void cache(String key, Consumer<OutputStream> writer) {
        Path target = path(key);
        Path tmp = root.resolve(key + "." + Thread.currentThread().threadId() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.accept(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    boolean cached(String key) {
        return Files.isRegularFile(path(key));
    }

    /** A stored GLB in this node's cache, fetched from the database first if another node made it; empty when it is in neither. */
    Optional<Path> fetch(String key) {
        if (cached(key)) return Optional.of(path(key));
        return stored.read(key).map(bytes -> {
            cache(key, bytes);
            return path(key);
        });
    }

    /** Removes every file of a model (all versions and cached formats): the stored ones, and this node's cache. */
    void deleteAll(long modelId) {
        stored.deleteAll(modelId);
        String prefix = modelId + "-v";
        try (Stream<Path> files = Files.list(root)) {
            files.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; an orphan file is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /**
     * Stores the GLBs this node made before the database kept them, so that other nodes can serve them too. Each node does
     * it for its own data dir at start-up; afterwards the query finds nothing.
     */
    @EventListener(ApplicationReadyEvent.class)
    void storeFilesMadeBeforeTheDatabaseKeptThem() {
        int moved = 0;
        for (ModelFileRepository.Missing missing : stored.missingVersionFiles()) {
            if (!cached(missing.key())) continue;
            try {
                keep(missing.modelId(), missing.key(), Files.readAllBytes(path(missing.key())));
                moved++;
            } catch (IOException | RuntimeException e) {
                log.warn("could not store the model file {} in the database: {}", missing.key(), e.toString());
            }
        }
        if (moved > 0) log.info("stored {} model files from {} in the database, where every node can read them", moved, root);
    }
}
