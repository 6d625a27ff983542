package dev.kiln.mesh.process;

import dev.kiln.mesh.geometry.MeshBuilder;
import dev.kiln.mesh.geometry.TriangleMesh;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Merges vertices that sit at the same place. Generators emit seams and poles as separate vertices
 * that differ only by rounding; welding them is what makes a closed shape watertight.
 */
public final class VertexWelder {

    /** Default tolerance: 10 micrometres, well below print resolution, well above float noise at metre scale. */
    public static final double DEFAULT_EPSILON = 1e-5;

    private VertexWelder() {
    }

    /**
     * Merges vertices with the same position <em>and</em> normal, so shading is unchanged
     * (hard edges keep their split vertices).
     */
    public static TriangleMesh weld(TriangleMesh mesh, double epsilon) {
        return weld(mesh, epsilon, true);
    }

    /**
     * Merges vertices by position only and recomputes smooth normals; this is the topology a
     * printer sees, used for STL export and manifold checks.
     */
    public static TriangleMesh weldPositions(TriangleMesh mesh, double epsilon) {
        return Normals.computeSmooth(weld(mesh, epsilon, false));
    }

    /** Canonical vertex id per vertex: vertices within {@code epsilon} share an id. */
    public static int[] positionClasses(TriangleMesh mesh, double epsilon) {
        return classes(mesh, epsilon, false);
    }

    private static TriangleMesh weld(TriangleMesh mesh, double epsilon, boolean matchNormals) {
        int[] remap = classes(mesh, epsilon, matchNormals);
        float[] p = mesh.positions(), n = mesh.normals();
        int[] newIndex = new int[remap.length];
        Arrays.fill(newIndex, -1);
        MeshBuilder b = new MeshBuilder();
        for (int v = 0; v < remap.length; v++) {
            int rep = remap[v];
            if (newIndex[rep] < 0) {
                newIndex[rep] = b.vertex(p[rep * 3], p[rep * 3 + 1], p[rep * 3 + 2], n[rep * 3], n[rep * 3 + 1], n[rep * 3 + 2]);
            }
        }
        int[] idx = mesh.indices();
        for (int t = 0; t < idx.length; t += 3) {
            int a = newIndex[remap[idx[t]]], bb = newIndex[remap[idx[t + 1]]], c = newIndex[remap[idx[t + 2]]];
            if (a != bb && bb != c && a != c) { // a triangle collapsed by welding has no area left
                b.triangle(a, bb, c);
            }
        }
        return b.build();
    }

    private static int[] classes(TriangleMesh mesh, double epsilon, boolean matchNormals) {
        float[] p = mesh.positions(), n = mesh.normals();
        int count = mesh.vertexCount();
        int[] remap = new int[count];
        Map<Long, int[]> cells = new HashMap<>(count * 2);
        double inv = 1.0 / epsilon;
        double eps2 = epsilon * epsilon;
        for (int v = 0; v < count; v++) {
            double x = p[v * 3], y = p[v * 3 + 1], z = p[v * 3 + 2];
            long cx = (long) Math.floor(x * inv), cy = (long) Math.floor(y * inv), cz = (long) Math.floor(z * inv);
            int found = -1;
            search:
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    for (long dz = -1; dz <= 1; dz++) {
                        int[] bucket = cells.get(key(cx + dx, cy + dy, cz + dz));
                        if (bucket == null) {
                            continue;
                        }
                        for (int i = 1; i <= bucket[0]; i++) {
                            int u = bucket[i];
                            double ex = p[u * 3] - x, ey = p[u * 3 + 1] - y, ez = p[u * 3 + 2] - z;
                            if (ex * ex + ey * ey + ez * ez > eps2) {
                                continue;
                            }
                            if (matchNormals && n[u * 3] * n[v * 3] + n[u * 3 + 1] * n[v * 3 + 1] + n[u * 3 + 2] * n[v * 3 + 2] < 0.9999) {
                                continue;
                            }
                            found = u;
                            break search;
                        }
                    }
                }
            }
            if (found >= 0) {
                remap[v] = found;
            } else {
                remap[v] = v;
                long k = key(cx, cy, cz);
                int[] bucket = cells.get(k);
                if (bucket == null) {
                    bucket = new int[3];
                } else if (bucket[0] + 1 >= bucket.length) {
                    bucket = Arrays.copyOf(bucket, bucket.length * 2);
                }
                bucket[++bucket[0]] = v;
                cells.put(k, bucket);
            }
        }
        return remap;
    }

    private static long key(long x, long y, long z) {
        return (x * 73856093L) ^ (y * 19349663L) ^ (z * 83492791L);
    }
}
