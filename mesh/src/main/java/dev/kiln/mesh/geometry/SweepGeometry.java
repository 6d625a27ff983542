package dev.kiln.mesh.geometry;

/**
 * Sweeps a closed 2D profile along a 3D path, like three.js's TubeGeometry generalised to any
 * outline. Frames follow the path by parallel transport (no sudden twists); open paths get flat caps
 * so the result is a closed solid, closed paths (rings) join end to start.
 */
public final class SweepGeometry {

    private SweepGeometry() {
    }

    /**
     * @param profile    counter-clockwise outline (u, v pairs) in the plane across the path
     * @param path       x, y, z points along the sweep, at least two
     * @param closedPath true to join the last point back to the first (no caps)
     */
    public static TriangleMesh create(double[] profile, double[] path, boolean closedPath) {
        double[] outline = ExtrudeGeometry.counterClockwise(profile);
        int m = outline.length / 2, n = path.length / 3;
        double[][] frames = frames(path, closedPath); // per point: tangent, normal, binormal (9 numbers)
        double[] vertexNormals2d = outlineNormals(outline);
        MeshBuilder b = new MeshBuilder();
        int[][] ring = new int[n][m];
        for (int i = 0; i < n; i++) {
            double[] f = frames[i];
            for (int j = 0; j < m; j++) {
                double u = outline[j * 2], v = outline[j * 2 + 1];
                double nu = vertexNormals2d[j * 2], nv = vertexNormals2d[j * 2 + 1];
                ring[i][j] = b.vertexNormalized(
                        path[i * 3] + f[3] * u + f[6] * v, path[i * 3 + 1] + f[4] * u + f[7] * v, path[i * 3 + 2] + f[5] * u + f[8] * v,
                        f[3] * nu + f[6] * nv, f[4] * nu + f[7] * nv, f[5] * nu + f[8] * nv);
            }
        }
        int segments = closedPath ? n : n - 1;
        for (int i = 0; i < segments; i++) {
            int i2 = (i + 1) % n;
            for (int j = 0; j < m; j++) {
                int j2 = (j + 1) % m;
                b.quad(ring[i][j], ring[i][j2], ring[i2][j2], ring[i2][j]);
            }
        }
        if (!closedPath) {
            int[] tris = ExtrudeGeometry.triangulate(outline);
            cap(b, outline, tris, path, frames[0], 0, false);
            cap(b, outline, tris, path, frames[n - 1], n - 1, true);
        }
        return b.build();
    }

    /** Circle profile (radius r, {@code sides} corners) for tubes and wires. */
    public static double[] circle(double r, int sides) {
        double[] out = new double[sides * 2];
        for (int i = 0; i < sides; i++) {
            double a = 2 * Math.PI * i / sides;
            out[i * 2] = r * Math.cos(a);
            out[i * 2 + 1] = r * Math.sin(a);
        }
        return out;
    }

    /** Helix path standing on y = 0: {@code turns} turns of radius {@code radius} rising {@code height}. */
    public static double[] helix(double radius, double height, double turns, int pointsPerTurn) {
        int n = Math.max(2, (int) Math.ceil(turns * pointsPerTurn) + 1);
        double[] out = new double[n * 3];
        for (int i = 0; i < n; i++) {
            double t = (double) i / (n - 1), a = 2 * Math.PI * turns * t;
            out[i * 3] = radius * Math.cos(a);
            out[i * 3 + 1] = height * t;
            out[i * 3 + 2] = radius * Math.sin(a);
        }
        return out;
    }

    private static void cap(MeshBuilder b, double[] outline, int[] tris, double[] path, double[] f, int i, boolean end) {
        int m = outline.length / 2;
        double sign = end ? 1 : -1;
        int first = b.vertexCount();
        for (int j = 0; j < m; j++) {
            double u = outline[j * 2], v = outline[j * 2 + 1];
            b.vertex(path[i * 3] + f[3] * u + f[6] * v, path[i * 3 + 1] + f[4] * u + f[7] * v, path[i * 3 + 2] + f[5] * u + f[8] * v,
                    sign * f[0], sign * f[1], sign * f[2]);
        }
        for (int t = 0; t < tris.length; t += 3) {
            if (end) {
                b.triangle(first + tris[t], first + tris[t + 1], first + tris[t + 2]);
            } else {
                b.triangle(first + tris[t], first + tris[t + 2], first + tris[t + 1]);
            }
        }
    }

