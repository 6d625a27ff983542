package dev.kiln.mesh.geometry;

/**
 * A 4x4 affine transform in column-major order (the layout of glTF and three.js's Matrix4).
 *
 * <p>Rotations take Euler angles in degrees applied in X, then Y, then Z order about the
 * object's own axes, like three.js's default 'XYZ' Euler order.
 */
public record Matrix4(double[] elements) {

    public static final Matrix4 IDENTITY = new Matrix4(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});

    public Matrix4 {
        if (elements.length != 16) {
            throw new IllegalArgumentException("a 4x4 matrix needs 16 elements");
        }
    }

    public static Matrix4 translation(double x, double y, double z) {
        return new Matrix4(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, x, y, z, 1});
    }

    public static Matrix4 scaling(double x, double y, double z) {
        return new Matrix4(new double[] {x, 0, 0, 0, 0, y, 0, 0, 0, 0, z, 0, 0, 0, 0, 1});
    }

    /** Rotation from Euler angles in degrees, three.js 'XYZ' order (R = Rx * Ry * Rz). */
    public static Matrix4 rotationDegrees(double xDeg, double yDeg, double zDeg) {
        double x = Math.toRadians(xDeg), y = Math.toRadians(yDeg), z = Math.toRadians(zDeg);
        double a = Math.cos(x), b = Math.sin(x), c = Math.cos(y), d = Math.sin(y), e = Math.cos(z), f = Math.sin(z);
        double ae = a * e, af = a * f, be = b * e, bf = b * f;
        double[] m = new double[16];
        m[0] = c * e;
        m[4] = -c * f;
        m[8] = d;
        m[1] = af + be * d;
        m[5] = ae - bf * d;
        m[9] = -b * c;
        m[2] = bf - ae * d;
        m[6] = be + af * d;
        m[10] = a * c;
        m[15] = 1;
        return new Matrix4(m);
    }

    /** Translation * rotation * scale, the order glTF uses for a node's TRS properties. */
    public static Matrix4 compose(double[] position, double[] rotationDegrees, double[] scale) {
        return translation(position[0], position[1], position[2])
                .multiply(rotationDegrees(rotationDegrees[0], rotationDegrees[1], rotationDegrees[2]))
                .multiply(scaling(scale[0], scale[1], scale[2]));
    }

    /** this * other: applies {@code other} first, then this. */
    public Matrix4 multiply(Matrix4 other) {
        double[] a = elements, b = other.elements, r = new double[16];
        for (int col = 0; col < 4; col++) {
            for (int row = 0; row < 4; row++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += a[k * 4 + row] * b[col * 4 + k];
                }
                r[col * 4 + row] = sum;
            }
        }
        return new Matrix4(r);
    }

    public double[] transformPoint(double x, double y, double z) {
        double[] m = elements;
        return new double[] {
            m[0] * x + m[4] * y + m[8] * z + m[12],
            m[1] * x + m[5] * y + m[9] * z + m[13],
            m[2] * x + m[6] * y + m[10] * z + m[14]
        };
    }

    /** Determinant of the upper 3x3 part; negative means the transform mirrors. */
    public double determinant() {
        double[] m = elements;
        return m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
    }

    /** Inverse transpose of the upper 3x3 part (column-major 3x3), which keeps normals perpendicular under non-uniform scale. */
    public double[] normalMatrix() {
        double[] m = elements;
        double a00 = m[0], a01 = m[4], a02 = m[8];
        double a10 = m[1], a11 = m[5], a12 = m[9];
        double a20 = m[2], a21 = m[6], a22 = m[10];
        double c00 = a11 * a22 - a12 * a21, c01 = a12 * a20 - a10 * a22, c02 = a10 * a21 - a11 * a20;
        double c10 = a02 * a21 - a01 * a22, c11 = a00 * a22 - a02 * a20, c12 = a01 * a20 - a00 * a21;
        double c20 = a01 * a12 - a02 * a11, c21 = a02 * a10 - a00 * a12, c22 = a00 * a11 - a01 * a10;
        double det = a00 * c00 + a01 * c01 + a02 * c02;
        if (det == 0) {
            det = 1; // a flattened object: any perpendicular-ish normal is as good as another
        }
        // inverse = adjugate / det = cofactor^T / det; inverse transpose = cofactor / det.
        // Column-major output: element (row r, col c) at c * 3 + r.
        return new double[] {c00 / det, c01 / det, c02 / det, c10 / det, c11 / det, c12 / det, c20 / det, c21 / det, c22 / det};
    }
}
