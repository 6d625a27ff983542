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
 * Conifer: a trunk under stacked cones. Parameters: {@code height} (5 m), {@code radius} of the lowest
 * tier (1.4 m), {@code layers} of cones (3; +1 per complexity step when not given).
 */
public final class PineTreeTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 5, 0.3, 100, "overall height"),
            number("radius", 1.4, 0.1, 50, "radius of the lowest tier"),
            integer("layers", 3, 1, 12, "number of stacked cones"));

    @Override
    public String name() {
        return "pine_tree";
    }

    @Override
    public List<String> aliases() {
        return List.of("pine", "fir", "fir tree", "spruce", "conifer", "christmas tree", "pine tree");
    }

    @Override
    public String summary() {
        return "conifer with stacked cones";
    }

    @Override
    public List<String> partNames() {
        return List.of("trunk", "tier");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#1f6b35", 0.0, 0.85, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), r = p.number("radius");
        int layers = p.has("layers") ? p.integer("layers") : 3 + c.detail();
        double trunkH = h * 0.2;
        ModelBuilder m = new ModelBuilder();
        m.accent("trunk", Solids.cylinder(r * 0.12, trunkH + h * 0.05, c.smallSegments(), 0, 0, 0), MaterialPresets.BARK);
        double tierH = (h - trunkH) / (layers * 0.6 + 0.4);
        for (int i = 0; i < layers; i++) {
            double y = trunkH + i * tierH * 0.6;
            double tr = r * (1 - 0.6 * i / Math.max(1, layers));
            m.add("tier " + (i + 1), Solids.cone(tr, Math.min(tierH, h - y), c.radialSegments(), 0, y, 0));
        }
        return m.build();
    }
}
