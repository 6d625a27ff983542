package dev.kiln.mesh.generators;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.geometry.TriangleMesh;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A single-part shape backed by one geometry function, e.g. "sphere". The part takes the object's material.
 *
 * @param name       canonical name
 * @param aliases    other names in descriptions
 * @param summary    one line
 * @param parameters declared parameters
 * @param closed     whether the geometry is a closed solid
 * @param geometry   builds the mesh from parameters and complexity
 */
public record Primitive(String name, List<String> aliases, String summary, List<ParameterSpec> parameters, boolean closed,
        BiFunction<Parameters, Complexity, TriangleMesh> geometry) implements ShapeGenerator {

    /** The optional tessellation override every round primitive accepts. */
    public static final ParameterSpec SEGMENTS =
            ParameterSpec.integer("segments", 0, 0, 256, "steps around a full circle; 0 = chosen by complexity");

    @Override
    public Model generate(Parameters params, Complexity complexity) {
        return new Model(List.of(new Part(name, geometry.apply(params, complexity), null)));
    }

    /** Segments around a circle: the explicit override if set, else the complexity's default. */
    public static int segments(Parameters p, Complexity c) {
        int s = p.integer("segments");
        return s >= 3 ? s : c.radialSegments();
    }
}
