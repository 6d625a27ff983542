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
 * Boxy robot facing +z: legs, torso, arms, head with glowing eyes and an antenna; rounded parts and
 * hands from medium complexity. Parameter: {@code height} (1.8 m).
 */
public final class RobotTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(number("height", 1.8, 0.1, 50, "overall height including antenna"));

    @Override
    public String name() {
        return "robot";
    }

    @Override
    public List<String> aliases() {
        return List.of("android", "droid", "bot", "mech");
    }

    @Override
    public String summary() {
        return "boxy robot with antenna";
    }

    @Override
    public List<String> partNames() {
        return List.of("head", "neck", "torso", "arm", "hand", "leg", "antenna", "eye");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.METAL;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double u = p.number("height") / 18; // the design is 18 units tall
        ModelBuilder m = new ModelBuilder();
        boolean round = c.detail() >= 1;
        for (int side = -1; side <= 1; side += 2) {
            String s = side < 0 ? "left" : "right";
            m.add(s + " leg", Solids.box(1.6 * u, 6 * u, 1.8 * u, side * 1.4 * u, 0, 0));
            m.add(s + " arm", round ? Solids.cylinder(0.6 * u, 5 * u, c.smallSegments(), side * 3.8 * u, 7 * u, 0)
                    : Solids.box(1.2 * u, 5 * u, 1.2 * u, side * 3.8 * u, 7 * u, 0));
            if (round) {
                m.add(s + " hand", Solids.sphere(0.8 * u, c.smallSegments(), side * 3.8 * u, 6.8 * u, 0));
            }
            m.accent(s + " eye", Solids.sphere(0.45 * u, c.smallSegments(), side * 0.9 * u, 14.3 * u, 1.6 * u), MaterialPresets.LIGHT);
        }
        m.add("torso", round ? Solids.roundedBox(6 * u, 6.5 * u, 3.4 * u, 0.5 * u, c.detail(), 0, 6 * u, 0)
                : Solids.box(6 * u, 6.5 * u, 3.4 * u, 0, 6 * u, 0));
        m.add("neck", Solids.cylinder(0.6 * u, 0.8 * u, c.smallSegments(), 0, 12.4 * u, 0));
        m.add("head", round ? Solids.roundedBox(4 * u, 3.2 * u, 3.4 * u, 0.5 * u, c.detail(), 0, 13 * u, 0)
                : Solids.box(4 * u, 3.2 * u, 3.4 * u, 0, 13 * u, 0));
        m.add("antenna", Solids.cylinder(0.12 * u, 1.4 * u, 8, 0, 16.1 * u, 0));
        m.accent("antenna tip", Solids.sphere(0.3 * u, c.smallSegments(), 0, 17.7 * u, 0), MaterialPresets.RED);
        return m.build();
    }
}
