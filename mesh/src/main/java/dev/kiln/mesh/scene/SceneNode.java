package dev.kiln.mesh.scene;

import dev.kiln.mesh.geometry.Bounds;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.spec.TransformSpec;
import java.util.List;

/**
 * A built object: placement relative to the parent, its mesh parts and child nodes.
 *
 * @param name      object name
 * @param shape     shape the parts were generated from
 * @param transform placement relative to the parent node
 * @param parts     meshes in this node's frame
 * @param children  child nodes
 */
public record SceneNode(String name, String shape, TransformSpec transform, List<MeshPart> parts, List<SceneNode> children) {

    public SceneNode {
        parts = List.copyOf(parts);
        children = List.copyOf(children);
    }

    /** Bounds of this node and its descendants in the frame of {@code parentToWorld}. */
    public Bounds bounds(Matrix4 parentToWorld) {
        Matrix4 world = parentToWorld.multiply(transform.toMatrix());
        Bounds b = Bounds.EMPTY;
        for (MeshPart part : parts) {
            b = b.union(Bounds.of(part.mesh().transformed(world)));
        }
        for (SceneNode child : children) {
            b = b.union(child.bounds(world));
        }
        return b;
    }
}
