package dev.kiln.mesh.process;

import dev.kiln.mesh.geometry.TriangleMesh;

/** The standard clean-up every generated part goes through before export. */
public final class MeshCleanup {

    private MeshCleanup() {
    }

    /**
     * Welds duplicate vertices (same position and normal), drops degenerate triangles and makes every
     * normal unit length. Shading and shape are unchanged.
     */
    public static TriangleMesh clean(TriangleMesh mesh) {
        TriangleMesh welded = VertexWelder.weld(mesh, 1e-6);
        TriangleMesh solid = DegenerateTriangles.remove(welded, DegenerateTriangles.DEFAULT_MIN_AREA);
        return Normals.repair(solid);
    }

    /**
     * The printable form: one position-welded mesh without degenerate triangles, consistently wound
     * and facing outward. Normals are smooth (STL stores face normals anyway).
     */
    public static TriangleMesh printable(TriangleMesh mesh) {
        TriangleMesh welded = VertexWelder.weldPositions(mesh, VertexWelder.DEFAULT_EPSILON);
        TriangleMesh solid = DegenerateTriangles.remove(welded, DegenerateTriangles.DEFAULT_MIN_AREA);
        return ConsistentWinding.orient(solid);
    }
}
