package dev.kiln.mesh.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.javagl.jgltf.model.AccessorFloatData;
import de.javagl.jgltf.model.AccessorShortData;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
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
import dev.kiln.mesh.Mesh3dEngine;
import dev.kiln.mesh.NodeChecks;
import dev.kiln.mesh.Options;
import dev.kiln.mesh.export.ExportFormat;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Levels of detail of textured GLBs made elsewhere: fewer triangles, the same texture, and every kept vertex exactly as
 * delivered (position, UV, normal), so the texture still fits; seams stay where they were; the files pass the Khronos
 * validator (three.js's loader cannot load textures under Node, so it is not run on them here).
 */
class GlbLevelsOfDetailTest {
    @TempDir
    Path dir;

    @Test
    void aTexturedModelKeepsItsUvsTextureAndSeamsThroughSimplification() throws IOException {
        byte[] glb = texturedSphereGlb(64, 32);
        GltfModel original = GlbImporter.parse(glb);
        int originalTriangles = triangles(original);

        byte[] lod1 = GlbLevelsOfDetail.simplify(glb, 0.3, 1_000_000);
        byte[] lod2 = GlbLevelsOfDetail.simplify(glb, 0.08, 1_000_000);
        GltfModel one = GlbImporter.parse(lod1);
        GltfModel two = GlbImporter.parse(lod2);
        assertThat(triangles(one)).isLessThanOrEqualTo((int) (originalTriangles * 0.3) + 2).isGreaterThan(triangles(two));
        assertThat(triangles(two)).isLessThanOrEqualTo((int) (originalTriangles * 0.15));

        Set<String> delivered = new HashSet<>(vertices(original));
        for (GltfModel lod : List.of(one, two)) {
            MeshPrimitiveModel primitive = lod.getMeshModels().getFirst().getMeshPrimitiveModels().getFirst();
            assertThat(primitive.getAttributes()).containsKeys("POSITION", "NORMAL", "TEXCOORD_0");
            // Every vertex is one the artist's file had: position, normal and UV together.
            assertThat(delivered).containsAll(vertices(lod));
            // The same picture, byte for byte, on the same kind of material.
            MaterialModelV2 material = (MaterialModelV2) primitive.getMaterialModel();
            assertThat(bytes(material.getBaseColorTexture().getImageModel().getImageData()))
                    .isEqualTo(bytes(original.getImageModels().getFirst().getImageData()));
            assertThat(material.getRoughnessFactor()).isEqualTo(0.7f);
            assertThat(lod.getNodeModels().getFirst().getName()).isEqualTo("globe");
        }
        // The seam (u = 0 and u = 1 at the same meridian) is kept whole, so no crack can open along it.
        assertThat(vertices(two).stream().filter(v -> v.contains("|u=0.0,") || v.contains("|u=1.0,")).count())
                .isEqualTo(vertices(original).stream().filter(v -> v.contains("|u=0.0,") || v.contains("|u=1.0,")).count());

        Files.write(dir.resolve("lod1.glb"), lod1);
        Files.write(dir.resolve("lod2.glb"), lod2);
        JsonNode report = NodeChecks.checkExports(dir);
        for (String name : List.of("lod1.glb", "lod2.glb")) {
            JsonNode v = report.path(name).path("validation");
            assertThat(v.path("errors").asInt(-1)).as(name + ": " + v.path("messages")).isZero();
        }
    }

    @Test
    void smallPartsStayAsTheyAreAndTheTriangleCapHolds() throws IOException {
        // A part at or under 200 triangles is kept as it is, as for the engine's own levels of detail.
        byte[] quad = GlbImporterTest.texturedQuadGlb(new Color(10, 200, 30));
        assertThat(triangles(GlbImporter.parse(GlbLevelsOfDetail.simplify(quad, 0.08, 1000)))).isEqualTo(2);
        Mesh3dEngine engine = new Mesh3dEngine();
        ByteArrayOutputStream own = new ByteArrayOutputStream();
        engine.export(engine.generate("a red mug", new Options(Complexity.HIGH, Options.Style.SMOOTH), null), ExportFormat.GLB, own);
        assertThatThrownBy(() -> GlbLevelsOfDetail.simplify(own.toByteArray(), 0.3, 100)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("more than 100 triangles");
    }

    private static int triangles(GltfModel model) {
        int n = 0;
        for (var mesh : model.getMeshModels())
            for (var p : mesh.getMeshPrimitiveModels()) n += p.getIndices().getCount() / 3;
        return n;
    }

    /** Each vertex a triangle uses, as text: position, normal and UV (what must survive together). */
    private static List<String> vertices(GltfModel model) {
        List<String> out = new ArrayList<>();
        MeshPrimitiveModel p = model.getMeshModels().getFirst().getMeshPrimitiveModels().getFirst();
        AccessorFloatData pos = (AccessorFloatData) p.getAttributes().get("POSITION").getAccessorData();
        AccessorFloatData nor = (AccessorFloatData) p.getAttributes().get("NORMAL").getAccessorData();
        AccessorFloatData uv = (AccessorFloatData) p.getAttributes().get("TEXCOORD_0").getAccessorData();
        AccessorShortData index = (AccessorShortData) p.getIndices().getAccessorData();
        Set<Integer> used = new java.util.TreeSet<>();
        for (int i = 0; i < index.getNumElements(); i++) used.add(index.getInt(i));
        for (int i : used) {
            out.add(pos.get(i, 0) + "," + pos.get(i, 1) + "," + pos.get(i, 2) + "|n=" + nor.get(i, 0) + "," + nor.get(i, 1) + ","
                    + nor.get(i, 2) + "|u=" + uv.get(i, 0) + "," + uv.get(i, 1));
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    /**
     * A UV sphere with a checker base colour texture, as a texturing service delivers a model: one vertex column per
     * meridian plus a duplicate at u = 1 (the seam), poles split per segment.
     */
    static byte[] texturedSphereGlb(int segments, int rings) throws IOException {
        List<Float> positions = new ArrayList<>(), normals = new ArrayList<>(), uvs = new ArrayList<>();
        for (int r = 0; r <= rings; r++) {
            double v = (double) r / rings, theta = v * Math.PI;
            for (int s = 0; s <= segments; s++) {
                double u = (double) s / segments, phi = u * 2 * Math.PI;
                float x = (float) (Math.sin(theta) * Math.cos(phi)), y = (float) Math.cos(theta), z = (float) (Math.sin(theta) * Math.sin(phi));
                positions.addAll(List.of(x * 0.5f, y * 0.5f + 0.5f, z * 0.5f));
                normals.addAll(List.of(x, y, z));
                uvs.addAll(List.of((float) u, (float) v));
            }
        }
        List<Integer> indices = new ArrayList<>();
        for (int r = 0; r < rings; r++) {
            for (int s = 0; s < segments; s++) {
                int a = r * (segments + 1) + s, b = a + segments + 1;
                if (r != 0) indices.addAll(List.of(a, a + 1, b));
                if (r != rings - 1) indices.addAll(List.of(a + 1, b + 1, b));
            }
        }
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 64; x++) image.setRGB(x, y, ((x / 8 + y / 8) % 2 == 0) ? 0xd03030 : 0xf0f0f0);
        MaterialModelV2 material = MaterialBuilder.create()
                .setBaseColorTexture(TextureModels.createFromBufferedImage(image, "checker.png", "image/png"), 0)
                .setMetallicRoughnessFactors(0f, 0.7f).build();
        DefaultMeshPrimitiveModel primitive = MeshPrimitiveBuilder.create().setTriangles()
                .setIntIndicesAsShort(IntBuffer.wrap(indices.stream().mapToInt(Integer::intValue).toArray()))
                .addPositions3D(FloatBuffer.wrap(floats(positions)))
                .addNormals3D(FloatBuffer.wrap(floats(normals)))
                .addTexCoords02D(FloatBuffer.wrap(floats(uvs)))
                .build();
        primitive.setMaterialModel(material);
        DefaultMeshModel mesh = new DefaultMeshModel();
        mesh.addMeshPrimitiveModel(primitive);
        DefaultNodeModel node = new DefaultNodeModel();
        node.setName("globe");
        node.setTranslation(new float[] {0, 0.1f, 0});
        node.addMeshModel(mesh);
        DefaultSceneModel scene = new DefaultSceneModel();
        scene.addNode(node);
        GltfModelBuilder builder = GltfModelBuilder.create();
        builder.addSceneModel(scene);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GltfModelWriter().writeBinary(builder.build(), out);
        return out.toByteArray();
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }
}
