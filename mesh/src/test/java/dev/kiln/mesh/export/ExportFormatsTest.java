package dev.kiln.mesh.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.NodeChecks;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.process.MeshTopology;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.scene.SceneBuilder;
import dev.kiln.mesh.spec.MaterialSpec;
import dev.kiln.mesh.spec.ObjectSpec;
import dev.kiln.mesh.spec.SceneSpec;
import dev.kiln.mesh.spec.TransformSpec;
import dev.kiln.mesh.spec.Vec3;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Exports every catalog shape in every format, then checks the files from the outside: Khronos glTF
 * Validator, three.js GLTFLoader / OBJLoader / STLLoader counts, and STL watertightness.
 */
class ExportFormatsTest {

    @TempDir
    static Path dir;

    static final Map<String, Scene> scenes = new HashMap<>();
    static final Map<String, TriangleMesh> printable = new HashMap<>();
    static JsonNode report;

    @BeforeAll
    static void exportEverything() throws IOException {
        SceneBuilder builder = new SceneBuilder();
        for (ShapeGenerator shape : ShapeCatalog.standard().all()) {
            for (Complexity c : Complexity.values()) {
                String id = shape.name() + "-" + c.name().toLowerCase();
                ObjectSpec object = ObjectSpec.of(shape.name(), shape.name())
                        .withMaterial(new MaterialSpec("#3366cc", 0.2, 0.5, 1.0))
                        .withTransform(new TransformSpec(new Vec3(0.5, 0, -0.25), new Vec3(0, 30, 0), Vec3.ONE));
                Scene scene = builder.build(SceneSpec.of(List.of(object)), c);
                scenes.put(id, scene);
                write(dir.resolve(id + ".glb"), out -> GltfExporter.writeGlb(scene, out));
                if (c != Complexity.MEDIUM) {
                    continue; // the other formats share all code paths with GLB except tessellation
                }
                write(dir.resolve(id + ".gltf"), out -> GltfExporter.writeEmbedded(scene, out));
                try (OutputStream json = Files.newOutputStream(dir.resolve(id + "-separate.gltf"));
                        OutputStream bin = Files.newOutputStream(dir.resolve(id + "-separate.bin"))) {
                    GltfExporter.writeSeparate(scene, json, bin, id + "-separate.bin");
                }
                try (OutputStream obj = Files.newOutputStream(dir.resolve(id + ".obj"));
                        OutputStream mtl = Files.newOutputStream(dir.resolve(id + ".mtl"))) {
                    ObjExporter.write(scene, obj, mtl, id + ".mtl");
                }
                TriangleMesh mesh = StlExporter.printableMesh(scene);
                printable.put(id, mesh);
                write(dir.resolve(id + ".stl"), out -> StlExporter.writeBinary(mesh, out));
                write(dir.resolve(id + "-ascii.stl"), out -> StlExporter.writeAscii(mesh, id, out));
            }
        }
        report = NodeChecks.checkExports(dir);
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    static void write(Path file, Writer writer) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.write(out);
        }
    }

    @Test
    void everyGltfFilePassesTheKhronosValidatorWithZeroErrors() {
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : report.properties()) {
            if (!e.getKey().endsWith(".glb") && !e.getKey().endsWith(".gltf")) {
                continue;
            }
            checked++;
            JsonNode v = e.getValue().path("validation");
            soft.assertThat(v.path("errors").asInt(-1)).as(e.getKey() + " validator errors: " + v.path("messages")).isZero();
            soft.assertThat(e.getValue().has("loadError")).as(e.getKey() + " load: " + e.getValue().path("loadError")).isFalse();
        }
        soft.assertThat(checked).as("glTF files checked").isEqualTo(ShapeCatalog.standard().all().size() * 5);
        soft.assertAll();
    }

    @Test
    void threeJsLoadersSeeTheSameVertexAndTriangleCountsAsJava() {
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, Scene> e : scenes.entrySet()) {
            Scene scene = e.getValue();
            JsonNode glb = report.path(e.getKey() + ".glb");
            soft.assertThat(glb.path("triangles").asLong(-1)).as(e.getKey() + ".glb triangles").isEqualTo(scene.triangleCount());
            soft.assertThat(glb.path("vertices").asLong(-1)).as(e.getKey() + ".glb vertices").isEqualTo(scene.vertexCount());
            if (!e.getKey().endsWith("-medium")) {
                continue;
            }
            JsonNode gltf = report.path(e.getKey() + ".gltf");
            soft.assertThat(gltf.path("triangles").asLong(-1)).as(e.getKey() + ".gltf triangles").isEqualTo(scene.triangleCount());
            JsonNode obj = report.path(e.getKey() + ".obj");
            soft.assertThat(obj.path("triangles").asLong(-1)).as(e.getKey() + ".obj triangles").isEqualTo(scene.triangleCount());
            // OBJLoader un-indexes faces: three vertices per triangle
            soft.assertThat(obj.path("vertices").asLong(-1)).as(e.getKey() + ".obj vertices").isEqualTo(scene.triangleCount() * 3);
            TriangleMesh mesh = printable.get(e.getKey());
            for (String stl : List.of(".stl", "-ascii.stl")) {
                JsonNode s = report.path(e.getKey() + stl);
                soft.assertThat(s.path("triangles").asLong(-1)).as(e.getKey() + stl + " triangles").isEqualTo(mesh.triangleCount());
            }
        }
        soft.assertAll();
    }

    @Test
    void closedShapesExportWatertightStl() {
        SoftAssertions soft = new SoftAssertions();
        List<String> closed = new ArrayList<>();
        for (ShapeGenerator shape : ShapeCatalog.standard().all()) {
            if (!shape.closed()) {
                continue;
            }
            closed.add(shape.name());
            String id = shape.name() + "-medium";
            for (String stl : List.of(".stl", "-ascii.stl")) {
                JsonNode topology = report.path(id + stl).path("topology");
                soft.assertThat(topology.path("watertight").asBoolean(false)).as(id + stl + " watertight in three.js: " + topology).isTrue();
            }
            MeshTopology java = MeshTopology.analyze(printable.get(id));
            soft.assertThat(java.isWatertight()).as(id + " watertight in Java: " + java).isTrue();
            soft.assertThat(java.signedVolume()).as(id + " faces outward (positive volume)").isPositive();
        }
        assertThat(closed).contains("box", "sphere", "cylinder", "cone", "torus", "capsule", "pyramid");
        soft.assertAll();
    }

    @Test
    void glbKeepsObjectNamesAndPbrMaterial() {
        JsonNode glb = report.path("box-medium.glb");
        assertThat(glb.path("names").toString()).contains("box");
        JsonNode material = glb.path("materials").get(0);
        assertThat(material.path("color").asString()).isEqualTo("3366cc");
        assertThat(material.path("metalness").asDouble()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(material.path("roughness").asDouble()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
    }
}
