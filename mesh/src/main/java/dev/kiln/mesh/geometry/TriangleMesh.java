package dev.kiln.mesh.geometry;

/**
 * An indexed triangle mesh: the plain data every generator returns and every exporter reads.
 *
 * <p>Layout matches a glTF / three.js BufferGeometry: {@code positions} and {@code normals} hold
 * three floats per vertex, {@code indices} three vertex indices per triangle, counter-clockwise
 * when seen from outside. The arrays are shared, not copied, for speed: treat a mesh as immutable.
 */
public record TriangleMesh(float[] positions, float[] normals, int[] indices) {

    public static final TriangleMesh EMPTY = new TriangleMesh(new float[0], new float[0], new int[0]);

    public TriangleMesh {
        if (positions.length % 3 != 0 || normals.length != positions.length || indices.length % 3 != 0) {
            throw new IllegalArgumentException("inconsistent mesh arrays: positions=" + positions.length
                    + " normals=" + normals.length + " indices=" + indices.length);
        }
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int triangleCount() {
        return indices.length / 3;
    }

    public boolean isEmpty() {
        return indices.length == 0;
    }

    /** This mesh with every vertex transformed by {@code matrix} (normals by its normal matrix). */
    public TriangleMesh transformed(Matrix4 matrix) {
        float[] p = new float[positions.length];
        float[] n = new float[normals.length];
        double[] nm = matrix.normalMatrix();
        for (int i = 0; i < p.length; i += 3) {
            double x = positions[i], y = positions[i + 1], z = positions[i + 2];
            double[] m = matrix.elements();
            p[i] = (float) (m[0] * x + m[4] * y + m[8] * z + m[12]);
            p[i + 1] = (float) (m[1] * x + m[5] * y + m[9] * z + m[13]);
            p[i + 2] = (float) (m[2] * x + m[6] * y + m[10] * z + m[14]);
            double a = normals[i], b = normals[i + 1], c = normals[i + 2];
            double nx = nm[0] * a + nm[3] * b + nm[6] * c;
            double ny = nm[1] * a + nm[4] * b + nm[7] * c;
            double nz = nm[2] * a + nm[5] * b + nm[8] * c;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len > 0) {
                nx /= len;
                ny /= len;
                nz /= len;
            }
            n[i] = (float) nx;
            n[i + 1] = (float) ny;
            n[i + 2] = (float) nz;
        }
        int[] idx = indices.clone();
        if (matrix.determinant() < 0) {
            // A mirroring transform turns the surface inside out; swap two corners to keep CCW outward.
            for (int t = 0; t < idx.length; t += 3) {
                int tmp = idx[t + 1];
                idx[t + 1] = idx[t + 2];
                idx[t + 2] = tmp;
            }
        }
        return new TriangleMesh(p, n, idx);
    }

    /** Concatenates meshes into one (vertices are not shared between the inputs). */
    public static TriangleMesh merge(Iterable<TriangleMesh> meshes) {
        MeshBuilder builder = new MeshBuilder();
        for (TriangleMesh mesh : meshes) {
            builder.append(mesh);
        }
        return builder.build();
    }
}