    /** Parallel-transport frames: rotate the previous normal by the rotation between consecutive tangents. */
    private static double[][] frames(double[] path, boolean closed) {
        int n = path.length / 3;
        double[][] out = new double[n][9];
        double[][] tangents = new double[n][];
        for (int i = 0; i < n; i++) {
            int prev = closed ? (i - 1 + n) % n : Math.max(0, i - 1), next = closed ? (i + 1) % n : Math.min(n - 1, i + 1);
            tangents[i] = normalize(new double[] {path[next * 3] - path[prev * 3], path[next * 3 + 1] - path[prev * 3 + 1],
                path[next * 3 + 2] - path[prev * 3 + 2]});
        }
        double[] t0 = tangents[0];
        double[] axis = Math.abs(t0[1]) < 0.9 ? new double[] {0, 1, 0} : new double[] {1, 0, 0};
        double[] normal = normalize(cross(cross(t0, axis), t0));
        for (int i = 0; i < n; i++) {
            double[] t = tangents[i];
            if (i > 0) {
                double[] prev = tangents[i - 1];
                double[] k = cross(prev, t);
                double s = Math.sqrt(dot(k, k)), c = dot(prev, t);
                if (s > 1e-12) {
                    k = new double[] {k[0] / s, k[1] / s, k[2] / s};
                    double angle = Math.atan2(s, c);
                    normal = rotate(normal, k, angle);
                }
                // remove drift so the frame stays orthonormal
                double d = dot(normal, t);
                normal = normalize(new double[] {normal[0] - d * t[0], normal[1] - d * t[1], normal[2] - d * t[2]});
            }
            double[] binormal = cross(t, normal);
            out[i] = new double[] {t[0], t[1], t[2], normal[0], normal[1], normal[2], binormal[0], binormal[1], binormal[2]};
        }
        return out;
    }

    private static double[] outlineNormals(double[] outline) {
        int m = outline.length / 2;
        double[] out = new double[m * 2];
        for (int j = 0; j < m; j++) {
            int p = (j - 1 + m) % m, q = (j + 1) % m;
            // outward normal of a counter-clockwise outline is the edge direction turned clockwise
            double ex1 = outline[j * 2] - outline[p * 2], ey1 = outline[j * 2 + 1] - outline[p * 2 + 1];
            double ex2 = outline[q * 2] - outline[j * 2], ey2 = outline[q * 2 + 1] - outline[j * 2 + 1];
            double l1 = Math.hypot(ex1, ey1), l2 = Math.hypot(ex2, ey2);
            double nx = ey1 / l1 + ey2 / l2, ny = -ex1 / l1 - ex2 / l2;
            double len = Math.hypot(nx, ny);
            out[j * 2] = len > 0 ? nx / len : 1;
            out[j * 2 + 1] = len > 0 ? ny / len : 0;
        }
        return out;
    }

    static double[] rotate(double[] v, double[] k, double angle) {
        double c = Math.cos(angle), s = Math.sin(angle);
        double[] kxv = cross(k, v);
        double kv = dot(k, v);
        return new double[] {v[0] * c + kxv[0] * s + k[0] * kv * (1 - c), v[1] * c + kxv[1] * s + k[1] * kv * (1 - c),
            v[2] * c + kxv[2] * s + k[2] * kv * (1 - c)};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] normalize(double[] v) {
        double len = Math.sqrt(dot(v, v));
        return len == 0 ? new double[] {0, 1, 0} : new double[] {v[0] / len, v[1] / len, v[2] / len};
    }
}
