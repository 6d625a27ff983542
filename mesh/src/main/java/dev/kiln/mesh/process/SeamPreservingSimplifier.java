package dev.kiln.mesh.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Simplification that keeps every per-vertex attribute (texture coordinates, normals, colours, tangents) exactly as it
 * was, for meshes made elsewhere whose textures must still fit: it only removes vertices, by half-edge collapses (a vertex
 * merges into a neighbour, which stays where it is with its own attributes), chosen by quadric error metrics (Garland and
 * Heckbert 1997). Vertices on a border or a seam (where the same point has two sets of attributes, such as the edge of a UV
 * island) never move, so islands keep their outlines and no crack opens between them; collapses that would flip a face or
 * pinch the surface (the link condition) are refused. A mesh with many seams therefore stops short of its target.
 */
public final class SeamPreservingSimplifier {

    /**
     * An indexed mesh with any attributes: {@code positions} three floats per vertex; {@code attributes} {@code stride}
     * floats per vertex (all other attributes side by side, in the caller's layout); three vertex indices per triangle.
     */
    public record Mesh(float[] positions, float[] attributes, int stride, int[] indices) {
        public Mesh {
            if (positions.length % 3 != 0 || indices.length % 3 != 0 || stride < 0
                    || attributes.length != (long) positions.length / 3 * stride) {
                throw new IllegalArgumentException("inconsistent mesh arrays: positions=" + positions.length + " attributes="
                        + attributes.length + " stride=" + stride + " indices=" + indices.length);
            }
        }

        public int vertexCount() {
            return positions.length / 3;
        }

        public int triangleCount() {
            return indices.length / 3;
        }
    }

    private SeamPreservingSimplifier() {
    }

