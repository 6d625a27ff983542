package dev.kiln.server.model3d;

import dev.kiln.server.config.KilnProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Model files under {@code <data dir>/models/}: the GLB of every version ({@code <id>-v<n>.glb}, written
 * when the version is made) and other formats cached on first download ({@code <id>-v<n>.<format>}; lower levels of
 * detail as {@code <id>-v<n>.lod<level>.glb}).
 * Files are written to a temporary name and moved into place, so a reader never sees half a file.
 */
@Component
class ModelFiles {
    private final Path root;

    ModelFiles(KilnProperties props) {
        this.root = props.dataDir().resolve("models");
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

    void write(String key, byte[] bytes) {
        write(key, out -> {
            try {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    void write(String key, Consumer<OutputStream> writer) {
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

    byte[] read(String key) {
        try {
            return Files.readAllBytes(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(key), e);
        }
    }

    boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    /** Removes every file of a model (all versions and cached formats). */
    void deleteAll(long modelId) {
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
}
