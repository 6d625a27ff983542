package dev.kiln.mesh.scene;

/** Thrown when building a scene would exceed the triangle cap of its {@link dev.kiln.mesh.spec.SceneLimits}. */
public class SceneTooLargeException extends IllegalArgumentException {

    public SceneTooLargeException(String message) {
        super(message);
    }
}
