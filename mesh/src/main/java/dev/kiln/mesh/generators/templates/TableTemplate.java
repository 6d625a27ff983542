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
 * Table: a top on legs. Parameters: {@code width} (x, 1.2 m), {@code depth} (z, 0.8 m), {@code height}
 * (0.75 m), {@code legs} (1 = pedestal, 4 = corners, otherwise spread on an ellipse), {@code thickness}
 * of the top. Higher complexity rounds the top's edges and the legs.
 */
public final class TableTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("width", 1.2, 0.1, 20, "size along x"),
            number("depth", 0.8, 0.1, 20, "size along z"),
            number("height", 0.75, 0.1, 5, "height of the top surface"),
            integer("legs", 4, 1, 12, "number of legs; 1 makes a pedestal"),
            number("thickness", 0.05, 0.01, 0.5, "thickness of the top"));

    @Override
    public String name() {
        return "table";
    }

    @Override
    public List<String> aliases() {
        return List.of("desk", "dining table", "coffee table");
    }

    @Override
    public String summary() {
        return "table with a top and legs";
    }

    @Override
    public List<String> partNames() {
        return List.of("top", "leg", "pedestal", "foot");
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
        double w = p.number("width"), d = p.number("depth"), h = p.number("height"), t = Math.min(p.number("thickness"), h / 2);
        int legs = p.integer("legs");
        ModelBuilder m = new ModelBuilder();
        if (c.detail() >= 1) {
            m.add("top", Solids.roundedBox(w, t, d, t * 0.3, c.detail() + 1, 0, h - t, 0));
        } else {
            m.add("top", Solids.box(w, t, d, 0, h - t, 0));
        }
        double legH = h - t;
        double r = Math.max(0.01, Math.min(w, d) * 0.035);
        if (legs == 1) {
            m.add("pedestal", Solids.cylinder(r * 2, legH, c.radialSegments(), 0, 0, 0));
            m.add("foot", Solids.cylinder(Math.min(w, d) * 0.3, t, c.radialSegments(), 0, 0, 0));
            return m.build();
        }
        double inset = r * 2;
        for (int i = 0; i < legs; i++) {
            double x, z;
            if (legs == 4) {
                x = (i % 2 == 0 ? -1 : 1) * (w / 2 - inset);
                z = (i < 2 ? -1 : 1) * (d / 2 - inset);
            } else {
                double a = 2 * Math.PI * i / legs;
                x = Math.cos(a) * (w / 2 - inset);
                z = Math.sin(a) * (d / 2 - inset);
            }
            if (c.detail() >= 1) {
                m.add("leg " + (i + 1), Solids.cylinder(r, legH, c.smallSegments(), x, 0, z));
            } else {
                m.add("leg " + (i + 1), Solids.box(r * 2, legH, r * 2, x, 0, z));
            }
        }
        return m.build();
    }
}
