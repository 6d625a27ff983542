package dev.kiln.mesh.geometry;

/** Torus lying flat in the XZ plane (like a donut on a table), resting on y = 0. */
public final class TorusGeometry {

    private TorusGeometry() {
    }

    /**
     * @param radius          distance from the centre to the middle of the tube (m)
     * @param tube            tube radius (m), less than {@code radius}
     * @param radialSegments  steps around the tube's cross-section, >= 3
     * @param tubularSegments steps around the ring, >= 3
     */
    public static TriangleMesh create(double radius, double tube, int radialSegments, int tubularSegments) {
        MeshBuilder b = new MeshBuilder();
        int[][] grid = new int[tubularSegments][radialSegments];
        for (int i = 0; i < tubularSegments; i++) {
            double u = 2 * Math.PI * i / tubularSegments;
            double cu = Math.cos(u), su = Math.sin(u);
            for (int j = 0; j < radialSegments; j++) {
                double v = 2 * Math.PI * j / radialSegments;
                double cv = Math.cos(v), sv = Math.sin(v);
                double ring = radius + tube * cv;
                grid[i][j] = b.vertex(ring * cu, tube + tube * sv, ring * su, cv * cu, sv, cv * su);
            }
        }
        for (int i = 0; i < tubularSegments; i++) {
            int i2 = (i + 1) % tubularSegments;
            for (int j = 0; j < radialSegments; j++) {
                int j2 = (j + 1) % radialSegments;
                // u runs +x -> +z (clockwise seen from above), v runs outward -> up; this order faces outward
                b.quad(grid[i][j], grid[i][j2], grid[i2][j2], grid[i2][j]);
            }
        }
        return b.build();
    }
}
