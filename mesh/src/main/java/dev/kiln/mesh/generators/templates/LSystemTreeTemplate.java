package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.integer;
import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.LSystem;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;
import java.util.Map;

/**
 * Branching tree grown by the L-system {@code FX}, {@code X -> [&FX]/[&FX]/[&FX]} (three branches rolled 120
 * degrees apart at every fork, leaves at the tips). Parameters: {@code iterations} (forks; 3/4/5 by
 * complexity when not given), {@code angle} of the branches (30 degrees), {@code height} of the trunk segment (1 m).
 */
public final class LSystemTreeTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            integer("iterations", 4, 1, 6, "number of forks"),
            number("angle", 30, 5, 80, "branch angle in degrees"),
            number("height", 1, 0.05, 20, "length of the trunk segment"));

    @Override
    public String name() {
        return "lsystem_tree";
    }

    @Override
    public List<String> aliases() {
        return List.of("fractal tree", "branching tree", "l-system tree", "bare tree");
    }

    @Override
    public String summary() {
        return "L-system branching tree with leaves";
    }

    @Override
    public List<String> partNames() {
        return List.of("branch", "leaf");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.BARK;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        int iterations = p.has("iterations") ? p.integer("iterations") : 3 + c.detail();
        String program = LSystem.expand("FX", Map.of('X', "[&FX]/[&FX]/[&FX]"), iterations, 50_000);
        double length = p.number("height");
        // the X symbols left after the last rewrite are the branch tips, where leaves grow
        LSystem.Drawing drawing = LSystem.draw(program, length * 0.5, length * 0.06, p.number("angle"), 120, 0.72,
                6 + 2 * c.detail(), length * 0.12);
        ModelBuilder m = new ModelBuilder();
        m.add("branches", drawing.branches());
        if (!drawing.leaves().isEmpty()) {
            m.accent("leaves", drawing.leaves(), MaterialPresets.FOLIAGE);
        }
        return m.buildStanding();
    }
}
