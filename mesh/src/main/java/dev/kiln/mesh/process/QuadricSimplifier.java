package dev.kiln.mesh.process;

import dev.kiln.mesh.geometry.MeshBuilder;
import dev.kiln.mesh.geometry.TriangleMesh;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Mesh simplification by quadric error metrics (Garland and Heckbert 1997): repeatedly collapse the
 * edge whose merged vertex deviates least, in squared distance, from the planes of the original
 * faces around it. Collapses that would flip a face are refused, and boundary edges carry extra
 * planes so open borders do not shrink. The output is position-welded with smooth normals.
 */
public final class QuadricSimplifier {

    /** Weight of the planes that hold boundary edges in place, relative to face planes. */
    private static final double BOUNDARY_WEIGHT = 1000;

    private QuadricSimplifier() {
    }

    /** Simplifies to at most {@code targetTriangles} (or as close as possible without flipping faces). */
    public static TriangleMesh simplify(TriangleMesh input, int targetTriangles) {
        TriangleMesh mesh = DegenerateTriangles.remove(VertexWelder.weldPositions(input, VertexWelder.DEFAULT_EPSILON),
                DegenerateTriangles.DEFAULT_MIN_AREA);
        if (mesh.triangleCount() <= targetTriangles) {
            return mesh;
        }
        int vertices = mesh.vertexCount();
        double[] pos = new double[vertices * 3];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = mesh.positions()[i];
        }
        int[] tri = mesh.indices().clone();
        int faceCount = tri.length / 3;
        boolean[] faceRemoved = new boolean[faceCount];
        List<List<Integer>> vertexFaces = new ArrayList<>(vertices);
        for (int v = 0; v < vertices; v++) {
            vertexFaces.add(new ArrayList<>(6));
        }
        double[][] quadric = new double[vertices][10];
        for (int f = 0; f < faceCount; f++) {
            for (int k = 0; k < 3; k++) {
                vertexFaces.get(tri[f * 3 + k]).add(f);
            }
            double[] plane = plane(pos, tri[f * 3], tri[f * 3 + 1], tri[f * 3 + 2]);
            if (plane != null) {
                for (int k = 0; k < 3; k++) {
                    addPlane(quadric[tri[f * 3 + k]], plane, 1);
                }
            }
        }
        addBoundaryPlanes(pos, tri, faceCount, quadric);
        int[] version = new int[vertices];
        boolean[] vertexRemoved = new boolean[vertices];
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int f = 0; f < faceCount; f++) {
            for (int k = 0; k < 3; k++) {
                int a = tri[f * 3 + k], b = tri[f * 3 + (k + 1) % 3];
                if (a < b) {
                    queue.add(candidate(pos, quadric, a, b, version));
                }
            }
        }
        int liveFaces = faceCount;
        while (liveFaces > targetTriangles && !queue.isEmpty()) {
            double[] c = queue.poll();
            int a = (int) c[1], b = (int) c[2];
            if (vertexRemoved[a] || vertexRemoved[b] || version[a] != (int) c[6] || version[b] != (int) c[7]) {
                continue; // stale: an endpoint moved since this candidate was computed
            }
            double x = c[3], y = c[4], z = c[5];
            if (flips(pos, tri, faceRemoved, vertexFaces.get(a), a, b, x, y, z) || flips(pos, tri, faceRemoved, vertexFaces.get(b), b, a, x, y, z)) {
                continue;
            }
            // collapse b into a at the optimal point
            pos[a * 3] = x;
            pos[a * 3 + 1] = y;
            pos[a * 3 + 2] = z;
            for (int i = 0; i < 10; i++) {
                quadric[a][i] += quadric[b][i];
            }
            vertexRemoved[b] = true;
            for (int f : vertexFaces.get(b)) {
                if (faceRemoved[f]) {
                    continue;
                }
                boolean hasA = tri[f * 3] == a || tri[f * 3 + 1] == a || tri[f * 3 + 2] == a;
                if (hasA) {
                    faceRemoved[f] = true; // the faces on the collapsed edge vanish
                    liveFaces--;
                } else {
                    for (int k = 0; k < 3; k++) {
                        if (tri[f * 3 + k] == b) {
                            tri[f * 3 + k] = a;
                        }
                    }
                    vertexFaces.get(a).add(f);
                }
            }
            vertexFaces.get(a).removeIf(f -> faceRemoved[f]);
            version[a]++;
            for (int f : vertexFaces.get(a)) {
                for (int k = 0; k < 3; k++) {
                    int n = tri[f * 3 + k];
                    if (n != a) {
                        queue.add(candidate(pos, quadric, Math.min(a, n), Math.max(a, n), version));
                    }
                }
            }
        }
        int[] remap = new int[vertices];
        Arrays.fill(remap, -1);
        MeshBuilder out = new MeshBuilder();
        for (int f = 0; f < faceCount; f++) {
            if (faceRemoved[f]) {
                continue;
            }
            int[] corner = new int[3];
            for (int k = 0; k < 3; k++) {
                int v = tri[f * 3 + k];
                if (remap[v] < 0) {
                    remap[v] = out.vertex(pos[v * 3], pos[v * 3 + 1], pos[v * 3 + 2], 0, 1, 0);
                }
                corner[k] = remap[v];
            }
            if (corner[0] != corner[1] && corner[1] != corner[2] && corner[0] != corner[2]) {
                out.triangle(corner[0], corner[1], corner[2]);
            }
        }
        return Normals.computeSmooth(DegenerateTriangles.remove(out.build(), DegenerateTriangles.DEFAULT_MIN_AREA));
    }

    /** [error, a, b, x, y, z, version a, version b] for collapsing edge a-b. */
    private static double[] candidate(double[] pos, double[][] quadric, int a, int b, int[] version) {
        double[] q = new double[10];
        for (int i = 0; i < 10; i++) {
            q[i] = quadric[a][i] + quadric[b][i];
        }
        double[] best = optimal(q);
        double[] options = best != null
                ? new double[] {best[0], best[1], best[2]}
                : null;
        double bx, by, bz, bestError;
        double[][] choices = {
            {pos[a * 3], pos[a * 3 + 1], pos[a * 3 + 2]},
            {pos[b * 3], pos[b * 3 + 1], pos[b * 3 + 2]},
            {(pos[a * 3] + pos[b * 3]) / 2, (pos[a * 3 + 1] + pos[b * 3 + 1]) / 2, (pos[a * 3 + 2] + pos[b * 3 + 2]) / 2}};
        bx = choices[2][0];
        by = choices[2][1];
        bz = choices[2][2];
        bestError = error(q, bx, by, bz);
        for (double[] p : choices) {
            double e = error(q, p[0], p[1], p[2]);
            if (e < bestError) {
                bestError = e;
                bx = p[0];
                by = p[1];
                bz = p[2];
            }
        }
        if (options != null) {
            double e = error(q, options[0], options[1], options[2]);
            // the optimum can run far away on nearly flat regions; only trust it near the edge
            double len = Math.sqrt(sq(pos[a * 3] - pos[b * 3]) + sq(pos[a * 3 + 1] - pos[b * 3 + 1]) + sq(pos[a * 3 + 2] - pos[b * 3 + 2]));
            double dist = Math.sqrt(sq(options[0] - choices[2][0]) + sq(options[1] - choices[2][1]) + sq(options[2] - choices[2][2]));
            if (e <= bestError && dist <= len * 2) {
                bestError = e;
                bx = options[0];
                by = options[1];
                bz = options[2];
            }
        }
        return new double[] {Math.max(0, bestError), a, b, bx, by, bz, version[a], version[b]};
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Solves the 3x3 system of the quadric for its minimum, or null if (nearly) singular. */
    private static double[] optimal(double[] q) {
        double a = q[0], b = q[1], c = q[2], d = q[3], e = q[4], f = q[5], g = q[6], h = q[7], i = q[8];
        // matrix [[a b c][b e f][c f h]], right side -[d g i]
        double det = a * (e * h - f * f) - b * (b * h - f * c) + c * (b * f - e * c);
        if (Math.abs(det) < 1e-12) {
            return null;
        }
        double x = -(d * (e * h - f * f) - b * (g * h - f * i) + c * (g * f - e * i)) / det;
        double y = -(a * (g * h - i * f) - d * (b * h - f * c) + c * (b * i - g * c)) / det;
        double z = -(a * (e * i - f * g) - b * (b * i - g * c) + d * (b * f - e * c)) / det;
        return new double[] {x, y, z};
    }

    /** v^T Q v for the symmetric 4x4 quadric stored as a b c d / e f g / h i / j. */
    private static double error(double[] q, double x, double y, double z) {
        return q[0] * x * x + 2 * q[1] * x * y + 2 * q[2] * x * z + 2 * q[3] * x + q[4] * y * y + 2 * q[5] * y * z + 2 * q[6] * y
                + q[7] * z * z + 2 * q[8] * z + q[9];
    }

    private static void addPlane(double[] q, double[] p, double w) {
        double a = p[0], b = p[1], c = p[2], d = p[3];
        q[0] += w * a * a;
        q[1] += w * a * b;
        q[2] += w * a * c;
        q[3] += w * a * d;
        q[4] += w * b * b;
        q[5] += w * b * c;
        q[6] += w * b * d;
        q[7] += w * c * c;
        q[8] += w * c * d;
        q[9] += w * d * d;
    }

    private static double[] plane(double[] p, int a, int b, int c) {
        double ux = p[b * 3] - p[a * 3], uy = p[b * 3 + 1] - p[a * 3 + 1], uz = p[b * 3 + 2] - p[a * 3 + 2];
        double vx = p[c * 3] - p[a * 3], vy = p[c * 3 + 1] - p[a * 3 + 1], vz = p[c * 3 + 2] - p[a * 3 + 2];
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len < 1e-15) {
            return null;
        }
        nx /= len;
        ny /= len;
        nz /= len;
        return new double[] {nx, ny, nz, -(nx * p[a * 3] + ny * p[a * 3 + 1] + nz * p[a * 3 + 2])};
    }

    /** Boundary edges (used by one face) get a plane through the edge perpendicular to the face. */
    private static void addBoundaryPlanes(double[] pos, int[] tri, int faceCount, double[][] quadric) {
        java.util.Map<Long, int[]> edges = new java.util.HashMap<>();
        for (int f = 0; f < faceCount; f++) {
            for (int k = 0; k < 3; k++) {
                final int a = tri[f * 3 + k], b = tri[f * 3 + (k + 1) % 3], face = f;
                long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
                int[] e = edges.computeIfAbsent(key, x -> new int[] {0, face, a, b});
                e[0]++;
            }
        }
        for (int[] e : edges.values()) {
            if (e[0] != 1) {
                continue;
            }
            double[] face = plane(pos, tri[e[1] * 3], tri[e[1] * 3 + 1], tri[e[1] * 3 + 2]);
            if (face == null) {
                continue;
            }
            int a = e[2], b = e[3];
            double ex = pos[b * 3] - pos[a * 3], ey = pos[b * 3 + 1] - pos[a * 3 + 1], ez = pos[b * 3 + 2] - pos[a * 3 + 2];
            double nx = ey * face[2] - ez * face[1], ny = ez * face[0] - ex * face[2], nz = ex * face[1] - ey * face[0];
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len < 1e-15) {
                continue;
            }
            double[] p = {nx / len, ny / len, nz / len, 0};
            p[3] = -(p[0] * pos[a * 3] + p[1] * pos[a * 3 + 1] + p[2] * pos[a * 3 + 2]);
            addPlane(quadric[a], p, BOUNDARY_WEIGHT);
            addPlane(quadric[b], p, BOUNDARY_WEIGHT);
        }
    }

    /** True if moving vertex {@code v} to (x, y, z) would turn any of its faces (not shared with {@code other}) upside down. */
    private static boolean flips(double[] pos, int[] tri, boolean[] removed, List<Integer> faces, int v, int other, double x, double y, double z) {
        for (int f : faces) {
            if (removed[f]) {
                continue;
            }
            int i0 = tri[f * 3], i1 = tri[f * 3 + 1], i2 = tri[f * 3 + 2];
            if (i0 == other || i1 == other || i2 == other) {
                continue;
            }
            double[] before = plane(pos, i0, i1, i2);
            double ox = pos[v * 3], oy = pos[v * 3 + 1], oz = pos[v * 3 + 2];
            pos[v * 3] = x;
            pos[v * 3 + 1] = y;
            pos[v * 3 + 2] = z;
            double[] after = plane(pos, i0, i1, i2);
            pos[v * 3] = ox;
            pos[v * 3 + 1] = oy;
            pos[v * 3 + 2] = oz;
            if (before == null || after == null || before[0] * after[0] + before[1] * after[1] + before[2] * after[2] < 0.2) {
                return true;
            }
        }
        return false;
    }
}
