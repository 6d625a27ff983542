package dev.kiln.mesh.spec;

/**
 * One problem found in a scene spec.
 *
 * @param path    JSON-path-like location, e.g. {@code objects[2].params.segments}
 * @param problem what is wrong, in words a user can act on
 */
public record ValidationError(String path, String problem) {

    @Override
    public String toString() {
        return path + ": " + problem;
    }
}
