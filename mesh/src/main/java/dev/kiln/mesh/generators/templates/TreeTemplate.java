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
 * Broadleaf tree: a bark trunk and a canopy of overlapping spheres (object material, green by
 * default) — one sphere at low complexity, a cluster of 4 or 7 at medium/high. Parameters:
 * {@code height} (overall, 4 m), {@code canopyRadius} (1.3 m), {@code trunkRadius} (0.15 m).
 */
public final class TreeTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 4, 0.3, 100, "overall height"),
            number("canopyRadius", 1.3, 0.1, 50, "radius of the leafy crown"),
            number("trunkRadius", 0.15, 0.01, 5, "radius of the trunk"));

    @Override
    public String name() {
        return "tree";
    }

    @Override
    public List<String> aliases() {
        return List.of("oak", "oak tree", "bush", "shrub");
    }

    @Override
    public String summary() {
        return "tree with trunk and round canopy";
    }

    @Override
    public List<String> partNames() {
        return List.of("trunk", "canopy");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.FOLIAGE;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), r = Math.min(p.number("canopyRadius"), h * 0.45), tr = Math.min(p.number("trunkRadius"), r * 0.5);
        double centre = h - r;
        ModelBuilder m = new ModelBuilder();
        m.accent("trunk", Solids.frustum(tr, tr * 0.7, centre, c.smallSegments(), 0, 0, 0), MaterialPresets.BARK);
        m.add("canopy", Solids.sphere(r, c.radialSegments(), 0, centre, 0));
        int extra = c.detail() == 0 ? 0 : c.detail() == 1 ? 3 : 6;
        for (int i = 0; i < extra; i++) {
            double a = 2 * Math.PI * i / extra;
            double sr = r * 0.6;
            m.add("canopy " + (i + 2), Solids.sphere(sr, c.smallSegments() + 4, Math.cos(a) * r * 0.6, centre - r * 0.25, Math.sin(a) * r * 0.6));
        }
        return m.build();
    }
}
