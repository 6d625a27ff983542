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
 * Straight staircase climbing toward +x: one solid stepped block, with a handrail on posts
 * from medium complexity. Parameters: {@code steps} (8), {@code width} (1 m), {@code stepHeight}
 * (0.18 m), {@code stepDepth} (0.28 m).
 */
public final class StaircaseTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            integer("steps", 8, 1, 200, "number of steps"),
            number("width", 1, 0.2, 20, "width along z"),
            number("stepHeight", 0.18, 0.02, 2, "rise per step"),
            number("stepDepth", 0.28, 0.05, 3, "run per step"));

    @Override
    public String name() {
        return "staircase";
    }

    @Override
    public List<String> aliases() {
        return List.of("stairs", "stair", "steps", "stairway");
    }

    @Override
    public String summary() {
        return "straight staircase with optional handrail";
    }

    @Override
    public List<String> partNames() {
        return List.of("step", "handrail", "post");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.CONCRETE;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        int n = p.integer("steps");
        double w = p.number("width"), sh = p.number("stepHeight"), sd = p.number("stepDepth");
        double run = n * sd;
        ModelBuilder m = new ModelBuilder();
        // one stepped outline extruded across the width: a single watertight solid, no touching boxes
        double x0 = -run / 2;
        double[] outline = new double[(2 * n + 2) * 2];
        int k = 0;
        outline[k++] = x0;
        outline[k++] = 0;
        outline[k++] = x0 + run;
        outline[k++] = 0;
        for (int i = n - 1; i >= 0; i--) {
            outline[k++] = x0 + sd * (i + 1);
            outline[k++] = (i + 1) * sh;
            outline[k++] = x0 + sd * i;
            outline[k++] = (i + 1) * sh;
        }
        m.add("steps", Solids.slab(outline, w, Solids.at(0, 0, 0)));
        if (c.detail() >= 1) {
            double railH = 0.9, post = 0.04, z = w / 2 - post;
            for (int i = 0; i < n; i += Math.max(1, n / 4)) {
                double x = -run / 2 + sd * (i + 0.5);
                m.accent("rail post " + (i + 1), Solids.box(post, railH, post, x, (i + 1) * sh, z), MaterialPresets.METAL);
            }
            double xa = -run / 2 + sd * 0.5, y0 = sh + railH, x1 = run / 2 - sd * 0.5, y1 = n * sh + railH;
            double len = Math.hypot(x1 - xa, y1 - y0), angle = Math.toDegrees(Math.atan2(y1 - y0, x1 - xa));
            m.accent("handrail", Solids.place(dev.kiln.mesh.geometry.CylinderGeometry.create(post * 0.8, post * 0.8, len + post, 12),
                    Solids.at((xa + x1) / 2, (y0 + y1) / 2, z, 0, 0, angle - 90).multiply(dev.kiln.mesh.geometry.Matrix4.translation(0, -(len + post) / 2, 0))),
                    MaterialPresets.METAL);
        }
        return m.build();
    }
}
