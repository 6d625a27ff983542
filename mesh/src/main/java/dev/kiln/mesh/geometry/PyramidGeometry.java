package dev.kiln.mesh.geometry;

/** Flat-shaded pyramid with a regular polygon base on y = 0 and the apex above its centre. */
public final class PyramidGeometry {

    private PyramidGeometry() {
    }

    /**
     * @param baseWidth width of the base (m); for a square base this is the side length
     * @param height    apex height (m)
     * @param sides     number of base sides, >= 3 (4 = square pyramid)
     */
    public static TriangleMesh create(double baseWidth, double height, int sides) {
        double[] ring = PrismGeometry.polygon(sides, sides == 4 ? baseWidth / Math.sqrt(2) : baseWidth / 2);
        MeshBuilder b = new MeshBuilder();
        double[] base = new double[sides * 3];
        for (int i = 0; i < sides; i++) {
            int k = sides - 1 - i; // reversed so the base faces down
            base[i * 3] = ring[k * 2];
            base[i * 3 + 2] = ring[k * 2 + 1];
        }
        b.flatPolygon(base);
        for (int i = 0; i < sides; i++) {
            int j = (i + 1) % sides;
            b.flatPolygon(ring[i * 2], 0, ring[i * 2 + 1], ring[j * 2], 0, ring[j * 2 + 1], 0, height, 0);
        }
        return b.build();
    }
}
