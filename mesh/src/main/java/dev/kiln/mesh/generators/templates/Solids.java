package dev.kiln.mesh.generators.templates;

import dev.kiln.mesh.geometry.BoxGeometry;
import dev.kiln.mesh.geometry.ConeGeometry;
import dev.kiln.mesh.geometry.CylinderGeometry;
import dev.kiln.mesh.geometry.EllipsoidGeometry;
import dev.kiln.mesh.geometry.ExtrudeGeometry;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.geometry.RoundedBoxGeometry;
import dev.kiln.mesh.geometry.SphereGeometry;
import dev.kiln.mesh.geometry.TorusGeometry;
import dev.kiln.mesh.geometry.TriangleMesh;

/**
 * Placed solids for templates: each returns a closed mesh already moved into position, so template
 * code reads as a list of parts and where they go. "At (x, y, z)" means the bottom centre unless
 * the method says "centred".
 */
final class Solids {

    private Solids() {
    }

    static TriangleMesh box(double w, double h, double d, double x, double y, double z) {
        return BoxGeometry.create(w, h, d).transformed(Matrix4.translation(x, y, z));
    }

    /** Box centred at (x, y, z). */
    static TriangleMesh boxCentred(double w, double h, double d, double x, double y, double z) {
        return box(w, h, d, x, y - h / 2, z);
    }

    static TriangleMesh roundedBox(double w, double h, double d, double r, int segments, double x, double y, double z) {
        return RoundedBoxGeometry.create(w, h, d, r, segments).transformed(Matrix4.translation(x, y, z));
    }

    static TriangleMesh cylinder(double r, double h, int segments, double x, double y, double z) {
        return CylinderGeometry.create(r, r, h, segments).transformed(Matrix4.translation(x, y, z));
    }

    static TriangleMesh frustum(double rBottom, double rTop, double h, int segments, double x, double y, double z) {
        return CylinderGeometry.create(rTop, rBottom, h, segments).transformed(Matrix4.translation(x, y, z));
    }

    /** Cylinder lying along x, centred at (x, y, z). */
    static TriangleMesh cylinderAlongX(double r, double length, int segments, double x, double y, double z) {
        return CylinderGeometry.create(r, r, length, segments)
                .transformed(Matrix4.translation(x + length / 2, y, z).multiply(Matrix4.rotationDegrees(0, 0, 90)));
    }

    /** Cylinder lying along z, centred at (x, y, z). */
    static TriangleMesh cylinderAlongZ(double r, double length, int segments, double x, double y, double z) {
        return CylinderGeometry.create(r, r, length, segments)
                .transformed(Matrix4.translation(x, y, z - length / 2).multiply(Matrix4.rotationDegrees(90, 0, 0)));
    }

    static TriangleMesh cone(double r, double h, int segments, double x, double y, double z) {
        return ConeGeometry.create(r, h, segments).transformed(Matrix4.translation(x, y, z));
    }

    /** Sphere centred at (x, y, z). */
    static TriangleMesh sphere(double r, int segments, double x, double y, double z) {
        return SphereGeometry.create(r, segments, Math.max(4, segments / 2)).transformed(Matrix4.translation(x, y - r, z));
    }

    /** Ellipsoid centred at (x, y, z). */
    static TriangleMesh ellipsoid(double rx, double ry, double rz, int segments, double x, double y, double z) {
        return EllipsoidGeometry.create(rx, ry, rz, segments, Math.max(4, segments / 2)).transformed(Matrix4.translation(x, y - ry, z));
    }

    /** Torus standing upright in the XY plane, centred at (x, y, z). */
    static TriangleMesh uprightTorus(double radius, double tube, int segments, double x, double y, double z) {
        return TorusGeometry.create(radius, tube, Math.max(8, segments / 2), segments)
                .transformed(Matrix4.translation(x, y, z).multiply(Matrix4.rotationDegrees(90, 0, 0)).multiply(Matrix4.translation(0, -tube, 0)));
    }

    /** Outline in the XY plane extruded along z, centred on z = 0, then transformed. */
    static TriangleMesh slab(double[] outline, double thickness, Matrix4 placement) {
        return ExtrudeGeometry.create(outline, thickness).transformed(placement.multiply(Matrix4.translation(0, 0, -thickness / 2)));
    }

    /** Any mesh transformed. */
    static TriangleMesh place(TriangleMesh mesh, Matrix4 m) {
        return mesh.transformed(m);
    }

    static Matrix4 at(double x, double y, double z) {
        return Matrix4.translation(x, y, z);
    }

    static Matrix4 at(double x, double y, double z, double rxDeg, double ryDeg, double rzDeg) {
        return Matrix4.translation(x, y, z).multiply(Matrix4.rotationDegrees(rxDeg, ryDeg, rzDeg));
    }
}
