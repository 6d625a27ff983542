package dev.kiln.mesh.geometry;

/** Axis-aligned box with flat faces, standing on y = 0 and centred on x/z. */
public final class BoxGeometry {

    private BoxGeometry() {
    }

    /**
     * @param width  size along x (m)
     * @param height size along y (m)
     * @param depth  size along z (m)
     */
    public static TriangleMesh create(double width, double height, double depth) {
        double x = width / 2, z = depth / 2, h = height;
        MeshBuilder b = new MeshBuilder();
        b.flatPolygon(x, 0, z, x, 0, -z, x, h, -z, x, h, z);      // +x
        b.flatPolygon(-x, 0, -z, -x, 0, z, -x, h, z, -x, h, -z);  // -x
        b.flatPolygon(-x, h, z, x, h, z, x, h, -z, -x, h, -z);    // +y
        b.flatPolygon(-x, 0, -z, x, 0, -z, x, 0, z, -x, 0, z);    // -y
        b.flatPolygon(-x, 0, z, x, 0, z, x, h, z, -x, h, z);      // +z
        b.flatPolygon(x, 0, -z, -x, 0, -z, -x, h, -z, x, h, -z);  // -z
        return b.build();
    }
}
