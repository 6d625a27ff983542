package dev.kiln.mesh.imports;

import de.javagl.jgltf.model.AccessorByteData;
import de.javagl.jgltf.model.AccessorData;
import de.javagl.jgltf.model.AccessorFloatData;
import de.javagl.jgltf.model.AccessorIntData;
import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.AccessorShortData;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.ImageModel;
import de.javagl.jgltf.model.MaterialModel;
import de.javagl.jgltf.model.MeshModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.TextureModel;
import de.javagl.jgltf.model.creation.AccessorModels;
import de.javagl.jgltf.model.creation.GltfModelBuilder;
import de.javagl.jgltf.model.creation.MeshPrimitiveBuilder;
import de.javagl.jgltf.model.impl.DefaultAccessorModel;
import de.javagl.jgltf.model.impl.DefaultImageModel;
import de.javagl.jgltf.model.impl.DefaultMeshModel;
import de.javagl.jgltf.model.impl.DefaultMeshPrimitiveModel;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import de.javagl.jgltf.model.impl.DefaultSceneModel;
import de.javagl.jgltf.model.impl.DefaultTextureModel;
import de.javagl.jgltf.model.io.GltfModelWriter;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import dev.kiln.mesh.process.LevelsOfDetail;
import dev.kiln.mesh.process.SeamPreservingSimplifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lower levels of detail of a GLB made elsewhere that keep everything its surfaces carry: the node tree, the materials
 * with their textures, and every vertex attribute (texture coordinates, normals, colours, tangents) as delivered. Only
 * the triangles change, simplified by {@link SeamPreservingSimplifier}, which never moves a vertex, so textures still
 * fit. (Reading the GLB into a {@link dev.kiln.mesh.scene.Scene} instead would average each texture into one colour.)
 * Skins, morph targets, animations and cameras are left out: a level of detail is a still, distant view.
 */
public final class GlbLevelsOfDetail {
    private static final int TRIANGLES = 4;

    private GlbLevelsOfDetail() {
    }

