package dev.kiln.mesh.geometry;

/**
 * Surface of revolution: a 2D profile of (radius, y) points swept 360 degrees around the Y axis.
 *
 * <p>The profile usually runs bottom to top; the surface faces away from the axis on the side the
 * profile's left-hand normal points to. Profile points with radius exactly 0 close the surface
 * with a fan (no degenerate triangles), so a profile that starts and ends on the axis gives a
 * closed solid. In {@link #smooth} a point repeated twice marks a crease: the two copies get the
 * normals of their own sides, so a bottle keeps a sharp bottom edge and smooth shoulders. The seam reuses the first column of vertices, so the result is welded around.
 */
public final class LatheGeometry {

    private LatheGeometry() {
    }

    /**
     * Smooth lathe: one vertex per profile point, normals from the profile's tangent (or {@code profileNormals}).
     *
     * @param profile        radius/y pairs {@code r0, y0, r1, y1, ...}, radius >= 0
     * @param profileNormals optional outward 2D normals {@code nr0, ny0, ...} per point, or null to derive them
     * @param segments       number of steps around the axis, >= 3
     */
    public static TriangleMesh smooth(double[] profile, double[] profileNormals, int segments) {
        int n = profile.length / 2;
        double[] normals = profileNormals != null ? profileNormals : derivedNormals(profile);
        MeshBuilder b = new MeshBuilder();
        int[][] ring = new int[n][];
        for (int i = 0; i < n; i++) {
            ring[i] = ringVertices(b, profile[i * 2], profile[i * 2 + 1], normals[i * 2], normals[i * 2 + 1], segments);
        }
        for (int i = 0; i + 1 < n; i++) {
            if (samePoint(profile, i, i + 1)) {
                continue; // a crease: both copies share a position, the band between them has no area
            }
            band(b, ring[i], ring[i + 1], profile[i * 2] == 0, profile[(i + 1) * 2] == 0, segments);
        }
        return b.build();
    }

    /** Points closer than a nanometre count as one: computed curves rarely land bit-exactly on their end points. */
    private static boolean samePoint(double[] profile, int i, int j) {
        return Math.abs(profile[i * 2] - profile[j * 2]) < 1e-9 && Math.abs(profile[i * 2 + 1] - profile[j * 2 + 1]) < 1e-9;
    }

    /**
     * Creased lathe: every profile segment is its own band with its own normal, so corners in the
     * profile stay sharp (cylinders with flat caps, cups with rims). Still smooth around the axis.
     *
     * @param profile  radius/y pairs as for {@link #smooth}
     * @param segments number of steps around the axis, >= 3
     */
    public static TriangleMesh creased(double[] profile, int segments) {
        int n = profile.length / 2;
        MeshBuilder b = new MeshBuilder();
        for (int i = 0; i + 1 < n; i++) {
            double r0 = profile[i * 2], y0 = profile[i * 2 + 1], r1 = profile[i * 2 + 2], y1 = profile[i * 2 + 3];
            double tr = r1 - r0, ty = y1 - y0, len = Math.hypot(tr, ty);
            if (len < 1e-9 || (r0 == 0 && r1 == 0)) {
                continue;
            }
            double nr = ty / len, ny = -tr / len;
            int[] lower = ringVertices(b, r0, y0, nr, ny, segments);
            int[] upper = ringVertices(b, r1, y1, nr, ny, segments);
            band(b, lower, upper, r0 == 0, r1 == 0, segments);
        }
        return b.build();
    }

    private static int[] ringVertices(MeshBuilder b, double r, double y, double nr, double ny, int segments) {
        int[] ring = new int[segments];
        double len = Math.hypot(nr, ny);
        nr /= len;
        ny /= len;
        for (int j = 0; j < segments; j++) {
            double phi = 2 * Math.PI * j / segments;
            double s = Math.sin(phi), c = Math.cos(phi);
            ring[j] = b.vertex(r * s, y, r * c, nr * s, ny, nr * c);
        }
        return ring;
    }

    private static void band(MeshBuilder b, int[] lower, int[] upper, boolean lowerOnAxis, boolean upperOnAxis, int segments) {
        for (int j = 0; j < segments; j++) {
            int k = (j + 1) % segments;
            int a = lower[j], bb = lower[k], c = upper[j], d = upper[k];
            if (!lowerOnAxis) {
                b.triangle(a, bb, c);
            }
            if (!upperOnAxis) {
                b.triangle(bb, d, c);
            }
        }
    }

    private static double[] derivedNormals(double[] profile) {
        int n = profile.length / 2;
        double[] out = new double[n * 2];
        for (int i = 0; i < n; i++) {
            int prev = Math.max(0, i - 1), next = Math.min(n - 1, i + 1);
            if (samePoint(profile, i, next)) {
                next = i; // crease: this copy belongs to the segment before it
            }
            if (samePoint(profile, i, prev)) {
                prev = i; // crease: this copy belongs to the segment after it
            }
            double tr = profile[next * 2] - profile[prev * 2];
            double ty = profile[next * 2 + 1] - profile[prev * 2 + 1];
            double len = Math.hypot(tr, ty);
            if (len == 0) {
                out[i * 2 + 1] = 1;
                continue;
            }
            out[i * 2] = ty / len;
            out[i * 2 + 1] = -tr / len;
        }
        return out;
    }
}
