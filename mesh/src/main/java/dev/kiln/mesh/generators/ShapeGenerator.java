package dev.kiln.mesh.generators;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * A named, parametric shape: a primitive ("sphere") or a template ("table"). Implementations are
 * pure functions of their parameters and the complexity. Every model stands on y = 0, centred on x/z,
 * in metres.
 */
public interface ShapeGenerator {

    /** Canonical name used in specs. */
    String name();

    /** Other words that name this shape in descriptions ("ball" for sphere). */
    default List<String> aliases() {
        return List.of();
    }

    /** One line: what it makes. */
    String summary();

    /** Declared parameters with defaults and ranges. */
    List<ParameterSpec> parameters();

    /** Material used when the spec gives none (wood for a table, green for a tree). */
    default MaterialSpec defaultMaterial() {
        return MaterialSpec.DEFAULT;
    }

    /**
     * Singular nouns naming this template's parts, as people say them ("roof", "wheel", "tail fin"): a spec's
     * {@code parts} materials and descriptions such as "a house with a red roof" may use them. Each must match the
     * name of at least one generated part ({@link PartNames#matches}). Empty for primitives.
     */
    default List<String> partNames() {
        return List.of();
    }

    /** True when every part is a closed solid (watertight once welded), so it can be 3D printed as is. */
    default boolean closed() {
        return true;
    }

    Model generate(Parameters params, Complexity complexity);

    /** Convenience: generate from raw values. */
    default Model generate(java.util.Map<String, Object> values, Complexity complexity) {
        return generate(new Parameters(values, parameters()), complexity);
    }
}
