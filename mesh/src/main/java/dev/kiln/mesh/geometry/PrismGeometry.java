package dev.kiln.mesh.geometry;

/** Flat-shaded right prism over a regular polygon, standing on y = 0. */
public final class PrismGeometry {

    private PrismGeometry() {
    }

    /**
     * @param sides  number of sides, >= 3
     * @param radius circumradius of the polygon (m)
     * @param height height (m)
     */
    public static TriangleMesh create(int sides, double radius, double height) {
        double[] ring = polygon(sides, radius);
        MeshBuilder b = new MeshBuilder();
        double[] top = new double[sides * 3], bottom = new double[sides * 3];
        for (int i = 0; i < sides; i++) {
            top[i * 3] = ring[i * 2];
            top[i * 3 + 1] = height;
            top[i * 3 + 2] = ring[i * 2 + 1];
            int k = sides - 1 - i;
            bottom[i * 3] = ring[k * 2];
            bottom[i * 3 + 2] = ring[k * 2 + 1];
        }
        b.flatPolygon(top);
        b.flatPolygon(bottom);
        for (int i = 0; i < sides; i++) {
            int j = (i + 1) % sides;
            b.flatPolygon(ring[i * 2], 0, ring[i * 2 + 1], ring[j * 2], 0, ring[j * 2 + 1],
                    ring[j * 2], height, ring[j * 2 + 1], ring[i * 2], height, ring[i * 2 + 1]);
        }
        return b.build();
    }

    /**
     * Corners (x, z pairs) of a regular polygon, counter-clockwise seen from above (+y); a square is
     * rotated 45 degrees so its sides are axis-aligned.
     */
    public static double[] polygon(int sides, double radius) {
        double[] out = new double[sides * 2];
        double start = sides == 4 ? Math.PI / 4 : Math.PI / 2;
        for (int i = 0; i < sides; i++) {
            // counter-clockwise seen from +y means going from +x toward -z
            double a = start + 2 * Math.PI * i / sides;
            out[i * 2] = radius * Math.cos(a);
            out[i * 2 + 1] = -radius * Math.sin(a);
        }
        return out;
    }
}
