package dev.kiln.mesh;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the Node-side checks (Khronos glTF Validator, three.js loaders) over a directory of exports. */
public final class NodeChecks {

    private NodeChecks() {
    }

    /** The mesh/src/test/node folder, whether tests run from the module or the repository root. */
    public static Path nodeDir() {
        Path fromModule = Path.of("src/test/node");
        return Files.isDirectory(fromModule) ? fromModule.toAbsolutePath() : Path.of("mesh/src/test/node").toAbsolutePath();
    }

    /** Runs {@code check-exports.mjs} on {@code dir} and returns its JSON report keyed by file name. */
    public static JsonNode checkExports(Path dir) {
        Path tools = nodeDir();
        if (!Files.isDirectory(tools.resolve("node_modules/gltf-validator")) || !Files.isDirectory(tools.resolve("node_modules/three"))) {
            fail("The Node test tools are not installed: run `npm ci --prefix mesh/src/test/node` from the repository root "
                    + "(needs Node 20+), then rerun the tests.");
        }
        ProcessBuilder pb = new ProcessBuilder("node", tools.resolve("check-exports.mjs").toString(), dir.toAbsolutePath().toString());
        pb.redirectErrorStream(false);
        try {
            Process process = pb.start();
            byte[] stdout = process.getInputStream().readAllBytes();
            byte[] stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("check-exports.mjs did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                fail("check-exports.mjs failed (exit " + process.exitValue() + "): " + new String(stderr, StandardCharsets.UTF_8));
            }
            return JsonMapper.builder().build().readTree(new String(stdout, StandardCharsets.UTF_8));
        } catch (IOException e) {
            fail("Could not run `node` (" + e.getMessage() + "). Install Node 20+ and run `npm ci --prefix mesh/src/test/node`.");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for node");
            return null;
        }
    }
}
