package dev.kiln.mesh.geometry;

/** Copies of a mesh in a line, a circle or a grid, merged into one mesh (three.js users do this with InstancedMesh). */
public final class MeshArrays {

    private MeshArrays() {
    }

    /** {@code count} copies, each moved by (dx, dy, dz) from the previous. */
    public static TriangleMesh linear(TriangleMesh mesh, int count, double dx, double dy, double dz) {
        MeshBuilder b = new MeshBuilder();
        for (int i = 0; i < count; i++) {
            b.append(mesh, Matrix4.translation(dx * i, dy * i, dz * i));
        }
        return b.build();
    }

    /** {@code count} copies on a horizontal circle of {@code radius}, each turned to face outward if {@code faceOutward}. */
    public static TriangleMesh circular(TriangleMesh mesh, int count, double radius, boolean faceOutward) {
        MeshBuilder b = new MeshBuilder();
        for (int i = 0; i < count; i++) {
            double a = 2 * Math.PI * i / count;
            Matrix4 m = Matrix4.translation(radius * Math.cos(a), 0, radius * Math.sin(a));
            if (faceOutward) {
                m = m.multiply(Matrix4.rotationDegrees(0, 90 - Math.toDegrees(a), 0));
            }
            b.append(mesh, m);
        }
        return b.build();
    }

    /** {@code columns} x {@code rows} copies on the XZ plane, spaced by {@code spacingX} and {@code spacingZ}, centred. */
    public static TriangleMesh grid(TriangleMesh mesh, int columns, int rows, double spacingX, double spacingZ) {
        MeshBuilder b = new MeshBuilder();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                b.append(mesh, Matrix4.translation((c - (columns - 1) / 2.0) * spacingX, 0, (r - (rows - 1) / 2.0) * spacingZ));
            }
        }
        return b.build();
    }
}
