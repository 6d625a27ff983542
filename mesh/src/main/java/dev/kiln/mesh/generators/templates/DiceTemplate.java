package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Six-sided die: a rounded cube (object material, white) with black pips; opposite faces add up to
 * seven (1 up, 2 at +x, 3 at +z). Parameter: {@code size} (0.1 m edge).
 */
public final class DiceTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(number("size", 0.1, 0.005, 10, "edge length"));

    /** Pip positions on a 3x3 grid (u, v in -1..1) for faces 1..6. */
    private static final int[][][] PIPS = {
        {{0, 0}},
        {{-1, -1}, {1, 1}},
        {{-1, -1}, {0, 0}, {1, 1}},
        {{-1, -1}, {1, -1}, {-1, 1}, {1, 1}},
        {{-1, -1}, {1, -1}, {0, 0}, {-1, 1}, {1, 1}},
        {{-1, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {1, 1}},
    };

    @Override
    public String name() {
        return "dice";
    }

    @Override
    public List<String> aliases() {
        return List.of("die", "d6");
    }

    @Override
    public String summary() {
        return "six-sided die with pips";
    }

    @Override
    public List<String> partNames() {
        return List.of("pip");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.WHITE;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double s = p.number("size"), half = s / 2;
        ModelBuilder m = new ModelBuilder();
        m.add("cube", Solids.roundedBox(s, s, s, s * 0.12, 1 + c.detail(), 0, 0, 0));
        double pipR = s * 0.09, spacing = s * 0.26, sink = pipR * 0.6;
        // face value -> outward axis (x, y, z) and the two in-face axes
        double[][] normals = {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}, {0, 0, -1}, {-1, 0, 0}, {0, -1, 0}};
        for (int face = 0; face < 6; face++) {
            double[] n = normals[face];
            double[] u = n[0] != 0 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
            double[] v = n[1] != 0 ? new double[] {0, 0, 1} : new double[] {0, 1, 0};
            int k = 0;
            for (int[] pip : PIPS[face]) {
                double d = half - sink;
                double x = n[0] * d + (u[0] * pip[0] + v[0] * pip[1]) * spacing;
                double y = half + n[1] * d + (u[1] * pip[0] + v[1] * pip[1]) * spacing;
                double z = n[2] * d + (u[2] * pip[0] + v[2] * pip[1]) * spacing;
                m.accent("pip " + (face + 1) + "." + (++k), Solids.sphere(pipR, c.smallSegments(), x, y, z), MaterialPresets.BLACK);
            }
        }
        return m.buildStanding(); // the die rests on the pips of its bottom face
    }
}
