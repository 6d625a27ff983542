package dev.kiln.mesh.imports;

import de.javagl.jgltf.model.AccessorFloatData;
import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.ImageModel;
import de.javagl.jgltf.model.MaterialModel;
import de.javagl.jgltf.model.MeshModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.SceneModel;
import de.javagl.jgltf.model.TextureModel;
import de.javagl.jgltf.model.io.GltfModelReader;
import de.javagl.jgltf.model.io.GltfModelWriter;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.process.Normals;
import dev.kiln.mesh.scene.MeshPart;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.scene.SceneNode;
import dev.kiln.mesh.spec.MaterialSpec;
import dev.kiln.mesh.spec.TransformSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Reads a GLB made elsewhere (an external text-to-3D service) with JglTF: into a {@link Scene} for the
 * flat exporters (OBJ, STL) and statistics, or losslessly into an embedded .gltf (textures kept).
 *
 * <p>Every mesh is baked into world space under one node per glTF node that carries a mesh, so OBJ
 * and STL need no hierarchy. Materials keep their PBR factors; a base colour texture, which OBJ/MTL
 * and our scene model cannot carry, is averaged into the base colour so OBJ viewers show the right hue.
 */
public final class GlbImporter {
    private static final int GLB_MAGIC = 0x46546C67; // "glTF" little-endian
    private static final int TRIANGLES = 4;

    private GlbImporter() {
    }

    /**
     * Reads {@code glb} into a scene.
     *
     * @param maxTriangles refuse models with more triangles than this (a cap on memory per job)
     * @throws InvalidModelFileException when the bytes are not a GLB 2.0 file Kiln can read, or break the cap
     */
    public static Scene read(byte[] glb, long maxTriangles) {
        GltfModel model = parse(glb);
        List<SceneNode> nodes = new ArrayList<>();
        Map<MaterialModel, MaterialSpec> materials = new IdentityHashMap<>();
        long[] triangles = {0};
        List<NodeModel> roots = roots(model);
        for (NodeModel root : roots) {
            collect(root, nodes, materials, triangles, maxTriangles);
        }
        if (nodes.isEmpty()) {
            throw new InvalidModelFileException("the model contains no triangle meshes");
        }
        return new Scene(nodes);
    }

    /** Writes {@code glb} as one .gltf JSON file with buffers and images embedded as data URIs (nothing is lost). */
    public static void toEmbeddedGltf(byte[] glb, OutputStream out) throws IOException {
        new GltfModelWriter().writeEmbedded(parse(glb), out);
    }

