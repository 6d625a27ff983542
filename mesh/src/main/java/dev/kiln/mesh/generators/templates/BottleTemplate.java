package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.LatheGeometry;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Bottle: a lathe with a sharp base, curved shoulders and a neck, plus a cap. The shoulder curve gets
 * more profile points with complexity. Parameters: {@code height} (0.3 m), {@code radius} (0.04 m).
 */
public final class BottleTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 0.3, 0.02, 10, "height including cap"),
            number("radius", 0.04, 0.005, 3, "body radius"));

    @Override
    public String name() {
        return "bottle";
    }

    @Override
    public List<String> aliases() {
        return List.of("wine bottle", "flask", "jar");
    }

    @Override
    public String summary() {
        return "bottle with shoulders, neck and cap";
    }

    @Override
    public List<String> partNames() {
        return List.of("cap");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#2e7d32", 0.0, 0.08, 0.6);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), r = p.number("radius");
        double neck = r * 0.35, body = h * 0.55, shoulderTop = h * 0.75, top = h * 0.93;
        int steps = 3 + 3 * c.detail();
        double[] profile = new double[(6 + steps + 3) * 2];
        int k = 0;
        double[][] points = new double[6 + steps + 3][];
        points[k++] = new double[] {0, 0};
        points[k++] = new double[] {r, 0};
        points[k++] = new double[] {r, 0}; // crease at the base edge
        points[k++] = new double[] {r, body};
        for (int i = 1; i <= steps; i++) {
            double t = (double) i / steps;
            double a = t * Math.PI / 2;
            points[k++] = new double[] {neck + (r - neck) * Math.cos(a), body + (shoulderTop - body) * Math.sin(a)};
        }
        points[k++] = new double[] {neck, top};
        points[k++] = new double[] {neck, top}; // crease at the lip
        points[k++] = new double[] {neck * 0.8, top};
        points[k++] = new double[] {neck * 0.8, top}; // crease before the flat top
        points[k++] = new double[] {0, top};
        for (int i = 0; i < k; i++) {
            profile[i * 2] = points[i][0];
            profile[i * 2 + 1] = points[i][1];
        }
        double[] trimmed = java.util.Arrays.copyOf(profile, k * 2);
        ModelBuilder m = new ModelBuilder();
        m.add("bottle", LatheGeometry.smooth(trimmed, null, c.radialSegments()));
        m.accent("cap", Solids.cylinder(neck * 1.15, h - top + h * 0.03, c.smallSegments(), 0, top - h * 0.03, 0),
                new MaterialSpec("#c9a227", 0.9, 0.35, 1.0));
        return m.build();
    }
}
