package dev.kiln.mesh.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.javagl.jgltf.model.creation.GltfModelBuilder;
import de.javagl.jgltf.model.creation.MaterialBuilder;
import de.javagl.jgltf.model.creation.MeshPrimitiveBuilder;
import de.javagl.jgltf.model.creation.TextureModels;
import de.javagl.jgltf.model.impl.DefaultMeshModel;
import de.javagl.jgltf.model.impl.DefaultMeshPrimitiveModel;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import de.javagl.jgltf.model.impl.DefaultSceneModel;
import de.javagl.jgltf.model.io.GltfModelWriter;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.GeneratedModel;
import dev.kiln.mesh.Mesh3dEngine;
import dev.kiln.mesh.NodeChecks;
import dev.kiln.mesh.Options;
import dev.kiln.mesh.export.ExportFormat;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.scene.MeshPart;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.spec.SceneLimits;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * GLBs made elsewhere: read back into a scene with the same counts, bounds and colours, converted to
 * glTF (textures kept), OBJ and STL that pass the Khronos validator and three.js's loaders, and
 * malformed files refused with a reason.
 */
class GlbImporterTest {
    private final Mesh3dEngine engine = new Mesh3dEngine();

    @TempDir
    Path dir;

    private static byte[] export(Mesh3dEngine engine, GeneratedModel model, ExportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.export(model, format, out);
        return out.toByteArray();
    }