    /** Simplifies to at most {@code targetTriangles}, or as close as the seams and borders allow. */
    public static Mesh simplify(Mesh input, int targetTriangles) {
        int[] id = weld(input);
        int vertices = input.vertexCount();
        List<int[]> faceList = new ArrayList<>();
        for (int t = 0; t < input.indices().length; t += 3) {
            int a = id[input.indices()[t]], b = id[input.indices()[t + 1]], c = id[input.indices()[t + 2]];
            if (a != b && b != c && a != c) faceList.add(new int[] {a, b, c});
        }
        int faceCount = faceList.size();
        int[] tri = new int[faceCount * 3];
        for (int f = 0; f < faceCount; f++) System.arraycopy(faceList.get(f), 0, tri, f * 3, 3);
        double[] pos = new double[vertices * 3];
        for (int i = 0; i < pos.length; i++) pos[i] = input.positions()[i];

        List<List<Integer>> vertexFaces = new ArrayList<>(vertices);
        for (int v = 0; v < vertices; v++) vertexFaces.add(new ArrayList<>(6));
        double[][] quadric = new double[vertices][10];
        for (int f = 0; f < faceCount; f++) {
            double[] plane = plane(pos, tri[f * 3], tri[f * 3 + 1], tri[f * 3 + 2]);
            for (int k = 0; k < 3; k++) {
                vertexFaces.get(tri[f * 3 + k]).add(f);
                if (plane != null) addPlane(quadric[tri[f * 3 + k]], plane);
            }
        }
        boolean[] locked = lockedVertices(tri, faceCount, vertices);
        boolean[] faceRemoved = new boolean[faceCount];
        boolean[] vertexRemoved = new boolean[vertices];
        int[] version = new int[vertices];
        // [error, from, to, version of from, version of to]; ties broken by vertex ids, so the result never depends on hashing.
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> {
            int c = Double.compare(x[0], y[0]);
            if (c != 0) return c;
            c = Double.compare(x[1], y[1]);
            return c != 0 ? c : Double.compare(x[2], y[2]);
        });
        for (int f = 0; f < faceCount; f++) {
            for (int k = 0; k < 3; k++) {
                int a = tri[f * 3 + k], b = tri[f * 3 + (k + 1) % 3];
                offer(queue, pos, quadric, locked, version, a, b);
                offer(queue, pos, quadric, locked, version, b, a);
            }
        }
        int liveFaces = faceCount;
        while (liveFaces > targetTriangles && !queue.isEmpty()) {
            double[] c = queue.poll();
            int from = (int) c[1], to = (int) c[2];
            if (vertexRemoved[from] || vertexRemoved[to] || version[from] != (int) c[3] || version[to] != (int) c[4]) continue;
            List<Integer> fromFaces = vertexFaces.get(from);
            if (!linkConditionHolds(tri, faceRemoved, fromFaces, vertexFaces.get(to), from, to)) continue;
            if (flips(pos, tri, faceRemoved, fromFaces, from, to)) continue;
            for (int f : fromFaces) {
                if (faceRemoved[f]) continue;
                if (tri[f * 3] == to || tri[f * 3 + 1] == to || tri[f * 3 + 2] == to) {
                    faceRemoved[f] = true; // the faces on the collapsed edge vanish
                    liveFaces--;
                } else {
                    for (int k = 0; k < 3; k++) if (tri[f * 3 + k] == from) tri[f * 3 + k] = to;
                    vertexFaces.get(to).add(f);
                }
            }
            vertexRemoved[from] = true;
            for (int i = 0; i < 10; i++) quadric[to][i] += quadric[from][i];
            vertexFaces.get(to).removeIf(f -> faceRemoved[f]);
            // Vertices never move, so only the costs involving the kept vertex (its quadric grew) change.
            version[to]++;
            Set<Integer> neighbours = new java.util.TreeSet<>();
            for (int f : vertexFaces.get(to)) for (int k = 0; k < 3; k++) if (tri[f * 3 + k] != to) neighbours.add(tri[f * 3 + k]);
            for (int n : neighbours) {
                offer(queue, pos, quadric, locked, version, n, to);
                offer(queue, pos, quadric, locked, version, to, n);
            }
        }
        return compact(input, tri, faceRemoved);
    }

    /** Maps each vertex to the first vertex with the same position and attributes (bit for bit), recovering connectivity. */
    private static int[] weld(Mesh mesh) {
        int n = mesh.vertexCount(), width = 3 + mesh.stride();
        Map<Row, Integer> first = new HashMap<>();
        int[] id = new int[n];
        for (int v = 0; v < n; v++) {
            float[] row = new float[width];
            System.arraycopy(mesh.positions(), v * 3, row, 0, 3);
            System.arraycopy(mesh.attributes(), v * mesh.stride(), row, 3, mesh.stride());
            id[v] = first.computeIfAbsent(new Row(row), r -> first.size());
        }
        // Ids are dense in order of first use; translate them back to vertex indices.
        int[] representative = new int[n];
        Arrays.fill(representative, -1);
        for (int v = 0; v < n; v++) if (representative[id[v]] < 0) representative[id[v]] = v;
        for (int v = 0; v < n; v++) id[v] = representative[id[v]];
        return id;
    }

    private record Row(float[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** Vertices on an edge that is not shared by exactly two faces: borders, seams and non-manifold edges. */
    private static boolean[] lockedVertices(int[] tri, int faceCount, int vertices) {
        Map<Long, Integer> uses = new HashMap<>();
        for (int f = 0; f < faceCount; f++) {
            for (int k = 0; k < 3; k++) {
                int a = tri[f * 3 + k], b = tri[f * 3 + (k + 1) % 3];
                uses.merge(a < b ? ((long) a << 32) | b : ((long) b << 32) | a, 1, Integer::sum);
            }
        }
        boolean[] locked = new boolean[vertices];
        uses.forEach((edge, count) -> {
            if (count != 2) {
                locked[(int) (edge >>> 32)] = true;
                locked[(int) (long) edge] = true;
            }
        });
        return locked;
    }

    private static void offer(PriorityQueue<double[]> queue, double[] pos, double[][] quadric, boolean[] locked, int[] version,
                              int from, int to) {
        if (locked[from]) return;
        double[] q = new double[10];
        for (int i = 0; i < 10; i++) q[i] = quadric[from][i] + quadric[to][i];
        double error = error(q, pos[to * 3], pos[to * 3 + 1], pos[to * 3 + 2]);
        queue.add(new double[] {Math.max(0, error), from, to, version[from], version[to]});
    }

    /**
     * Collapsing edge from-to keeps the surface a manifold only if the vertices next to both are exactly the third corners
     * of the faces on that edge.
     */
    private static boolean linkConditionHolds(int[] tri, boolean[] removed, List<Integer> fromFaces, List<Integer> toFaces, int from,
                                              int to) {
        Set<Integer> aroundFrom = new HashSet<>();
        Set<Integer> opposite = new HashSet<>();
        for (int f : fromFaces) {
            if (removed[f]) continue;
            boolean onEdge = tri[f * 3] == to || tri[f * 3 + 1] == to || tri[f * 3 + 2] == to;
            for (int k = 0; k < 3; k++) {
                int v = tri[f * 3 + k];
                if (v == from || v == to) continue;
                aroundFrom.add(v);
                if (onEdge) opposite.add(v);
            }
        }
        for (int f : toFaces) {
            if (removed[f]) continue;
            for (int k = 0; k < 3; k++) {
                int v = tri[f * 3 + k];
                if (v != from && v != to && aroundFrom.contains(v) && !opposite.contains(v)) return false;
            }
        }
        return !opposite.isEmpty();
    }

    /** True if moving {@code from} onto {@code to} would turn any face it keeps (or squash it flat). */
    private static boolean flips(double[] pos, int[] tri, boolean[] removed, List<Integer> faces, int from, int to) {
        for (int f : faces) {
            if (removed[f]) continue;
            int i0 = tri[f * 3], i1 = tri[f * 3 + 1], i2 = tri[f * 3 + 2];
            if (i0 == to || i1 == to || i2 == to) continue;
            double[] before = plane(pos, i0, i1, i2);
            double[] after = plane(pos, i0 == from ? to : i0, i1 == from ? to : i1, i2 == from ? to : i2);
            if (before == null || after == null || before[0] * after[0] + before[1] * after[1] + before[2] * after[2] < 0.2) return true;
        }
        return false;
    }

    /** The kept faces over the kept vertices, each vertex with its original position and attributes. */
    private static Mesh compact(Mesh input, int[] tri, boolean[] faceRemoved) {
        int[] remap = new int[input.vertexCount()];
        Arrays.fill(remap, -1);
        int kept = 0;
        int faces = 0;
        for (int f = 0; f < faceRemoved.length; f++) {
            if (faceRemoved[f]) continue;
            faces++;
            for (int k = 0; k < 3; k++) if (remap[tri[f * 3 + k]] < 0) remap[tri[f * 3 + k]] = kept++;
        }
        int stride = input.stride();
        float[] positions = new float[kept * 3];
        float[] attributes = new float[kept * stride];
        int[] indices = new int[faces * 3];
        for (int v = 0; v < remap.length; v++) {
            if (remap[v] < 0) continue;
            System.arraycopy(input.positions(), v * 3, positions, remap[v] * 3, 3);
            System.arraycopy(input.attributes(), v * stride, attributes, remap[v] * stride, stride);
        }
        int i = 0;
        for (int f = 0; f < faceRemoved.length; f++) {
            if (faceRemoved[f]) continue;
            for (int k = 0; k < 3; k++) indices[i++] = remap[tri[f * 3 + k]];
        }
        return new Mesh(positions, attributes, stride, indices);
    }

    private static double[] plane(double[] p, int a, int b, int c) {
        double ux = p[b * 3] - p[a * 3], uy = p[b * 3 + 1] - p[a * 3 + 1], uz = p[b * 3 + 2] - p[a * 3 + 2];
        double vx = p[c * 3] - p[a * 3], vy = p[c * 3 + 1] - p[a * 3 + 1], vz = p[c * 3 + 2] - p[a * 3 + 2];
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len < 1e-15) return null;
        nx /= len;
        ny /= len;
        nz /= len;
        return new double[] {nx, ny, nz, -(nx * p[a * 3] + ny * p[a * 3 + 1] + nz * p[a * 3 + 2])};
    }

    private static void addPlane(double[] q, double[] p) {
        double a = p[0], b = p[1], c = p[2], d = p[3];
        q[0] += a * a;
        q[1] += a * b;
        q[2] += a * c;
        q[3] += a * d;
        q[4] += b * b;
        q[5] += b * c;
        q[6] += b * d;
        q[7] += c * c;
        q[8] += c * d;
        q[9] += d * d;
    }

    /** v^T Q v for the symmetric 4x4 quadric stored as a b c d / e f g / h i / j. */
    private static double error(double[] q, double x, double y, double z) {
        return q[0] * x * x + 2 * q[1] * x * y + 2 * q[2] * x * z + 2 * q[3] * x + q[4] * y * y + 2 * q[5] * y * z + 2 * q[6] * y
                + q[7] * z * z + 2 * q[8] * z + q[9];
    }
}
