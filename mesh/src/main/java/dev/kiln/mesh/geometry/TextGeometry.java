package dev.kiln.mesh.geometry;

/**
 * 3D text in the {@link BlockFont}: every lit pixel becomes a cube, and only faces between a lit and
 * an unlit cell are emitted, so the letters are hollow-free solids. Letters stand upright in the XY
 * plane facing +z, centred on x, baseline on y = 0, extruded from z = -depth/2 to +depth/2. Pixels
 * that touch only at a corner (diagonal strokes) share an edge between four faces, so the result is
 * a valid mesh but not strictly manifold there.
 */
public final class TextGeometry {

    private TextGeometry() {
    }

    /**
     * @param text   characters to draw (newlines are not supported: one line)
     * @param height letter height (m), the 7 pixel rows
     * @param depth  extrusion depth (m)
     */
    public static TriangleMesh create(String text, double height, double depth) {
        int columns = text.length() * (BlockFont.WIDTH + 1) - 1;
        boolean[][] lit = new boolean[Math.max(1, columns)][BlockFont.HEIGHT];
        for (int i = 0; i < text.length(); i++) {
            for (int c = 0; c < BlockFont.WIDTH; c++) {
                for (int r = 0; r < BlockFont.HEIGHT; r++) {
                    lit[i * (BlockFont.WIDTH + 1) + c][BlockFont.HEIGHT - 1 - r] = BlockFont.pixel(text.charAt(i), c, r);
                }
            }
        }
        double px = height / BlockFont.HEIGHT, x0 = -columns * px / 2, z0 = -depth / 2, z1 = depth / 2;
        MeshBuilder b = new MeshBuilder();
        for (int x = 0; x < lit.length; x++) {
            for (int y = 0; y < BlockFont.HEIGHT; y++) {
                if (!lit[x][y]) {
                    continue;
                }
                double ax = x0 + x * px, bx = ax + px, ay = y * px, by = ay + px;
                b.flatPolygon(ax, ay, z1, bx, ay, z1, bx, by, z1, ax, by, z1);
                b.flatPolygon(bx, ay, z0, ax, ay, z0, ax, by, z0, bx, by, z0);
                if (!litAt(lit, x + 1, y)) {
                    b.flatPolygon(bx, ay, z1, bx, ay, z0, bx, by, z0, bx, by, z1);
                }
                if (!litAt(lit, x - 1, y)) {
                    b.flatPolygon(ax, ay, z0, ax, ay, z1, ax, by, z1, ax, by, z0);
                }
                if (!litAt(lit, x, y + 1)) {
                    b.flatPolygon(ax, by, z1, bx, by, z1, bx, by, z0, ax, by, z0);
                }
                if (!litAt(lit, x, y - 1)) {
                    b.flatPolygon(ax, ay, z0, bx, ay, z0, bx, ay, z1, ax, ay, z1);
                }
            }
        }
        return b.build();
    }

    private static boolean litAt(boolean[][] lit, int x, int y) {
        return x >= 0 && x < lit.length && y >= 0 && y < BlockFont.HEIGHT && lit[x][y];
    }
}
