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
 * Hollow vase: a lathe whose outer wall follows a bulbous sine profile and whose inner wall follows
 * it at {@code wall} thickness, closed at the rim, so it is a watertight solid with an opening.
 * Parameters: {@code height} (0.35 m), {@code radius} (0.1 m at the belly), {@code wall} (0.006 m).
 */
public final class VaseTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 0.35, 0.02, 10, "height"),
            number("radius", 0.1, 0.01, 5, "radius at the widest point"),
            number("wall", 0.006, 0.001, 0.5, "wall thickness"));

    @Override
    public String name() {
        return "vase";
    }

    @Override
    public List<String> aliases() {
        return List.of("urn", "pot", "amphora");
    }

    @Override
    public String summary() {
        return "hollow vase turned on a lathe";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#3d6fb6", 0.0, 0.2, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), r = p.number("radius"), t = Math.min(p.number("wall"), r * 0.3);
        int steps = 8 + 8 * c.detail();
        double[] pts = new double[(2 * steps + 8) * 2];
        int k = 0;
        pts[k++] = 0;
        pts[k++] = 0;
        pts[k++] = r * 0.5;
        pts[k++] = 0;
        pts[k++] = r * 0.5;
        pts[k++] = 0; // crease at the foot
        for (int i = 1; i <= steps; i++) {
            double y = h * i / steps;
            pts[k++] = outer(r, y / h);
            pts[k++] = y;
        }
        pts[k++] = outer(r, 1);
        pts[k++] = h; // crease at the rim
        for (int i = steps; i >= 1; i--) {
            double y = t + (h - t) * i / steps;
            pts[k++] = outer(r, y / h) - t;
            pts[k++] = y;
        }
        pts[k++] = outer(r, t / h) - t;
        pts[k++] = t; // crease at the inner floor
        pts[k++] = 0;
        pts[k++] = t;
        ModelBuilder m = new ModelBuilder();
        m.add("vase", LatheGeometry.smooth(java.util.Arrays.copyOf(pts, k), null, c.radialSegments()));
        return m.build();
    }

    /** Outer radius at relative height s: a foot, a round belly and a flared neck. */
    private static double outer(double r, double s) {
        return r * (0.55 + 0.45 * Math.sin(Math.PI * Math.min(1, s * 1.25)) + (s > 0.8 ? (s - 0.8) * 1.2 : 0));
    }
}
