package dev.kiln.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.mesh.export.ExportFormat;
import dev.kiln.mesh.process.MeshTopology;
import dev.kiln.mesh.spec.InvalidSceneSpecException;
import dev.kiln.mesh.spec.SceneSpecJson;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Mesh3dEngineTest {

    private final Mesh3dEngine engine = new Mesh3dEngine();

    @Test
    void generatesFromADescriptionWithProgressStagesInOrder() {
        List<String> events = new ArrayList<>();
        GeneratedModel model = engine.generate("a small green pyramid on top of a large yellow box", Options.DEFAULT,
                (stage, percent) -> events.add(stage + ":" + percent));
        assertThat(model.stats().objects()).isEqualTo(2);
        assertThat(model.stats().triangles()).isEqualTo(model.scene().triangleCount()).isPositive();
        assertThat(model.stats().bounds().minY()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(model.stats().bounds().height()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(model.interpretation().understood()).extracting(u -> u.phrase()).contains("small", "green", "pyramid", "on top of");
        List<String> stages = events.stream().map(e -> e.substring(0, e.indexOf(':'))).distinct().toList();
        assertThat(stages).containsExactly("interpret", "build", "process");
        List<Integer> percents = events.stream().map(e -> Integer.parseInt(e.substring(e.indexOf(':') + 1))).toList();
        assertThat(percents).isSorted().last().isEqualTo(100);
    }

    @Test
    void unrecognisedDescriptionsFailLoudlyListingTheIgnoredWords() {
        assertThatThrownBy(() -> engine.generate("a majestic unicorn", Options.DEFAULT, null))
                .isInstanceOf(InvalidSceneSpecException.class).hasMessageContaining("majestic").hasMessageContaining("unicorn");
    }

    @Test
    void generatesFromAnEditedSpecAndExportsEveryFormat() {
        GeneratedModel model = engine.generate(SceneSpecJson.read("{\"version\":1,\"objects\":[{\"shape\":\"dice\"}]}"));
        ByteArrayOutputStream glb = new ByteArrayOutputStream();
        engine.export(model, ExportFormat.GLB, glb);
        ByteBuffer header = ByteBuffer.wrap(glb.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(0)).as("glTF magic").isEqualTo(0x46546C67);
        assertThat(header.getInt(4)).as("glTF version").isEqualTo(2);
        assertThat(header.getInt(8)).as("declared length").isEqualTo(glb.size());

        ByteArrayOutputStream stl = new ByteArrayOutputStream();
        engine.export(model, ExportFormat.STL, stl);
        int triangles = ByteBuffer.wrap(stl.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt(80);
        assertThat(stl.size()).isEqualTo(84 + 50 * triangles);

        ByteArrayOutputStream obj = new ByteArrayOutputStream();
        engine.export(model, ExportFormat.OBJ, obj);
        String text = obj.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("mtllib model.mtl").contains("usemtl");
        assertThat(text.lines().filter(l -> l.startsWith("f ")).count()).isEqualTo(model.stats().triangles());

        ByteArrayOutputStream gltf = new ByteArrayOutputStream();
        engine.export(model, ExportFormat.GLTF, gltf);
        assertThat(gltf.toString(StandardCharsets.UTF_8)).contains("\"asset\"").contains("data:application/");
    }

    @Test
    void flatStyleGivesFacetedNormalsWithoutChangingTheShape() {
        GeneratedModel smooth = engine.generate("a sphere", Options.DEFAULT, null);
        GeneratedModel flat = engine.generate("a sphere", new Options(Complexity.MEDIUM, Options.Style.FLAT), null);
        assertThat(flat.stats().triangles()).isEqualTo(smooth.stats().triangles());
        assertThat(flat.stats().vertices()).isEqualTo(flat.stats().triangles() * 3);
        assertThat(flat.stats().bounds()).isEqualTo(smooth.stats().bounds());
        assertThat(MeshTopology.analyze(flat.scene().mergedWorldMesh()).isWatertight()).isTrue();
    }

    @Test
    void simplifiedModelsHaveFewerTrianglesAndTheSameObjects() {
        GeneratedModel model = engine.generate("a planet with rings next to a snowman", Options.of(Complexity.HIGH), null);
        GeneratedModel lod = engine.simplified(model, 0.3);
        assertThat(lod.stats().triangles()).isLessThan(model.stats().triangles());
        assertThat(lod.stats().objects()).isEqualTo(model.stats().objects());
        assertThat(lod.stats().bounds().height()).isCloseTo(model.stats().bounds().height(), org.assertj.core.data.Offset.offset(0.05));
    }
}
