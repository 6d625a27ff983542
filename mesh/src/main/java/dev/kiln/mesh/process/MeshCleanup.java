package dev.kiln.mesh.process;

import dev.kiln.mesh.geometry.TriangleMesh;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The standard clean-up every generated part goes through before export. */
public final class MeshCleanup {

    private MeshCleanup() {
    }

    /**
     * Welds duplicate vertices (same position and normal), drops degenerate triangles and makes every
     * normal unit length. Shading and shape are unchanged.
     */
    public static TriangleMesh clean(TriangleMesh mesh) {
        TriangleMesh welded = VertexWelder.weld(mesh, 1e-6);
        TriangleMesh solid = DegenerateTriangles.remove(welded, DegenerateTriangles.DEFAULT_MIN_AREA);
        return Normals.repair(solid);
    }

    /**
     * The printable form: one position-welded mesh without degenerate triangles, without internal
     * faces where two parts touch face to face, consistently wound and facing outward.
     */
    public static TriangleMesh printable(TriangleMesh mesh) {
        TriangleMesh welded = VertexWelder.weldPositions(mesh, VertexWelder.DEFAULT_EPSILON);
        TriangleMesh solid = DegenerateTriangles.remove(welded, DegenerateTriangles.DEFAULT_MIN_AREA);
        return ConsistentWinding.orient(removeInternalFaces(solid));
    }

    /**
     * Drops pairs of triangles that use the same three vertices with opposite winding: the touching
     * caps of two stacked parts (a rocket's body and nose cone). Removing both fuses the two shells.
     */
    public static TriangleMesh removeInternalFaces(TriangleMesh mesh) {
        int[] idx = mesh.indices();
        int triangles = idx.length / 3;
        Map<String, Integer> seen = new HashMap<>();
        boolean[] drop = new boolean[triangles];
        int dropped = 0;
        for (int t = 0; t < triangles; t++) {
            int[] corners = {idx[t * 3], idx[t * 3 + 1], idx[t * 3 + 2]};
            int[] sorted = corners.clone();
            Arrays.sort(sorted);
            String key = sorted[0] + ":" + sorted[1] + ":" + sorted[2];
            Integer other = seen.get(key);
            if (other != null && !drop[other] && oppositeWinding(idx, other, corners)) {
                drop[other] = true;
                drop[t] = true;
                dropped += 2;
                seen.remove(key);
            } else {
                seen.putIfAbsent(key, t);
            }
        }
        if (dropped == 0) {
            return mesh;
        }
        int[] kept = new int[idx.length - dropped * 3];
        int k = 0;
        for (int t = 0; t < triangles; t++) {
            if (!drop[t]) {
                kept[k++] = idx[t * 3];
                kept[k++] = idx[t * 3 + 1];
                kept[k++] = idx[t * 3 + 2];
            }
        }
        return new TriangleMesh(mesh.positions(), mesh.normals(), kept);
    }

    private static boolean oppositeWinding(int[] idx, int t, int[] corners) {
        // same cyclic order means same winding; (a, b, c) is opposite to (a, c, b)
        int a = idx[t * 3], b = idx[t * 3 + 1], c = idx[t * 3 + 2];
        for (int r = 0; r < 3; r++) {
            if (corners[r] == a && corners[(r + 1) % 3] == c && corners[(r + 2) % 3] == b) {
                return true;
            }
        }
        return false;
    }
}
