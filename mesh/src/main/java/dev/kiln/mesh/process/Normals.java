package dev.kiln.mesh.process;

import dev.kiln.mesh.geometry.MeshBuilder;
import dev.kiln.mesh.geometry.TriangleMesh;

/** Vertex normal computation and repair. */
public final class Normals {

    private Normals() {
    }

    /** Smooth normals: each vertex gets the area-weighted average of its triangles' normals. */
    public static TriangleMesh computeSmooth(TriangleMesh mesh) {
        float[] p = mesh.positions();
        double[] acc = new double[p.length];
        int[] idx = mesh.indices();
        for (int t = 0; t < idx.length; t += 3) {
            double[] fn = faceNormal(p, idx[t], idx[t + 1], idx[t + 2], false);
            for (int k = 0; k < 3; k++) {
                int v = idx[t + k] * 3;
                acc[v] += fn[0];
                acc[v + 1] += fn[1];
                acc[v + 2] += fn[2];
            }
        }
        float[] n = new float[p.length];
        for (int v = 0; v < n.length; v += 3) {
            double len = Math.sqrt(acc[v] * acc[v] + acc[v + 1] * acc[v + 1] + acc[v + 2] * acc[v + 2]);
            if (len > 0) {
                n[v] = (float) (acc[v] / len);
                n[v + 1] = (float) (acc[v + 1] / len);
                n[v + 2] = (float) (acc[v + 2] / len);
            } else {
                n[v + 1] = 1; // an unused or isolated vertex still needs a valid unit normal
            }
        }
        return new TriangleMesh(p, n, idx);
    }

    /** Flat normals: every triangle gets its own three vertices carrying the face normal. */
    public static TriangleMesh computeFlat(TriangleMesh mesh) {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        MeshBuilder b = new MeshBuilder();
        for (int t = 0; t < idx.length; t += 3) {
            double[] fn = faceNormal(p, idx[t], idx[t + 1], idx[t + 2], true);
            int first = b.vertexCount();
            for (int k = 0; k < 3; k++) {
                int v = idx[t + k] * 3;
                b.vertex(p[v], p[v + 1], p[v + 2], fn[0], fn[1], fn[2]);
            }
            b.triangle(first, first + 1, first + 2);
        }
        return b.build();
    }

    /**
     * Renormalises every normal; a zero, NaN or inward-facing normal is replaced by the average of its
     * triangles' face normals, so exporters never emit invalid normals.
     */
    public static TriangleMesh repair(TriangleMesh mesh) {
        TriangleMesh smooth = computeSmooth(mesh);
        float[] n = mesh.normals().clone(), s = smooth.normals();
        for (int v = 0; v < n.length; v += 3) {
            double x = n[v], y = n[v + 1], z = n[v + 2];
            double len = Math.sqrt(x * x + y * y + z * z);
            boolean bad = !(len > 1e-6) || x * s[v] + y * s[v + 1] + z * s[v + 2] < -1e-3 * len;
            if (bad) {
                n[v] = s[v];
                n[v + 1] = s[v + 1];
                n[v + 2] = s[v + 2];
            } else {
                n[v] = (float) (x / len);
                n[v + 1] = (float) (y / len);
                n[v + 2] = (float) (z / len);
            }
        }
        return new TriangleMesh(mesh.positions(), n, mesh.indices());
    }

    /** Largest deviation of any normal's length from 1. */
    public static double maxUnitLengthError(TriangleMesh mesh) {
        float[] n = mesh.normals();
        double worst = 0;
        for (int v = 0; v < n.length; v += 3) {
            double len = Math.sqrt((double) n[v] * n[v] + (double) n[v + 1] * n[v + 1] + (double) n[v + 2] * n[v + 2]);
            worst = Math.max(worst, Double.isNaN(len) ? Double.POSITIVE_INFINITY : Math.abs(len - 1));
        }
        return worst;
    }

    /** Normal of triangle (a, b, c): unit length if {@code unit}, else scaled by twice its area. */
    public static double[] faceNormal(float[] p, int a, int b, int c, boolean unit) {
        double ax = p[a * 3], ay = p[a * 3 + 1], az = p[a * 3 + 2];
        double ux = p[b * 3] - ax, uy = p[b * 3 + 1] - ay, uz = p[b * 3 + 2] - az;
        double vx = p[c * 3] - ax, vy = p[c * 3 + 1] - ay, vz = p[c * 3 + 2] - az;
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        if (unit) {
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len == 0) {
                return new double[] {0, 1, 0};
            }
            return new double[] {nx / len, ny / len, nz / len};
        }
        return new double[] {nx, ny, nz};
    }

    /** Area of triangle (a, b, c). */
    public static double triangleArea(float[] p, int a, int b, int c) {
        double[] n = faceNormal(p, a, b, c, false);
        return 0.5 * Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    }
}
