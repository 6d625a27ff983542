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
 * Trophy cup: a dark plinth, a lathe-turned stem and bowl (object material, gold) and two ring
 * handles. The bowl curve gets more points with complexity. Parameter: {@code height} (0.4 m).
 */
public final class TrophyTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(number("height", 0.4, 0.02, 20, "overall height"));

    @Override
    public String name() {
        return "trophy";
    }

    @Override
    public List<String> aliases() {
        return List.of("cup trophy", "award", "chalice", "goblet");
    }

    @Override
    public String summary() {
        return "trophy cup on a plinth with handles";
    }

    @Override
    public List<String> partNames() {
        return List.of("cup", "handle", "plinth");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.GOLD;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), u = h / 10;
        ModelBuilder m = new ModelBuilder();
        m.accent("plinth", Solids.box(3.2 * u, 1 * u, 3.2 * u, 0, 0, 0), MaterialPresets.DARK_WOOD);
        int steps = 4 + 4 * c.detail();
        double bowlBase = 5 * u, bowlTop = 10 * u, bowlR = 2.2 * u;
        double[] pts = new double[(10 + steps) * 2];
        int k = 0;
        double[][] fixed = {{0, u}, {1.3 * u, u}, {1.3 * u, u}, {1.1 * u, 1.4 * u}, {0.35 * u, 2.2 * u}, {0.3 * u, 4 * u}, {0.6 * u, bowlBase}};
        for (double[] f : fixed) {
            pts[k++] = f[0];
            pts[k++] = f[1];
        }
        for (int i = 1; i <= steps; i++) {
            double a = Math.PI / 2 * i / steps; // quarter ellipse from the stem out to the rim
            pts[k++] = 0.6 * u + (bowlR - 0.6 * u) * Math.sin(a);
            pts[k++] = bowlBase + (bowlTop - bowlBase) * (1 - Math.cos(a));
        }
        pts[k++] = bowlR;
        pts[k++] = bowlTop; // crease at the rim
        pts[k++] = 0;
        pts[k++] = bowlTop;
        m.add("cup", LatheGeometry.smooth(java.util.Arrays.copyOf(pts, k), null, c.radialSegments()));
        for (int side = -1; side <= 1; side += 2) {
            m.add(side < 0 ? "left handle" : "right handle",
                    Solids.uprightTorus(1.1 * u, 0.18 * u, c.smallSegments() + 4, side * (bowlR + 0.3 * u), 7.6 * u, 0));
        }
        return m.build();
    }
}
