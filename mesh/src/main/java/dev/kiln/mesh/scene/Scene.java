package dev.kiln.mesh.scene;

import dev.kiln.mesh.geometry.Bounds;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.geometry.TriangleMesh;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A built scene: a forest of {@link SceneNode}s ready for export. */
public record Scene(List<SceneNode> roots) {

    public Scene {
        roots = List.copyOf(roots);
    }

    /** One mesh part with its node-to-world transform, as flat exporters (OBJ, STL) need it. */
    public record WorldPart(String path, MeshPart part, Matrix4 toWorld) {

        public TriangleMesh worldMesh() {
            return part.mesh().transformed(toWorld);
        }
    }

    /** Every part with its world transform, depth first in node order. */
    public List<WorldPart> worldParts() {
        List<WorldPart> out = new ArrayList<>();
        for (SceneNode root : roots) {
            collect(root, Matrix4.IDENTITY, "", out::add);
        }
        return out;
    }

    private static void collect(SceneNode node, Matrix4 parent, String prefix, Consumer<WorldPart> sink) {
        Matrix4 world = parent.multiply(node.transform().toMatrix());
        String path = prefix.isEmpty() ? node.name() : prefix + "/" + node.name();
        for (MeshPart part : node.parts()) {
            sink.accept(new WorldPart(node.parts().size() == 1 ? path : path + "/" + part.name(), part, world));
        }
        for (SceneNode child : node.children()) {
            collect(child, world, path, sink);
        }
    }

    public Bounds bounds() {
        Bounds b = Bounds.EMPTY;
        for (SceneNode root : roots) {
            b = b.union(root.bounds(Matrix4.IDENTITY));
        }
        return b;
    }

    public long triangleCount() {
        long n = 0;
        for (WorldPart p : worldParts()) {
            n += p.part().mesh().triangleCount();
        }
        return n;
    }

    public long vertexCount() {
        long n = 0;
        for (WorldPart p : worldParts()) {
            n += p.part().mesh().vertexCount();
        }
        return n;
    }

    public int objectCount() {
        return count(roots);
    }

    private static int count(List<SceneNode> nodes) {
        int n = 0;
        for (SceneNode node : nodes) {
            n += 1 + count(node.children());
        }
        return n;
    }

    /** All parts merged into one world-space mesh (for STL and printing checks). */
    public TriangleMesh mergedWorldMesh() {
        List<TriangleMesh> meshes = new ArrayList<>();
        for (WorldPart p : worldParts()) {
            meshes.add(p.worldMesh());
        }
        return TriangleMesh.merge(meshes);
    }
}
