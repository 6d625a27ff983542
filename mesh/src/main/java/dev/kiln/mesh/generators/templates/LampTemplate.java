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
 * Standing lamp: round base and pole (object material), fabric shade, a bulb under the shade from
 * medium complexity. Parameters: {@code height} (1.5 m), {@code shadeRadius} (0.22 m).
 */
public final class LampTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 1.5, 0.1, 10, "overall height"),
            number("shadeRadius", 0.22, 0.02, 3, "radius at the bottom of the shade"));

    @Override
    public String name() {
        return "lamp";
    }

    @Override
    public List<String> aliases() {
        return List.of("floor lamp", "desk lamp", "lantern", "light");
    }

    @Override
    public String summary() {
        return "lamp with base, pole and shade";
    }

    @Override
    public List<String> partNames() {
        return List.of("base", "pole", "shade", "bulb");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#3a3a3a", 0.8, 0.4, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), sr = Math.min(p.number("shadeRadius"), h * 0.4);
        double shadeH = sr * 1.1, baseH = h * 0.03;
        ModelBuilder m = new ModelBuilder();
        m.add("base", Solids.cylinder(sr * 0.8, baseH, c.radialSegments(), 0, 0, 0));
        m.add("pole", Solids.cylinder(Math.max(0.005, sr * 0.06), h - shadeH * 0.5, c.smallSegments(), 0, baseH * 0.5, 0));
        m.accent("shade", Solids.frustum(sr, sr * 0.6, shadeH, c.radialSegments(), 0, h - shadeH, 0),
                new MaterialSpec("#f3e7c9", 0.0, 0.9, 1.0));
        if (c.detail() >= 1) {
            m.accent("bulb", Solids.sphere(sr * 0.25, c.smallSegments(), 0, h - shadeH * 1.05, 0), MaterialPresets.LIGHT);
        }
        return m.build();
    }
}
