package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.integer;
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
 * Rocket standing on its fins: nozzle, cylindrical body (object material), nose cone and fins (red);
 * a porthole from medium complexity. Parameters: {@code height} (3 m), {@code radius} (0.3 m),
 * {@code fins} (4).
 */
public final class RocketTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 3, 0.2, 200, "overall height"),
            number("radius", 0.3, 0.02, 20, "body radius"),
            integer("fins", 4, 2, 8, "number of fins"));

    @Override
    public String name() {
        return "rocket";
    }

    @Override
    public List<String> aliases() {
        return List.of("spaceship", "missile", "space ship", "rocket ship");
    }

    @Override
    public String summary() {
        return "rocket with nose cone and fins";
    }

    @Override
    public List<String> partNames() {
        return List.of("body", "nose", "fin", "nozzle", "porthole");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#eeeeee", 0.3, 0.4, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), r = Math.min(p.number("radius"), h * 0.2);
        int fins = p.integer("fins");
        double nozzleH = h * 0.08, bodyH = h * 0.67, noseH = h - nozzleH - bodyH;
        ModelBuilder m = new ModelBuilder();
        m.accent("nozzle", Solids.frustum(r * 0.7, r * 0.5, nozzleH, c.smallSegments(), 0, 0, 0), MaterialPresets.IRON);
        m.add("body", Solids.cylinder(r, bodyH, c.radialSegments(), 0, nozzleH, 0));
        m.accent("nose", Solids.cone(r, noseH, c.radialSegments(), 0, nozzleH + bodyH, 0), MaterialPresets.RED);
        double[] fin = {r * 0.8, 0, r * 2.0, 0, r * 2.0, h * 0.08, r * 0.8, h * 0.3};
        for (int i = 0; i < fins; i++) {
            m.accent("fin " + (i + 1), Solids.slab(fin, r * 0.12, Solids.at(0, 0, 0, 0, 360.0 * i / fins, 0)), MaterialPresets.RED);
        }
        if (c.detail() >= 1) {
            m.accent("porthole", Solids.cylinderAlongZ(r * 0.3, r * 0.2, c.smallSegments(), 0, nozzleH + bodyH * 0.7, r * 0.95),
                    MaterialPresets.WINDOW);
        }
        return m.build();
    }
}
