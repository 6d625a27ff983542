package dev.kiln.mesh.geometry;

/** Ellipsoid resting on y = 0: a unit sphere scaled per axis (normals follow the normal matrix). */
public final class EllipsoidGeometry {

    private EllipsoidGeometry() {
    }

    /**
     * @param radiusX        semi-axis along x (m)
     * @param radiusY        semi-axis along y (m)
     * @param radiusZ        semi-axis along z (m)
     * @param widthSegments  steps around, >= 3
     * @param heightSegments steps pole to pole, >= 2
     */
    public static TriangleMesh create(double radiusX, double radiusY, double radiusZ, int widthSegments, int heightSegments) {
        return SphereGeometry.create(1, widthSegments, heightSegments).transformed(Matrix4.scaling(radiusX, radiusY, radiusZ));
    }
}