    /**
     * The GLB with every mesh over a few hundred triangles simplified to about {@code ratio} of its triangles.
     *
     * @param maxTriangles refuse models with more triangles than this, counting every instance of a mesh
     * @throws InvalidModelFileException when the bytes are not a GLB Kiln can read, or break the cap
     */
    public static byte[] simplify(byte[] glb, double ratio, long maxTriangles) {
        if (!(ratio > 0 && ratio <= 1)) throw new IllegalArgumentException("ratio must be in (0, 1], got " + ratio);
        GltfModel model = GlbImporter.parse(glb);
        List<NodeModel> roots = GlbImporter.roots(model);
        long[] triangles = {0};
        for (NodeModel root : roots) count(root, triangles, maxTriangles);
        detachTextures(model);
        Map<MeshModel, DefaultMeshModel> simplified = new IdentityHashMap<>();
        DefaultSceneModel scene = new DefaultSceneModel();
        for (NodeModel root : roots) scene.addNode(copy(root, simplified, ratio));
        GltfModelBuilder builder = GltfModelBuilder.create();
        builder.addSceneModel(scene);
        ByteArrayOutputStream out = new ByteArrayOutputStream(glb.length);
        try {
            new GltfModelWriter().writeBinary(builder.build(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Gives every material's textures images that hold their bytes: a parsed image points into the old file's buffer,
     * which the new file does not have, and JglTF would write it without its data.
     */
    private static void detachTextures(GltfModel model) {
        Map<TextureModel, TextureModel> copies = new IdentityHashMap<>();
        Map<ImageModel, ImageModel> images = new IdentityHashMap<>();
        for (MaterialModel m : model.getMaterialModels()) {
            if (!(m instanceof MaterialModelV2 v)) continue;
            v.setBaseColorTexture(copy(v.getBaseColorTexture(), copies, images));
            v.setMetallicRoughnessTexture(copy(v.getMetallicRoughnessTexture(), copies, images));
            v.setNormalTexture(copy(v.getNormalTexture(), copies, images));
            v.setOcclusionTexture(copy(v.getOcclusionTexture(), copies, images));
            v.setEmissiveTexture(copy(v.getEmissiveTexture(), copies, images));
        }
    }

    private static TextureModel copy(TextureModel source, Map<TextureModel, TextureModel> copies, Map<ImageModel, ImageModel> images) {
        if (source == null) return null;
        return copies.computeIfAbsent(source, s -> {
            DefaultTextureModel texture = new DefaultTextureModel();
            texture.setName(s.getName());
            texture.setMagFilter(s.getMagFilter());
            texture.setMinFilter(s.getMinFilter());
            texture.setWrapS(s.getWrapS());
            texture.setWrapT(s.getWrapT());
            if (s.getImageModel() != null) {
                texture.setImageModel(images.computeIfAbsent(s.getImageModel(), i -> {
                    DefaultImageModel image = new DefaultImageModel();
                    image.setName(i.getName());
                    image.setMimeType(i.getMimeType());
                    image.setUri(i.getUri());
                    ByteBuffer data = i.getImageData();
                    ByteBuffer bytes = ByteBuffer.allocate(data.remaining());
                    bytes.put(data.duplicate()).flip();
                    image.setImageData(bytes);
                    return image;
                }));
            }
            return texture;
        });
    }

    private static void count(NodeModel node, long[] triangles, long maxTriangles) {
        for (MeshModel mesh : node.getMeshModels()) {
            for (MeshPrimitiveModel p : mesh.getMeshPrimitiveModels()) {
                if (p.getMode() != TRIANGLES) continue;
                AccessorModel indices = p.getIndices();
                AccessorModel position = p.getAttributes().get("POSITION");
                triangles[0] += (indices != null ? indices.getCount() : position == null ? 0 : position.getCount()) / 3;
                if (triangles[0] > maxTriangles) {
                    throw new InvalidModelFileException("the model has more than " + maxTriangles + " triangles (the limit)");
                }
            }
        }
        for (NodeModel child : node.getChildren()) count(child, triangles, maxTriangles);
    }

    /** The node with its transform, name and children; each mesh simplified once, however many nodes show it. */
    private static DefaultNodeModel copy(NodeModel source, Map<MeshModel, DefaultMeshModel> simplified, double ratio) {
        DefaultNodeModel node = new DefaultNodeModel();
        node.setName(source.getName());
        if (source.getMatrix() != null) {
            node.setMatrix(source.getMatrix().clone());
        } else {
            if (source.getTranslation() != null) node.setTranslation(source.getTranslation().clone());
            if (source.getRotation() != null) node.setRotation(source.getRotation().clone());
            if (source.getScale() != null) node.setScale(source.getScale().clone());
        }
        for (MeshModel mesh : source.getMeshModels()) {
            DefaultMeshModel lower = simplified.computeIfAbsent(mesh, m -> simplify(m, ratio));
            if (!lower.getMeshPrimitiveModels().isEmpty()) node.addMeshModel(lower);
        }
        for (NodeModel child : source.getChildren()) node.addChild(copy(child, simplified, ratio));
        return node;
    }

    private static DefaultMeshModel simplify(MeshModel source, double ratio) {
        DefaultMeshModel mesh = new DefaultMeshModel();
        mesh.setName(source.getName());
        for (MeshPrimitiveModel primitive : source.getMeshPrimitiveModels()) {
            if (primitive.getMode() != TRIANGLES) continue; // points and lines have no surface to keep
            mesh.addMeshPrimitiveModel(simplify(primitive, ratio));
        }
        return mesh;
    }

    /** One attribute kept as floats: its glTF name, components per vertex, and where it sits in a vertex's row. */
    private record Attribute(String name, int components, int offset) {}

    private static DefaultMeshPrimitiveModel simplify(MeshPrimitiveModel primitive, double ratio) {
        float[] positions = GlbImporter.positions(primitive);
        int vertices = positions.length / 3;

        // Skinning data is dropped (a level of detail is not animated); every other attribute is carried as it is.
        List<Attribute> attributes = new ArrayList<>();
        List<AccessorModel> accessors = new ArrayList<>();
        int stride = 0;
        for (Map.Entry<String, AccessorModel> e : primitive.getAttributes().entrySet()) {
            String name = e.getKey();
            if (name.equals("POSITION") || name.startsWith("JOINTS_") || name.startsWith("WEIGHTS_")) continue;
            AccessorModel accessor = e.getValue();
            int components = accessor.getAccessorData().getNumComponentsPerElement();
            if (accessor.getCount() != vertices || components < 1 || components > 4) continue;
            attributes.add(new Attribute(name, components, stride));
            accessors.add(accessor);
            stride += components;
        }
        float[] rows = new float[vertices * stride];
        for (int a = 0; a < attributes.size(); a++) {
            Attribute attribute = attributes.get(a);
            AccessorModel accessor = accessors.get(a);
            for (int i = 0; i < vertices; i++) {
                for (int c = 0; c < attribute.components(); c++) {
                    rows[i * stride + attribute.offset() + c] = component(accessor, i, c);
                }
            }
        }
        int[] indices = indices(primitive, vertices);

        SeamPreservingSimplifier.Mesh mesh = new SeamPreservingSimplifier.Mesh(positions, rows, stride, indices);
        if (mesh.triangleCount() > LevelsOfDetail.MIN_TRIANGLES_TO_SIMPLIFY && ratio < 1) {
            mesh = SeamPreservingSimplifier.simplify(mesh, Math.max(LevelsOfDetail.MIN_TRIANGLES_TO_SIMPLIFY / 2,
                    (int) Math.round(mesh.triangleCount() * ratio)));
        }

        MeshPrimitiveBuilder builder = MeshPrimitiveBuilder.create().setTriangles();
        IntBuffer index = IntBuffer.wrap(mesh.indices());
        if (mesh.vertexCount() <= 65_535) {
            builder.setIntIndicesAsShort(index);
        } else {
            builder.setIntIndices(index);
        }
        builder.addPositions3D(FloatBuffer.wrap(mesh.positions()));
        int kept = mesh.vertexCount();
        for (Attribute attribute : attributes) {
            float[] values = new float[kept * attribute.components()];
            for (int i = 0; i < kept; i++) {
                System.arraycopy(mesh.attributes(), i * stride + attribute.offset(), values, i * attribute.components(), attribute.components());
            }
            builder.addAttribute(attribute.name(), floats(values, attribute.components()));
        }
        DefaultMeshPrimitiveModel out = builder.build();
        MaterialModel material = primitive.getMaterialModel();
        if (material != null) out.setMaterialModel(material);
        return out;
    }

    private static DefaultAccessorModel floats(float[] values, int components) {
        FloatBuffer buffer = FloatBuffer.wrap(values);
        return switch (components) {
            case 1 -> AccessorModels.createFloatScalar(buffer);
            case 2 -> AccessorModels.createFloat2D(buffer);
            case 3 -> AccessorModels.createFloat3D(buffer);
            default -> AccessorModels.createFloat4D(buffer);
        };
    }

    /** One component as a float; normalized integers (allowed for texture coordinates and colours) become 0..1 or -1..1. */
    private static float component(AccessorModel accessor, int element, int component) {
        AccessorData data = accessor.getAccessorData();
        boolean normalized = accessor.isNormalized();
        return switch (data) {
            case AccessorFloatData d -> d.get(element, component);
            case AccessorByteData d -> normalized
                    ? (d.isUnsigned() ? d.getInt(element, component) / 255f : Math.max(d.getInt(element, component) / 127f, -1f))
                    : d.getInt(element, component);
            case AccessorShortData d -> normalized
                    ? (d.isUnsigned() ? d.getInt(element, component) / 65535f : Math.max(d.getInt(element, component) / 32767f, -1f))
                    : d.getInt(element, component);
            case AccessorIntData d -> (float) d.getLong(element, component);
            default -> throw new InvalidModelFileException("an attribute has an unreadable component type");
        };
    }

    /** A primitive's triangle indices (0, 1, 2… when it has none), each checked to point at one of its vertices. */
    static int[] indices(MeshPrimitiveModel primitive, int vertices) {
        AccessorModel accessor = primitive.getIndices();
        if (accessor == null) {
            int[] indices = new int[vertices - vertices % 3];
            for (int i = 0; i < indices.length; i++) indices[i] = i;
            return indices;
        }
        AccessorData data = accessor.getAccessorData();
        int[] indices = new int[data.getNumElements() - data.getNumElements() % 3];
        for (int i = 0; i < indices.length; i++) {
            int index = switch (data) {
                case AccessorIntData d -> (int) d.getLong(i);
                case AccessorShortData d -> d.getInt(i);
                case AccessorByteData d -> d.getInt(i);
                default -> throw new InvalidModelFileException("indices must be unsigned integers");
            };
            if (index < 0 || index >= vertices) throw new InvalidModelFileException("an index points past the vertices");
            indices[i] = index;
        }
        return indices;
    }
}
