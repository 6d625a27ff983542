package dev.kiln.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.mesh.export.ExportFormat;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.spec.ObjectSpec;
import dev.kiln.mesh.spec.SceneSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Generation time per shape and complexity (spec to processed meshes, median of several runs after
 * warm-up), triangle counts and GLB sizes. Tagged "bench" and excluded from the normal build; run with
 * {@code mvn -pl mesh test -Dtest=GenerationBenchmark -DexcludedGroups=none}.
 * Writes the table to {@code target/benchmark.md}. No timing assertions: machines differ.
 */
@Tag("bench")
class GenerationBenchmark {

    private static final int RUNS = 7;

    @Test
    void measureEveryShapeAtEveryComplexity() throws IOException {
        Mesh3dEngine engine = new Mesh3dEngine();
        StringBuilder table = new StringBuilder();
        table.append("| shape | low ms | low tris | medium ms | medium tris | medium GLB KiB | high ms | high tris |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        double worstMedium = 0;
        String worstShape = "";
        for (ShapeGenerator shape : ShapeCatalog.standard().all()) {
            SceneSpec spec = SceneSpec.of(List.of(ObjectSpec.of(shape.name(), shape.name())));
            StringBuilder row = new StringBuilder("| `" + shape.name() + "` ");
            for (Complexity c : Complexity.values()) {
                Options options = Options.of(c);
                for (int i = 0; i < 3; i++) {
                    engine.generate(spec, options, null); // warm-up: JIT and class loading
                }
                double[] ms = new double[RUNS];
                GeneratedModel model = null;
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    model = engine.generate(spec, options, null);
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(ms);
                double median = ms[RUNS / 2];
                row.append(String.format(Locale.ROOT, "| %.1f | %d ", median, model.stats().triangles()));
                if (c == Complexity.MEDIUM) {
                    ByteArrayOutputStream glb = new ByteArrayOutputStream();
                    engine.export(model, ExportFormat.GLB, glb);
                    row.append(String.format(Locale.ROOT, "| %.1f ", glb.size() / 1024.0));
                    if (median > worstMedium) {
                        worstMedium = median;
                        worstShape = shape.name();
                    }
                }
            }
            table.append(row).append("|\n");
        }
        table.append(String.format(Locale.ROOT, "%nSlowest at medium: `%s`, %.1f ms.%n", worstShape, worstMedium));
        System.out.println(table);
        Path out = Path.of("target", "benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        assertThat(table.toString()).contains("| `box` ");
    }
}
