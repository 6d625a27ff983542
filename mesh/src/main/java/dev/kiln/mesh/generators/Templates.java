package dev.kiln.mesh.generators;

import java.util.List;

/** The template library: multi-part parametric objects. */
public final class Templates {

    private Templates() {
    }

    public static List<ShapeGenerator> all() {
        return List.of();
    }
}
