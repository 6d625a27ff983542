package dev.kiln.mesh.geometry;

/** UV sphere resting on y = 0 (centre at y = radius), built as a lathe of a half circle. */
public final class SphereGeometry {

    private SphereGeometry() {
    }

    /**
     * @param radius         radius (m)
     * @param widthSegments  steps around the vertical axis, >= 3
     * @param heightSegments steps from pole to pole, >= 2
     */
    public static TriangleMesh create(double radius, int widthSegments, int heightSegments) {
        double[] profile = new double[(heightSegments + 1) * 2];
        double[] normals = new double[profile.length];
        for (int i = 0; i <= heightSegments; i++) {
            double theta = -Math.PI / 2 + Math.PI * i / heightSegments;
            double c = (i == 0 || i == heightSegments) ? 0 : Math.cos(theta);
            double s = Math.sin(theta);
            profile[i * 2] = radius * c;
            profile[i * 2 + 1] = radius + radius * s;
            normals[i * 2] = c;
            normals[i * 2 + 1] = s;
        }
        return LatheGeometry.smooth(profile, normals, widthSegments);
    }
}