    static GltfModel parse(byte[] glb) {
        if (glb == null || glb.length < 20) {
            throw new InvalidModelFileException("not a GLB file (" + (glb == null ? 0 : glb.length) + " bytes)");
        }
        ByteBuffer header = ByteBuffer.wrap(glb, 0, 12).order(ByteOrder.LITTLE_ENDIAN);
        int magic = header.getInt();
        int version = header.getInt();
        long length = Integer.toUnsignedLong(header.getInt());
        if (magic != GLB_MAGIC) {
            throw new InvalidModelFileException("not a GLB file (starts with \"" + printable(glb) + "\")");
        }
        if (version != 2) {
            throw new InvalidModelFileException("GLB version " + version + " is not supported (glTF 2.0 expected)");
        }
        if (length != glb.length) {
            throw new InvalidModelFileException("truncated GLB: the header says " + length + " bytes, got " + glb.length);
        }
        try {
            GltfModel model = new GltfModelReader().readWithoutReferences(new ByteArrayInputStream(glb));
            if (model == null) throw new InvalidModelFileException("unreadable GLB");
            return model;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidModelFileException invalid) throw invalid;
            throw new InvalidModelFileException("unreadable GLB: " + e.getMessage());
        }
    }

    private static String printable(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(8, bytes.length), StandardCharsets.ISO_8859_1);
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    static List<NodeModel> roots(GltfModel model) {
        List<SceneModel> scenes = model.getSceneModels();
        if (!scenes.isEmpty()) return scenes.getFirst().getNodeModels();
        // No scene: every parentless node is a root.
        return model.getNodeModels().stream().filter(n -> n.getParent() == null).toList();
    }

    private static void collect(NodeModel node, List<SceneNode> out, Map<MaterialModel, MaterialSpec> materials, long[] triangles,
            long maxTriangles) {
        if (!node.getMeshModels().isEmpty()) {
            Matrix4 world = matrix(node.computeGlobalTransform(null));
            List<MeshPart> parts = new ArrayList<>();
            int index = 0;
            for (MeshModel mesh : node.getMeshModels()) {
                for (MeshPrimitiveModel primitive : mesh.getMeshPrimitiveModels()) {
                    TriangleMesh local = triangles(primitive);
                    if (local == null || local.isEmpty()) continue;
                    triangles[0] += local.triangleCount();
                    if (triangles[0] > maxTriangles) {
                        throw new InvalidModelFileException("the model has more than " + maxTriangles + " triangles (the limit)");
                    }
                    String name = mesh.getName() != null ? mesh.getName() : "part " + (index + 1);
                    MaterialSpec material = primitive.getMaterialModel() == null ? MaterialSpec.DEFAULT
                            : materials.computeIfAbsent(primitive.getMaterialModel(), GlbImporter::material);
                    parts.add(new MeshPart(parts.isEmpty() ? name : name + " " + (index + 1), local.transformed(world), material));
                    index++;
                }
            }
            if (!parts.isEmpty()) {
                String name = node.getName() != null && !node.getName().isBlank() ? node.getName() : parts.getFirst().name();
                out.add(new SceneNode(name, "imported", TransformSpec.IDENTITY, parts, List.of()));
            }
        }
        for (NodeModel child : node.getChildren()) {
            collect(child, out, materials, triangles, maxTriangles);
        }
    }

    private static Matrix4 matrix(float[] m) {
        double[] d = new double[16];
        for (int i = 0; i < 16; i++) d[i] = m[i];
        return new Matrix4(d);
    }

    /** A primitive's vertex positions (x, y, z per vertex), required as finite float VEC3. */
    static float[] positions(MeshPrimitiveModel primitive) {
        AccessorModel position = primitive.getAttributes().get("POSITION");
        if (position == null) throw new InvalidModelFileException("a mesh has no POSITION attribute");
        if (!(position.getAccessorData() instanceof AccessorFloatData p) || p.getNumComponentsPerElement() != 3) {
            throw new InvalidModelFileException("positions must be float VEC3 (quantized or compressed meshes are not supported)");
        }
        int vertices = p.getNumElements();
        float[] positions = new float[vertices * 3];
        for (int i = 0; i < vertices; i++) {
            for (int c = 0; c < 3; c++) {
                float v = p.get(i, c);
                if (!Float.isFinite(v)) throw new InvalidModelFileException("a vertex position is not a finite number");
                positions[i * 3 + c] = v;
            }
        }
        return positions;
    }

    /** The primitive as an indexed triangle mesh; null for points and lines, which have no surface to keep. */
    private static TriangleMesh triangles(MeshPrimitiveModel primitive) {
        if (primitive.getMode() != TRIANGLES) return null;
        float[] positions = positions(primitive);
        int vertices = positions.length / 3;
        int[] indices = GlbLevelsOfDetail.indices(primitive, vertices);
        AccessorModel normal = primitive.getAttributes().get("NORMAL");
        if (normal != null && normal.getAccessorData() instanceof AccessorFloatData n && n.getNumElements() == vertices
                && n.getNumComponentsPerElement() == 3) {
            float[] normals = new float[vertices * 3];
            for (int i = 0; i < vertices; i++) {
                for (int c = 0; c < 3; c++) normals[i * 3 + c] = n.get(i, c);
            }
            return new TriangleMesh(positions, normals, indices);
        }
        return Normals.computeSmooth(new TriangleMesh(positions, new float[positions.length], indices));
    }

    private static MaterialSpec material(MaterialModel model) {
        if (!(model instanceof MaterialModelV2 m)) return MaterialSpec.DEFAULT;
        float[] factor = m.getBaseColorFactor();
        double[] linear = {factor == null ? 1 : factor[0], factor == null ? 1 : factor[1], factor == null ? 1 : factor[2]};
        double opacity = factor == null || factor.length < 4 ? 1 : factor[3];
        double[] texture = averageLinearColor(m.getBaseColorTexture());
        if (texture != null) {
            for (int c = 0; c < 3; c++) linear[c] *= texture[c];
        }
        String hex = String.format(Locale.ROOT, "#%02x%02x%02x", srgbByte(linear[0]), srgbByte(linear[1]), srgbByte(linear[2]));
        return new MaterialSpec(hex, clamp01(m.getMetallicFactor()), clamp01(m.getRoughnessFactor()),
                m.getAlphaMode() == MaterialModelV2.AlphaMode.BLEND ? clamp01(opacity) : 1.0);
    }

    /** Mean colour of a texture in linear light, or null when it cannot be decoded (then the factor alone is used). */
    private static double[] averageLinearColor(TextureModel texture) {
        if (texture == null || texture.getImageModel() == null) return null;
        ImageModel image = texture.getImageModel();
        ByteBuffer data = image.getImageData();
        if (data == null) return null;
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) return null;
            // A sparse grid is plenty for an average and keeps big textures cheap.
            int step = Math.max(1, Math.max(img.getWidth(), img.getHeight()) / 64);
            double[] sum = new double[3];
            long n = 0;
            for (int y = 0; y < img.getHeight(); y += step) {
                for (int x = 0; x < img.getWidth(); x += step) {
                    int argb = img.getRGB(x, y);
                    sum[0] += srgbToLinear((argb >> 16) & 255);
                    sum[1] += srgbToLinear((argb >> 8) & 255);
                    sum[2] += srgbToLinear(argb & 255);
                    n++;
                }
            }
            return n == 0 ? null : new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static final double[] SRGB_TO_LINEAR = new double[256];

    static {
        for (int v = 0; v < 256; v++) {
            double c = v / 255.0;
            SRGB_TO_LINEAR[v] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

    private static double srgbToLinear(int value) {
        return SRGB_TO_LINEAR[value];
    }

    private static int srgbByte(double linear) {
        double l = clamp01(linear);
        double s = l <= 0.0031308 ? l * 12.92 : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
        return (int) Math.round(clamp01(s) * 255);
    }

    private static double clamp01(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }
}
