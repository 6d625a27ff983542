package dev.kiln.mesh.geometry;

import java.util.Arrays;

/** Growable vertex and index buffers for assembling a {@link TriangleMesh}. */
public final class MeshBuilder {

    private float[] positions = new float[192];
    private float[] normals = new float[192];
    private int[] indices = new int[192];
    private int vertexFloats;
    private int indexCount;

    public int vertexCount() {
        return vertexFloats / 3;
    }

    public int triangleCount() {
        return indexCount / 3;
    }

    /** Adds a vertex and returns its index. The normal is stored as given (callers pass unit vectors). */
    public int vertex(double x, double y, double z, double nx, double ny, double nz) {
        if (vertexFloats + 3 > positions.length) {
            int size = positions.length * 2;
            positions = Arrays.copyOf(positions, size);
            normals = Arrays.copyOf(normals, size);
        }
        positions[vertexFloats] = (float) x;
        positions[vertexFloats + 1] = (float) y;
        positions[vertexFloats + 2] = (float) z;
        normals[vertexFloats] = (float) nx;
        normals[vertexFloats + 1] = (float) ny;
        normals[vertexFloats + 2] = (float) nz;
        vertexFloats += 3;
        return vertexFloats / 3 - 1;
    }

    /** Adds a vertex whose normal is {@code (nx, ny, nz)} normalised. */
    public int vertexNormalized(double x, double y, double z, double nx, double ny, double nz) {
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len < 1e-12) {
            return vertex(x, y, z, 0, 1, 0);
        }
        return vertex(x, y, z, nx / len, ny / len, nz / len);
    }

    /** Adds a counter-clockwise triangle. */
    public void triangle(int a, int b, int c) {
        if (indexCount + 3 > indices.length) {
            indices = Arrays.copyOf(indices, indices.length * 2);
        }
        indices[indexCount++] = a;
        indices[indexCount++] = b;
        indices[indexCount++] = c;
    }

    /** Adds the quad a-b-c-d (counter-clockwise) as two triangles. */
    public void quad(int a, int b, int c, int d) {
        triangle(a, b, c);
        triangle(a, c, d);
    }

    /**
     * Adds a flat-shaded planar polygon given as corner coordinates (x0,y0,z0, x1,...), counter-clockwise
     * seen from outside, triangulated as a fan (so it must be convex).
     */
    public void flatPolygon(double... corners) {
        int n = corners.length / 3;
        double[] normal = polygonNormal(corners);
        int first = vertexCount();
        for (int i = 0; i < n; i++) {
            vertex(corners[i * 3], corners[i * 3 + 1], corners[i * 3 + 2], normal[0], normal[1], normal[2]);
        }
        for (int i = 1; i + 1 < n; i++) {
            triangle(first, first + i, first + i + 1);
        }
    }

    /** Newell's method: robust normal of a planar polygon. */
    static double[] polygonNormal(double[] c) {
        int n = c.length / 3;
        double nx = 0, ny = 0, nz = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            nx += (c[i * 3 + 1] - c[j * 3 + 1]) * (c[i * 3 + 2] + c[j * 3 + 2]);
            ny += (c[i * 3 + 2] - c[j * 3 + 2]) * (c[i * 3] + c[j * 3]);
            nz += (c[i * 3] - c[j * 3]) * (c[i * 3 + 1] + c[j * 3 + 1]);
        }
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        return len == 0 ? new double[] {0, 1, 0} : new double[] {nx / len, ny / len, nz / len};
    }

    /** Appends all vertices and triangles of {@code mesh}. */
    public MeshBuilder append(TriangleMesh mesh) {
        int base = vertexCount();
        float[] p = mesh.positions(), n = mesh.normals();
        for (int i = 0; i < p.length; i += 3) {
            vertex(p[i], p[i + 1], p[i + 2], n[i], n[i + 1], n[i + 2]);
        }
        int[] idx = mesh.indices();
        for (int i = 0; i < idx.length; i += 3) {
            triangle(base + idx[i], base + idx[i + 1], base + idx[i + 2]);
        }
        return this;
    }

    /** Appends {@code mesh} transformed by {@code matrix}. */
    public MeshBuilder append(TriangleMesh mesh, Matrix4 matrix) {
        return append(mesh.transformed(matrix));
    }

    public TriangleMesh build() {
        return new TriangleMesh(Arrays.copyOf(positions, vertexFloats), Arrays.copyOf(normals, vertexFloats),
                Arrays.copyOf(indices, indexCount));
    }
}
