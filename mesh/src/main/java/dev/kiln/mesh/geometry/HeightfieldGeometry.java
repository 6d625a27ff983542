package dev.kiln.mesh.geometry;

/**
 * A closed block whose top follows a grid of heights: the shared basis of noise terrain and image
 * reliefs. Top surface, four side walls and a flat bottom, so it prints as is. Centred on x/z,
 * bottom at y = 0.
 */
public final class HeightfieldGeometry {

    private HeightfieldGeometry() {
    }

    /**
     * @param heights heights[row][column] in metres above the base (row runs along z, column along x)
     * @param width   size along x (m)
     * @param depth   size along z (m)
     * @param base    solid thickness below the lowest possible height (m), > 0
     */
    public static TriangleMesh create(double[][] heights, double width, double depth, double base) {
        int rows = heights.length, cols = heights[0].length;
        MeshBuilder b = new MeshBuilder();
        double x0 = -width / 2, z0 = -depth / 2, dx = width / (cols - 1), dz = depth / (rows - 1);
        int[][] top = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // central differences give smooth normals for the surface
                double hl = heights[r][Math.max(0, c - 1)], hr = heights[r][Math.min(cols - 1, c + 1)];
                double hd = heights[Math.max(0, r - 1)][c], hu = heights[Math.min(rows - 1, r + 1)][c];
                double sx = (hr - hl) / (dx * (Math.min(cols - 1, c + 1) - Math.max(0, c - 1)));
                double sz = (hu - hd) / (dz * (Math.min(rows - 1, r + 1) - Math.max(0, r - 1)));
                top[r][c] = b.vertexNormalized(x0 + c * dx, base + heights[r][c], z0 + r * dz, -sx, 1, -sz);
            }
        }
        for (int r = 0; r + 1 < rows; r++) {
            for (int c = 0; c + 1 < cols; c++) {
                b.quad(top[r][c], top[r + 1][c], top[r + 1][c + 1], top[r][c + 1]);
            }
        }
        // the rim, walked so that the outside is on the left when seen from above: z0 edge, x1 edge, z1 edge, x0 edge
        int perimeter = 2 * (cols - 1) + 2 * (rows - 1);
        double[] px = new double[perimeter], pz = new double[perimeter], ph = new double[perimeter];
        int k = 0;
        for (int c = 0; c < cols - 1; c++, k++) {
            px[k] = x0 + c * dx;
            pz[k] = z0;
            ph[k] = heights[0][c];
        }
        for (int r = 0; r < rows - 1; r++, k++) {
            px[k] = x0 + (cols - 1) * dx;
            pz[k] = z0 + r * dz;
            ph[k] = heights[r][cols - 1];
        }
        for (int c = cols - 1; c > 0; c--, k++) {
            px[k] = x0 + c * dx;
            pz[k] = z0 + (rows - 1) * dz;
            ph[k] = heights[rows - 1][c];
        }
        for (int r = rows - 1; r > 0; r--, k++) {
            px[k] = x0;
            pz[k] = z0 + r * dz;
            ph[k] = heights[r][0];
        }
        for (int i = 0; i < perimeter; i++) {
            int j = (i + 1) % perimeter;
            double ddx = px[j] - px[i], ddz = pz[j] - pz[i], len = Math.hypot(ddx, ddz);
            double nx = ddz / len, nz = -ddx / len;
            int lowI = b.vertex(px[i], 0, pz[i], nx, 0, nz), lowJ = b.vertex(px[j], 0, pz[j], nx, 0, nz);
            int highI = b.vertex(px[i], base + ph[i], pz[i], nx, 0, nz), highJ = b.vertex(px[j], base + ph[j], pz[j], nx, 0, nz);
            b.quad(lowJ, lowI, highI, highJ);
        }
        // bottom: a fan from the centre over every rim point, so its edges match the walls exactly
        int centre = b.vertex(x0 + width / 2, 0, z0 + depth / 2, 0, -1, 0);
        int[] rim = new int[perimeter];
        for (int i = 0; i < perimeter; i++) {
            rim[i] = b.vertex(px[i], 0, pz[i], 0, -1, 0);
        }
        for (int i = 0; i < perimeter; i++) {
            b.triangle(centre, rim[i], rim[(i + 1) % perimeter]);
        }
        return b.build();
    }
}
