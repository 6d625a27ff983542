package dev.kiln.mesh.geometry;

/** Closed cone standing on its base at y = 0 with the apex at y = height. */
public final class ConeGeometry {

    private ConeGeometry() {
    }

    /**
     * @param radius         base radius (m)
     * @param height         height (m)
     * @param radialSegments steps around, >= 3
     */
    public static TriangleMesh create(double radius, double height, int radialSegments) {
        return LatheGeometry.creased(new double[] {0, 0, radius, 0, 0, height}, radialSegments);
    }
}
