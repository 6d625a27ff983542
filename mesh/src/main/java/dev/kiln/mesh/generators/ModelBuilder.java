package dev.kiln.mesh.generators;

import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.ArrayList;
import java.util.List;

/** Collects parts for a template: place a mesh, optionally with its own accent material. */
public final class ModelBuilder {

    private final List<Part> parts = new ArrayList<>();

    /** Adds a part that takes the object's material. */
    public ModelBuilder add(String name, TriangleMesh mesh) {
        parts.add(new Part(name, mesh, null));
        return this;
    }

    /** Adds a part moved by (x, y, z) that takes the object's material. */
    public ModelBuilder add(String name, TriangleMesh mesh, double x, double y, double z) {
        return add(name, mesh.transformed(Matrix4.translation(x, y, z)));
    }

    /** Adds a part transformed by {@code placement} that takes the object's material. */
    public ModelBuilder add(String name, TriangleMesh mesh, Matrix4 placement) {
        return add(name, mesh.transformed(placement));
    }

    /** Adds a part with its own material. */
    public ModelBuilder accent(String name, TriangleMesh mesh, MaterialSpec material) {
        parts.add(new Part(name, mesh, material));
        return this;
    }

    /** Adds a part moved by (x, y, z) with its own material. */
    public ModelBuilder accent(String name, TriangleMesh mesh, MaterialSpec material, double x, double y, double z) {
        return accent(name, mesh.transformed(Matrix4.translation(x, y, z)), material);
    }

    /** Adds a part transformed by {@code placement} with its own material. */
    public ModelBuilder accent(String name, TriangleMesh mesh, MaterialSpec material, Matrix4 placement) {
        return accent(name, mesh.transformed(placement), material);
    }

    public Model build() {
        return new Model(parts);
    }

    /** Builds with every part moved up or down so that the lowest point sits on y = 0. */
    public Model buildStanding() {
        double minY = build().bounds().minY();
        if (!Double.isFinite(minY) || minY == 0) {
            return build();
        }
        Matrix4 shift = Matrix4.translation(0, -minY, 0);
        List<Part> moved = new ArrayList<>();
        for (Part p : parts) {
            moved.add(new Part(p.name(), p.mesh().transformed(shift), p.material()));
        }
        return new Model(moved);
    }

    /** Shorthand for translation * rotation (degrees, XYZ). */
    public static Matrix4 place(double x, double y, double z, double rxDeg, double ryDeg, double rzDeg) {
        return Matrix4.translation(x, y, z).multiply(Matrix4.rotationDegrees(rxDeg, ryDeg, rzDeg));
    }
}
