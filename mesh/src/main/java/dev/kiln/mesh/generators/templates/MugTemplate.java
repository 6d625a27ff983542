package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.LatheGeometry;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Mug: a hollow cup (a closed lathe solid with walls and a floor) and a ring handle at +x.
 * Parameters: {@code height} (0.1 m), {@code radius} (0.04 m), {@code wall} thickness (0.005 m).
 */
public final class MugTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 0.1, 0.01, 5, "height"),
            number("radius", 0.04, 0.005, 3, "outer radius"),
            number("wall", 0.005, 0.0005, 0.5, "wall thickness"));

    @Override
    public String name() {
        return "mug";
    }

    @Override
    public List<String> aliases() {
        return List.of("cup", "coffee mug", "tea cup", "teacup");
    }

    @Override
    public String summary() {
        return "hollow mug with handle";
    }

    @Override
    public List<String> partNames() {
        return List.of("handle");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.CERAMIC;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), r = p.number("radius"), t = Math.min(p.number("wall"), r * 0.4);
        // outside bottom -> outer wall -> rim -> inner wall down -> inner floor: one closed profile
        double[] profile = {0, 0, r, 0, r, h, r - t, h, r - t, t, 0, t};
        ModelBuilder m = new ModelBuilder();
        m.add("cup", LatheGeometry.creased(profile, c.radialSegments()));
        double handleR = h * 0.28;
        m.add("handle", Solids.uprightTorus(handleR, Math.max(t, h * 0.05), c.smallSegments() + 4, r + handleR * 0.55, h * 0.5, 0));
        return m.build();
    }
}
