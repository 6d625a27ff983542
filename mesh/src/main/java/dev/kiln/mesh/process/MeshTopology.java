package dev.kiln.mesh.process;

import dev.kiln.mesh.geometry.TriangleMesh;
import java.util.HashMap;
import java.util.Map;

/**
 * Edge statistics of a mesh, computed on positions (welded within a tolerance), which is what
 * matters for 3D printing: a mesh is watertight when every edge is shared by exactly two triangles
 * that traverse it in opposite directions.
 *
 * @param edges                  distinct undirected edges
 * @param boundaryEdges          edges used by only one triangle (holes)
 * @param nonManifoldEdges       edges used by three or more triangles
 * @param misorientedEdges       edges two triangles traverse in the same direction (flipped neighbours)
 * @param signedVolume           enclosed volume in m^3, positive when the surface faces outward
 */
public record MeshTopology(int edges, int boundaryEdges, int nonManifoldEdges, int misorientedEdges, double signedVolume) {

    public boolean isWatertight() {
        return boundaryEdges == 0 && nonManifoldEdges == 0 && misorientedEdges == 0 && edges > 0;
    }

    public static MeshTopology analyze(TriangleMesh mesh) {
        return analyze(mesh, VertexWelder.DEFAULT_EPSILON);
    }

    public static MeshTopology analyze(TriangleMesh mesh, double epsilon) {
        int[] cls = VertexWelder.positionClasses(mesh, epsilon);
        int[] idx = mesh.indices();
        // value: number of uses in direction low->high minus... keep both counts packed in a long
        Map<Long, int[]> uses = new HashMap<>(idx.length * 2);
        for (int t = 0; t < idx.length; t += 3) {
            for (int k = 0; k < 3; k++) {
                int a = cls[idx[t + k]], b = cls[idx[t + (k + 1) % 3]];
                if (a == b) {
                    continue;
                }
                long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
                int[] c = uses.computeIfAbsent(key, x -> new int[2]);
                c[a < b ? 0 : 1]++;
            }
        }
        int boundary = 0, nonManifold = 0, misoriented = 0;
        for (int[] c : uses.values()) {
            int total = c[0] + c[1];
            if (total == 1) {
                boundary++;
            } else if (total > 2) {
                nonManifold++;
            } else if (c[0] != 1) {
                misoriented++;
            }
        }
        return new MeshTopology(uses.size(), boundary, nonManifold, misoriented, signedVolume(mesh));
    }

    /** Divergence-theorem volume: sum of signed tetrahedra from the origin. */
    public static double signedVolume(TriangleMesh mesh) {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        double sum = 0;
        for (int t = 0; t < idx.length; t += 3) {
            int a = idx[t] * 3, b = idx[t + 1] * 3, c = idx[t + 2] * 3;
            sum += p[a] * ((double) p[b + 1] * p[c + 2] - (double) p[b + 2] * p[c + 1])
                    - p[a + 1] * ((double) p[b] * p[c + 2] - (double) p[b + 2] * p[c])
                    + p[a + 2] * ((double) p[b] * p[c + 1] - (double) p[b + 1] * p[c]);
        }
        return sum / 6;
    }
}
