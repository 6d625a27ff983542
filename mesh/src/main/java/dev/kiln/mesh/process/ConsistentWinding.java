package dev.kiln.mesh.process;

import dev.kiln.mesh.geometry.TriangleMesh;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes triangle winding consistent: neighbours across an edge are flipped to agree, and every
 * closed connected piece is turned so it faces outward (positive volume). Vertex normals that end up
 * pointing against their triangles are negated.
 */
public final class ConsistentWinding {

    private ConsistentWinding() {
    }

    public static TriangleMesh orient(TriangleMesh mesh) {
        int[] cls = VertexWelder.positionClasses(mesh, VertexWelder.DEFAULT_EPSILON);
        int[] idx = mesh.indices().clone();
        int triangles = idx.length / 3;
        Map<Long, List<Integer>> edgeTriangles = new HashMap<>();
        for (int t = 0; t < triangles; t++) {
            for (int k = 0; k < 3; k++) {
                int a = cls[idx[t * 3 + k]], b = cls[idx[t * 3 + (k + 1) % 3]];
                edgeTriangles.computeIfAbsent(edgeKey(a, b), x -> new ArrayList<>(2)).add(t);
            }
        }
        int[] component = new int[triangles];
        java.util.Arrays.fill(component, -1);
        List<List<Integer>> components = new ArrayList<>();
        for (int seed = 0; seed < triangles; seed++) {
            if (component[seed] >= 0) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(seed);
            component[seed] = components.size();
            while (!queue.isEmpty()) {
                int t = queue.poll();
                members.add(t);
                for (int k = 0; k < 3; k++) {
                    int a = cls[idx[t * 3 + k]], b = cls[idx[t * 3 + (k + 1) % 3]];
                    List<Integer> shared = edgeTriangles.get(edgeKey(a, b));
                    if (shared.size() != 2) {
                        continue; // only manifold edges say anything reliable about orientation
                    }
                    int u = shared.get(0) == t ? shared.get(1) : shared.get(0);
                    if (component[u] >= 0) {
                        continue;
                    }
                    if (traverses(idx, cls, u, a, b)) {
                        flip(idx, u); // a consistent neighbour walks the shared edge b->a
                    }
                    component[u] = components.size();
                    queue.add(u);
                }
            }
            components.add(members);
        }
        float[] p = mesh.positions();
        for (List<Integer> members : components) {
            double volume = 0;
            boolean closed = true;
            for (int t : members) {
                for (int k = 0; k < 3; k++) {
                    closed &= edgeTriangles.get(edgeKey(cls[idx[t * 3 + k]], cls[idx[t * 3 + (k + 1) % 3]])).size() == 2;
                }
                int a = idx[t * 3] * 3, b = idx[t * 3 + 1] * 3, c = idx[t * 3 + 2] * 3;
                volume += p[a] * ((double) p[b + 1] * p[c + 2] - (double) p[b + 2] * p[c + 1])
                        - p[a + 1] * ((double) p[b] * p[c + 2] - (double) p[b + 2] * p[c])
                        + p[a + 2] * ((double) p[b] * p[c + 1] - (double) p[b + 1] * p[c]);
            }
            // an open sheet has no inside, so only closed pieces are turned outward
            if (closed && volume < 0) {
                for (int t : members) {
                    flip(idx, t);
                }
            }
        }
        TriangleMesh oriented = new TriangleMesh(p, mesh.normals(), idx);
        return alignNormals(oriented);
    }

    private static TriangleMesh alignNormals(TriangleMesh mesh) {
        TriangleMesh smooth = Normals.computeSmooth(mesh);
        float[] n = mesh.normals().clone(), s = smooth.normals();
        for (int v = 0; v < n.length; v += 3) {
            if (n[v] * s[v] + n[v + 1] * s[v + 1] + n[v + 2] * s[v + 2] < 0) {
                n[v] = -n[v];
                n[v + 1] = -n[v + 1];
                n[v + 2] = -n[v + 2];
            }
        }
        return new TriangleMesh(mesh.positions(), n, mesh.indices());
    }

    private static boolean traverses(int[] idx, int[] cls, int t, int a, int b) {
        for (int k = 0; k < 3; k++) {
            if (cls[idx[t * 3 + k]] == a && cls[idx[t * 3 + (k + 1) % 3]] == b) {
                return true;
            }
        }
        return false;
    }

    private static void flip(int[] idx, int t) {
        int tmp = idx[t * 3 + 1];
        idx[t * 3 + 1] = idx[t * 3 + 2];
        idx[t * 3 + 2] = tmp;
    }

    private static long edgeKey(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }
}
