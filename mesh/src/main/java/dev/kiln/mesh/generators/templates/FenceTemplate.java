package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.integer;
import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.PyramidGeometry;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Picket fence along x: posts with pointed caps (from medium complexity) joined by two rails.
 * Parameters: {@code length} (4 m), {@code height} (1 m), {@code posts} (6).
 */
public final class FenceTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("length", 4, 0.2, 500, "length along x"),
            number("height", 1, 0.1, 10, "post height"),
            integer("posts", 6, 2, 200, "number of posts"));

    @Override
    public String name() {
        return "fence";
    }

    @Override
    public List<String> aliases() {
        return List.of("picket fence", "railing", "palisade");
    }

    @Override
    public String summary() {
        return "picket fence with posts and rails";
    }

    @Override
    public List<String> partNames() {
        return List.of("post", "rail", "cap");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.WOOD;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double l = p.number("length"), h = p.number("height");
        int posts = p.integer("posts");
        double pw = Math.min(h * 0.1, l / posts * 0.5), capH = c.detail() >= 1 ? pw : 0;
        ModelBuilder m = new ModelBuilder();
        for (int i = 0; i < posts; i++) {
            double x = -l / 2 + pw / 2 + (l - pw) * i / (posts - 1);
            m.add("post " + (i + 1), Solids.box(pw, h - capH, pw * 0.6, x, 0, 0));
            if (capH > 0) {
                m.add("cap " + (i + 1), Solids.place(PyramidGeometry.create(pw, capH, 4), Solids.at(x, h - capH, 0)));
            }
        }
        for (int r = 0; r < 2; r++) {
            m.add("rail " + (r + 1), Solids.box(l, pw * 0.8, pw * 0.4, 0, h * (0.25 + 0.45 * r), -pw * 0.5));
        }
        return m.build();
    }
}
