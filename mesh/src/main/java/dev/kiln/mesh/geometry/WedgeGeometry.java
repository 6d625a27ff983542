package dev.kiln.mesh.geometry;

/** Ramp-shaped wedge: full height at -x sloping down to nothing at +x, standing on y = 0. */
public final class WedgeGeometry {

    private WedgeGeometry() {
    }

    /**
     * @param width  run of the slope along x (m)
     * @param height rise at the tall end (m)
     * @param depth  size along z (m)
     */
    public static TriangleMesh create(double width, double height, double depth) {
        double x = width / 2, z = depth / 2, h = height;
        MeshBuilder b = new MeshBuilder();
        b.flatPolygon(-x, 0, -z, x, 0, -z, x, 0, z, -x, 0, z);     // bottom
        b.flatPolygon(-x, 0, -z, -x, 0, z, -x, h, z, -x, h, -z);   // tall back at -x
        b.flatPolygon(x, 0, z, x, 0, -z, -x, h, -z, -x, h, z);     // slope
        b.flatPolygon(-x, 0, z, x, 0, z, -x, h, z);                // side +z
        b.flatPolygon(-x, 0, -z, -x, h, -z, x, 0, -z);             // side -z
        return b.build();
    }
}
