package dev.kiln.mesh.geometry;

/** Closed cylinder or truncated cone standing on y = 0, with flat caps and a smooth side. */
public final class CylinderGeometry {

    private CylinderGeometry() {
    }

    /**
     * @param radiusTop      top radius (m), 0 makes a cone
     * @param radiusBottom   bottom radius (m), 0 makes an upside-down cone
     * @param height         height (m)
     * @param radialSegments steps around, >= 3
     */
    public static TriangleMesh create(double radiusTop, double radiusBottom, double height, int radialSegments) {
        return LatheGeometry.creased(new double[] {0, 0, radiusBottom, 0, radiusTop, height, 0, height}, radialSegments);
    }

    /** Open tube (no caps) of the given radius, useful for pipes and rims. */
    public static TriangleMesh tube(double radius, double height, int radialSegments) {
        return LatheGeometry.creased(new double[] {radius, 0, radius, height}, radialSegments);
    }
}
