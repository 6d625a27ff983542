package dev.kiln.mesh.process;

import dev.kiln.mesh.geometry.MeshBuilder;
import dev.kiln.mesh.geometry.TriangleMesh;
import java.util.Arrays;

/** Finds and removes triangles with (near-)zero area, which renderers skip and printers choke on. */
public final class DegenerateTriangles {

    /** Triangles below this area (m^2, a 1 micrometre-ish sliver at metre scale) count as degenerate. */
    public static final double DEFAULT_MIN_AREA = 1e-12;

    private DegenerateTriangles() {
    }

    public static boolean isDegenerate(TriangleMesh mesh, int triangle, double minArea) {
        int[] idx = mesh.indices();
        int a = idx[triangle * 3], b = idx[triangle * 3 + 1], c = idx[triangle * 3 + 2];
        return a == b || b == c || a == c || !(Normals.triangleArea(mesh.positions(), a, b, c) > minArea);
    }

    public static int count(TriangleMesh mesh, double minArea) {
        int n = 0;
        for (int t = 0; t < mesh.triangleCount(); t++) {
            if (isDegenerate(mesh, t, minArea)) {
                n++;
            }
        }
        return n;
    }

    /** The mesh without degenerate triangles and without vertices no triangle uses any more. */
    public static TriangleMesh remove(TriangleMesh mesh, double minArea) {
        if (count(mesh, minArea) == 0) {
            return mesh;
        }
        int[] idx = mesh.indices();
        float[] p = mesh.positions(), n = mesh.normals();
        int[] newIndex = new int[mesh.vertexCount()];
        Arrays.fill(newIndex, -1);
        MeshBuilder b = new MeshBuilder();
        for (int t = 0; t < mesh.triangleCount(); t++) {
            if (isDegenerate(mesh, t, minArea)) {
                continue;
            }
            int[] corner = new int[3];
            for (int k = 0; k < 3; k++) {
                int v = idx[t * 3 + k];
                if (newIndex[v] < 0) {
                    newIndex[v] = b.vertex(p[v * 3], p[v * 3 + 1], p[v * 3 + 2], n[v * 3], n[v * 3 + 1], n[v * 3 + 2]);
                }
                corner[k] = newIndex[v];
            }
            b.triangle(corner[0], corner[1], corner[2]);
        }
        return b.build();
    }
}
