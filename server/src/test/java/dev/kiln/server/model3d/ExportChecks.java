package dev.kiln.server.model3d;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs mesh/'s Node checks (Khronos glTF Validator, three.js loaders: {@code mesh/src/test/node/check-exports.mjs}) over
 * downloaded files. A small copy of the mesh module's NodeChecks, because test classes are not shared between modules.
 */
final class ExportChecks {
    private ExportChecks() {}

    static JsonNode check(Path dir) {
        Path tools = Files.isDirectory(Path.of("../mesh/src/test/node")) ? Path.of("../mesh/src/test/node").toAbsolutePath()
                : Path.of("mesh/src/test/node").toAbsolutePath();
        if (!Files.isDirectory(tools.resolve("node_modules/gltf-validator"))) {
            fail("The Node test tools are not installed: run `npm ci --prefix mesh/src/test/node` from the repository root.");
        }
        ProcessBuilder pb = new ProcessBuilder("node", tools.resolve("check-exports.mjs").toString(), dir.toAbsolutePath().toString());
        try {
            Process process = pb.start();
            byte[] stdout = process.getInputStream().readAllBytes();
            byte[] stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("check-exports.mjs did not finish in 120 s");
            }
            if (process.exitValue() != 0) fail("check-exports.mjs failed: " + new String(stderr, StandardCharsets.UTF_8));
            return JsonMapper.builder().build().readTree(new String(stdout, StandardCharsets.UTF_8));
        } catch (IOException e) {
            fail("Could not run `node` (" + e.getMessage() + "); Node 20+ is needed for the export checks.");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            return null;
        }
    }
}
