package dev.kiln.mesh.export;

import de.javagl.jgltf.model.BufferModel;
import de.javagl.jgltf.model.creation.GltfModelBuilder;
import de.javagl.jgltf.model.creation.MaterialBuilder;
import de.javagl.jgltf.model.creation.MeshPrimitiveBuilder;
import de.javagl.jgltf.model.impl.DefaultBufferModel;
import de.javagl.jgltf.model.impl.DefaultGltfModel;
import de.javagl.jgltf.model.impl.DefaultMeshModel;
import de.javagl.jgltf.model.impl.DefaultMeshPrimitiveModel;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import de.javagl.jgltf.model.impl.DefaultSceneModel;
import de.javagl.jgltf.model.io.GltfAssetWriter;
import de.javagl.jgltf.model.io.GltfModelWriter;
import de.javagl.jgltf.model.io.v2.GltfAssetV2;
import de.javagl.jgltf.model.io.v2.GltfAssetsV2;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import dev.kiln.mesh.scene.MeshPart;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.scene.SceneNode;
import dev.kiln.mesh.spec.MaterialSpec;
import dev.kiln.mesh.spec.Vec3;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.channels.Channels;
import java.util.HashMap;
import java.util.Map;

/**
 * glTF 2.0 export through JglTF's model builder: one glTF node per scene object (with its TRS
 * transform and name), one child node per named part, PBR metallic-roughness materials shared by value.
 */
public final class GltfExporter {

    private GltfExporter() {
    }

    /** Binary glTF (.glb). */
    public static void writeGlb(Scene scene, OutputStream out) throws IOException {
        new GltfModelWriter().writeBinary(toGltfModel(scene), out);
    }

    /** glTF JSON with the binary buffer embedded as a base64 data URI. */
    public static void writeEmbedded(Scene scene, OutputStream out) throws IOException {
        new GltfModelWriter().writeEmbedded(toGltfModel(scene), out);
    }

    /** glTF JSON that references {@code binFileName}, and that buffer written to {@code binOut}. */
    public static void writeSeparate(Scene scene, OutputStream jsonOut, OutputStream binOut, String binFileName) throws IOException {
        DefaultGltfModel model = toGltfModel(scene);
        for (BufferModel buffer : model.getBufferModels()) {
            ((DefaultBufferModel) buffer).setUri(binFileName);
        }
        GltfAssetV2 asset = GltfAssetsV2.createDefault(model);
        new GltfAssetWriter().writeJson(asset, jsonOut);
        ByteBuffer data = asset.getReferenceData(binFileName);
        if (data != null) {
            Channels.newChannel(binOut).write(data.slice());
        }
    }

    /** Builds the JglTF model of a scene. */
    public static DefaultGltfModel toGltfModel(Scene scene) {
        Map<MaterialSpec, MaterialModelV2> materials = new HashMap<>();
        DefaultSceneModel sceneModel = new DefaultSceneModel();
        for (SceneNode root : scene.roots()) {
            sceneModel.addNode(node(root, materials));
        }
        GltfModelBuilder builder = GltfModelBuilder.create();
        builder.addSceneModel(sceneModel);
        return builder.build();
    }

    private static DefaultNodeModel node(SceneNode source, Map<MaterialSpec, MaterialModelV2> materials) {
        DefaultNodeModel node = new DefaultNodeModel();
        node.setName(source.name());
        Vec3 p = source.transform().position(), r = source.transform().rotation(), s = source.transform().scale();
        if (!p.equals(Vec3.ZERO)) {
            node.setTranslation(new float[] {(float) p.x(), (float) p.y(), (float) p.z()});
        }
        if (!r.equals(Vec3.ZERO)) {
            node.setRotation(quaternionFromEulerDegrees(r.x(), r.y(), r.z()));
        }
        if (!s.equals(Vec3.ONE)) {
            node.setScale(new float[] {(float) s.x(), (float) s.y(), (float) s.z()});
        }
        boolean single = source.parts().size() == 1;
        for (MeshPart part : source.parts()) {
            if (part.mesh().isEmpty()) {
                continue; // glTF forbids empty accessors
            }
            DefaultMeshModel mesh = mesh(part, materials);
            if (single) {
                node.addMeshModel(mesh);
            } else {
                DefaultNodeModel partNode = new DefaultNodeModel();
                partNode.setName(part.name());
                partNode.addMeshModel(mesh);
                node.addChild(partNode);
            }
        }
        for (SceneNode child : source.children()) {
            node.addChild(node(child, materials));
        }
        return node;
    }

    private static DefaultMeshModel mesh(MeshPart part, Map<MaterialSpec, MaterialModelV2> materials) {
        MeshPrimitiveBuilder primitive = MeshPrimitiveBuilder.create().setTriangles();
        IntBuffer indices = IntBuffer.wrap(part.mesh().indices());
        if (part.mesh().vertexCount() <= 65_535) {
            primitive.setIntIndicesAsShort(indices); // halves index size for the common case
        } else {
            primitive.setIntIndices(indices);
        }
        primitive.addPositions3D(FloatBuffer.wrap(part.mesh().positions()));
        primitive.addNormals3D(FloatBuffer.wrap(part.mesh().normals()));
        DefaultMeshPrimitiveModel primitiveModel = primitive.build();
        primitiveModel.setMaterialModel(materials.computeIfAbsent(part.material(), GltfExporter::material));
        DefaultMeshModel mesh = new DefaultMeshModel();
        mesh.setName(part.name());
        mesh.addMeshPrimitiveModel(primitiveModel);
        return mesh;
    }

    private static MaterialModelV2 material(MaterialSpec spec) {
        double[] rgb = spec.linearRgb();
        MaterialBuilder builder = MaterialBuilder.create()
                .setBaseColorFactor((float) rgb[0], (float) rgb[1], (float) rgb[2], (float) spec.opacity())
                .setMetallicRoughnessFactors((float) spec.metalness(), (float) spec.roughness());
        if (spec.opacity() < 1) {
            builder.setAlphaMode(MaterialModelV2.AlphaMode.BLEND);
        }
        MaterialModelV2 material = builder.build();
        material.setName(spec.baseColor() + (spec.metalness() > 0.5 ? " metal" : "") + (spec.opacity() < 1 ? " translucent" : ""));
        return material;
    }

    /** Unit quaternion (x, y, z, w) for Euler angles in degrees, XYZ order (as three.js Quaternion.setFromEuler). */
    static float[] quaternionFromEulerDegrees(double xDeg, double yDeg, double zDeg) {
        double x = Math.toRadians(xDeg) / 2, y = Math.toRadians(yDeg) / 2, z = Math.toRadians(zDeg) / 2;
        double c1 = Math.cos(x), c2 = Math.cos(y), c3 = Math.cos(z), s1 = Math.sin(x), s2 = Math.sin(y), s3 = Math.sin(z);
        double qx = s1 * c2 * c3 + c1 * s2 * s3;
        double qy = c1 * s2 * c3 - s1 * c2 * s3;
        double qz = c1 * c2 * s3 + s1 * s2 * c3;
        double qw = c1 * c2 * c3 - s1 * s2 * s3;
        double len = Math.sqrt(qx * qx + qy * qy + qz * qz + qw * qw);
        return new float[] {(float) (qx / len), (float) (qy / len), (float) (qz / len), (float) (qw / len)};
    }
}