    @Test
    void ourOwnGlbReadsBackWithTheSameCountsBoundsAndColours() {
        GeneratedModel original = engine.generate("a red mug next to a blue box", new Options(Complexity.LOW, Options.Style.SMOOTH), null);
        byte[] glb = export(engine, original, ExportFormat.GLB);

        GeneratedModel imported = engine.importGlb(glb);

        assertThat(imported.spec()).isNull();
        assertThat(imported.stats().triangles()).isEqualTo(original.stats().triangles());
        assertThat(imported.stats().vertices()).isEqualTo(original.stats().vertices());
        assertThat(imported.stats().bounds().minX()).isCloseTo(original.stats().bounds().minX(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(imported.stats().bounds().maxY()).isCloseTo(original.stats().bounds().maxY(), org.assertj.core.data.Offset.offset(1e-4));
        List<String> colours = imported.scene().worldParts().stream().map(p -> p.part().material().baseColor()).distinct().toList();
        assertThat(colours).contains("#ff0000", "#0000ff");
    }

    @Test
    void aTexturedGlbConvertsToGltfObjAndStlThatPassTheValidatorAndLoaders() throws IOException {
        byte[] glb = texturedQuadGlb(new Color(200, 40, 40));
        Files.write(dir.resolve("external.glb"), glb);
        try (OutputStream out = Files.newOutputStream(dir.resolve("external.gltf"))) {
            GlbImporter.toEmbeddedGltf(glb, out);
        }
        GeneratedModel imported = engine.importGlb(glb);
        Files.write(dir.resolve("external.obj"), export(engine, imported, ExportFormat.OBJ));
        Files.write(dir.resolve("external.stl"), export(engine, imported, ExportFormat.STL));

        // The texture stays in the glTF (in the embedded buffer), and its average colour becomes the OBJ/MTL colour.
        String gltf = Files.readString(dir.resolve("external.gltf"));
        assertThat(gltf).contains("\"images\"").contains("\"mimeType\" : \"image/png\"").contains("\"baseColorTexture\"")
                .contains("data:application/gltf-buffer;base64,");
        MeshPart part = imported.scene().worldParts().getFirst().part();
        assertThat(part.material().baseColor()).isEqualTo("#c82828");
        assertThat(imported.stats().triangles()).isEqualTo(2);

        JsonNode report = NodeChecks.checkExports(dir);
        for (String name : List.of("external.glb", "external.gltf")) {
            JsonNode v = report.path(name).path("validation");
            assertThat(v.path("errors").asInt(-1)).as(name + ": " + v.path("messages")).isZero();
        }
        assertThat(report.path("external.obj").path("triangles").asLong()).isEqualTo(2);
        assertThat(report.path("external.stl").path("triangles").asLong()).isEqualTo(2);
    }

    @Test
    void everyTemplateSurvivesTheRoundTripWithValidConversions() throws IOException {
        for (String shape : List.of("house", "car", "snowman", "planet")) {
            GeneratedModel original = engine.generate("a " + shape, new Options(Complexity.LOW, Options.Style.SMOOTH), null);
            byte[] glb = export(engine, original, ExportFormat.GLB);
            GeneratedModel imported = engine.importGlb(glb);
            assertThat(imported.stats().triangles()).as(shape).isEqualTo(original.stats().triangles());
            try (OutputStream out = Files.newOutputStream(dir.resolve(shape + ".gltf"))) {
                GlbImporter.toEmbeddedGltf(glb, out);
            }
            Files.write(dir.resolve(shape + ".obj"), export(engine, imported, ExportFormat.OBJ));
            Files.write(dir.resolve(shape + ".stl"), export(engine, imported, ExportFormat.STL));
        }
        JsonNode report = NodeChecks.checkExports(dir);
        for (String shape : List.of("house", "car", "snowman", "planet")) {
            JsonNode gltf = report.path(shape + ".gltf");
            assertThat(gltf.path("validation").path("errors").asInt(-1)).as(shape + ": " + gltf.path("validation")).isZero();
            long triangles = gltf.path("triangles").asLong();
            assertThat(report.path(shape + ".obj").path("triangles").asLong()).as(shape + ".obj").isEqualTo(triangles);
            assertThat(report.path(shape + ".stl").path("triangles").asLong()).as(shape + ".stl").isPositive();
        }
    }

    @Test
    void malformedFilesAreRefusedWithAReason() {
        assertThatThrownBy(() -> engine.importGlb("{\"message\":\"not a model\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("not a GLB file");
        byte[] glb = export(engine, engine.generate("a cube", Options.DEFAULT, null), ExportFormat.GLB);
        assertThatThrownBy(() -> engine.importGlb(Arrays.copyOf(glb, glb.length / 2)))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("truncated");
        byte[] corrupt = glb.clone();
        Arrays.fill(corrupt, 20, 60, (byte) '!'); // inside the JSON chunk
        assertThatThrownBy(() -> engine.importGlb(corrupt)).isInstanceOf(InvalidModelFileException.class);
        assertThatThrownBy(() -> engine.importGlb(new byte[3])).isInstanceOf(InvalidModelFileException.class);
    }

    @Test
    void theTriangleCapAppliesToImportsToo() {
        byte[] glb = export(engine, engine.generate("a sphere", new Options(Complexity.HIGH, Options.Style.SMOOTH), null), ExportFormat.GLB);
        SceneLimits d = SceneLimits.DEFAULT;
        Mesh3dEngine tight = new Mesh3dEngine(ShapeCatalog.standard(), new SceneLimits(d.maxObjects(), 100, d.maxDepth(), d.maxCoordinate(),
                d.maxScale(), d.maxTextLength()));
        assertThatThrownBy(() -> tight.importGlb(glb)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("more than 100 triangles");
    }

    /** A quad with UVs and a solid-colour PNG base colour texture, as texturing services deliver (built with JglTF). */
    static byte[] texturedQuadGlb(Color colour) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 8, 8);
        g.dispose();
        MaterialModelV2 material = MaterialBuilder.create()
                .setBaseColorTexture(TextureModels.createFromBufferedImage(image, "base_color.png", "image/png"), 0)
                .setMetallicRoughnessFactors(0f, 0.8f).build();
        DefaultMeshPrimitiveModel primitive = MeshPrimitiveBuilder.create().setTriangles()
                .setIntIndicesAsShort(IntBuffer.wrap(new int[] {0, 1, 2, 0, 2, 3}))
                .addPositions3D(FloatBuffer.wrap(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}))
                .addNormals3D(FloatBuffer.wrap(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}))
                .addTexCoords02D(FloatBuffer.wrap(new float[] {0, 1, 1, 1, 1, 0, 0, 0}))
                .build();
        primitive.setMaterialModel(material);
        DefaultMeshModel mesh = new DefaultMeshModel();
        mesh.addMeshPrimitiveModel(primitive);
        DefaultNodeModel node = new DefaultNodeModel();
        node.setName("Mesh1.0");
        node.addMeshModel(mesh);
        DefaultSceneModel scene = new DefaultSceneModel();
        scene.addNode(node);
        GltfModelBuilder builder = GltfModelBuilder.create();
        builder.addSceneModel(scene);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GltfModelWriter().writeBinary(builder.build(), out);
        return out.toByteArray();
    }

    @Test
    void importedScenesAreFlatWorldSpaceNodes() {
        GeneratedModel original = engine.generate("a small green pyramid on top of a large yellow box", Options.DEFAULT, null);
        Scene scene = engine.importGlb(export(engine, original, ExportFormat.GLB)).scene();
        assertThat(scene.roots()).allSatisfy(n -> {
            assertThat(n.children()).isEmpty();
            assertThat(n.shape()).isEqualTo("imported");
        });
        assertThat(scene.bounds().maxY()).isCloseTo(original.stats().bounds().maxY(), org.assertj.core.data.Offset.offset(1e-4));
    }
}
