package dev.kiln.mesh.spec;

import dev.kiln.mesh.geometry.Matrix4;

/**
 * Placement of an object relative to its parent: position in metres, rotation as Euler angles in
 * degrees (X, then Y, then Z), scale factors. Missing parts default to no change.
 */
public record TransformSpec(Vec3 position, Vec3 rotation, Vec3 scale) {

    public static final TransformSpec IDENTITY = new TransformSpec(Vec3.ZERO, Vec3.ZERO, Vec3.ONE);

    public TransformSpec {
        position = position == null ? Vec3.ZERO : position;
        rotation = rotation == null ? Vec3.ZERO : rotation;
        scale = scale == null ? Vec3.ONE : scale;
    }

    public static TransformSpec at(double x, double y, double z) {
        return new TransformSpec(new Vec3(x, y, z), null, null);
    }

    public TransformSpec withPosition(Vec3 p) {
        return new TransformSpec(p, rotation, scale);
    }

    public TransformSpec withRotation(Vec3 r) {
        return new TransformSpec(position, r, scale);
    }

    public TransformSpec withScale(Vec3 s) {
        return new TransformSpec(position, rotation, s);
    }

    public Matrix4 toMatrix() {
        return Matrix4.compose(position.toArray(), rotation.toArray(), scale.toArray());
    }
}
