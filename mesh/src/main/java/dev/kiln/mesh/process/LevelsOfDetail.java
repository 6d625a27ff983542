package dev.kiln.mesh.process;

import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.scene.MeshPart;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.scene.SceneNode;
import java.util.ArrayList;
import java.util.List;

/** Level-of-detail copies of meshes and scenes, made with the {@link QuadricSimplifier}. */
public final class LevelsOfDetail {

    /** Parts at or below this many triangles are kept as they are: simplifying a cube only hurts. */
    public static final int MIN_TRIANGLES_TO_SIMPLIFY = 200;

    private LevelsOfDetail() {
    }

    /** One simplified mesh per ratio (fraction of the original triangle count, 0 < ratio <= 1). */
    public static List<TriangleMesh> levels(TriangleMesh mesh, double... ratios) {
        List<TriangleMesh> out = new ArrayList<>();
        for (double r : ratios) {
            out.add(QuadricSimplifier.simplify(mesh, Math.max(4, (int) Math.round(mesh.triangleCount() * r))));
        }
        return out;
    }

    /** The scene with every sizeable part simplified to {@code ratio} of its triangles; names, materials and transforms kept. */
    public static Scene simplify(Scene scene, double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be in (0, 1], got " + ratio);
        }
        List<SceneNode> roots = new ArrayList<>();
        for (SceneNode n : scene.roots()) {
            roots.add(simplify(n, ratio));
        }
        return new Scene(roots);
    }

    private static SceneNode simplify(SceneNode node, double ratio) {
        List<MeshPart> parts = new ArrayList<>();
        for (MeshPart p : node.parts()) {
            TriangleMesh mesh = p.mesh();
            if (mesh.triangleCount() > MIN_TRIANGLES_TO_SIMPLIFY && ratio < 1) {
                mesh = QuadricSimplifier.simplify(mesh, Math.max(MIN_TRIANGLES_TO_SIMPLIFY / 2, (int) Math.round(mesh.triangleCount() * ratio)));
            }
            parts.add(new MeshPart(p.name(), mesh, p.material()));
        }
        List<SceneNode> children = new ArrayList<>();
        for (SceneNode c : node.children()) {
            children.add(simplify(c, ratio));
        }
        return new SceneNode(node.name(), node.shape(), node.transform(), parts, children);
    }
}
