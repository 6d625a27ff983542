package dev.kiln.mesh.geometry;

/** Capsule (cylinder with hemispherical ends) standing on y = 0; total height = length + 2 * radius. */
public final class CapsuleGeometry {

    private CapsuleGeometry() {
    }

    /**
     * @param radius         radius of the body and the end caps (m)
     * @param length         length of the straight middle section (m), may be 0
     * @param capSegments    steps per quarter circle of each cap, >= 1
     * @param radialSegments steps around, >= 3
     */
    public static TriangleMesh create(double radius, double length, int capSegments, int radialSegments) {
        int points = (capSegments + 1) * 2;
        double[] profile = new double[points * 2];
        double[] normals = new double[points * 2];
        int k = 0;
        for (int i = 0; i <= capSegments; i++) {
            double theta = -Math.PI / 2 + Math.PI / 2 * i / capSegments;
            double c = i == 0 ? 0 : Math.cos(theta), s = Math.sin(theta);
            profile[k * 2] = radius * c;
            profile[k * 2 + 1] = radius + radius * s;
            normals[k * 2] = c;
            normals[k * 2 + 1] = s;
            k++;
        }
        for (int i = 0; i <= capSegments; i++) {
            double theta = Math.PI / 2 * i / capSegments;
            double c = i == capSegments ? 0 : Math.cos(theta), s = Math.sin(theta);
            profile[k * 2] = radius * c;
            profile[k * 2 + 1] = radius + length + radius * s;
            normals[k * 2] = c;
            normals[k * 2 + 1] = s;
            k++;
        }
        if (length <= 0) {
            // the two equators coincide; drop the duplicate ring so no zero-height band is made
            double[] p = new double[profile.length - 2], n = new double[normals.length - 2];
            int half = (capSegments + 1) * 2;
            System.arraycopy(profile, 0, p, 0, half);
            System.arraycopy(profile, half + 2, p, half, profile.length - half - 2);
            System.arraycopy(normals, 0, n, 0, half);
            System.arraycopy(normals, half + 2, n, half, normals.length - half - 2);
            profile = p;
            normals = n;
        }
        return LatheGeometry.smooth(profile, normals, radialSegments);
    }
}
