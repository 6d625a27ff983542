package dev.kiln.mesh.geometry;

/** One-sided horizontal rectangle at y = 0 facing up (+y); not a closed solid. */
public final class PlaneGeometry {

    private PlaneGeometry() {
    }

    /**
     * @param width    size along x (m)
     * @param depth    size along z (m)
     * @param segments grid cells per side, >= 1
     */
    public static TriangleMesh create(double width, double depth, int segments) {
        MeshBuilder b = new MeshBuilder();
        int[][] grid = new int[segments + 1][segments + 1];
        for (int i = 0; i <= segments; i++) {
            for (int j = 0; j <= segments; j++) {
                grid[i][j] = b.vertex(-width / 2 + width * i / segments, 0, -depth / 2 + depth * j / segments, 0, 1, 0);
            }
        }
        for (int i = 0; i < segments; i++) {
            for (int j = 0; j < segments; j++) {
                b.quad(grid[i][j], grid[i][j + 1], grid[i + 1][j + 1], grid[i + 1][j]);
            }
        }
        return b.build();
    }
}
