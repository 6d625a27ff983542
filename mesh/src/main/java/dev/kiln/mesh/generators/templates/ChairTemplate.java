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
 * Chair: seat on four legs with a backrest at -z. Parameters: {@code width} (0.45 m), {@code depth}
 * (0.45 m), {@code seatHeight} (0.45 m), {@code backHeight} above the seat (0.45 m), {@code slats} in the
 * backrest (0 = solid panel). Medium and high complexity use slats by default.
 */
public final class ChairTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("width", 0.45, 0.2, 5, "seat width along x"),
            number("depth", 0.45, 0.2, 5, "seat depth along z"),
            number("seatHeight", 0.45, 0.1, 3, "height of the seat"),
            number("backHeight", 0.45, 0.05, 3, "backrest height above the seat"),
            integer("slats", 0, 0, 12, "vertical slats in the backrest; 0 = panel (or 3 at medium/high complexity)"));

    @Override
    public String name() {
        return "chair";
    }

    @Override
    public List<String> aliases() {
        return List.of("seat", "stool");
    }

    @Override
    public String summary() {
        return "chair with four legs and a backrest";
    }

    @Override
    public List<String> partNames() {
        return List.of("seat", "leg", "back", "slat", "rail");
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
        double w = p.number("width"), d = p.number("depth"), sh = p.number("seatHeight"), bh = p.number("backHeight");
        double t = 0.04, leg = 0.04;
        ModelBuilder m = new ModelBuilder();
        m.add("seat", c.detail() >= 1 ? Solids.roundedBox(w, t, d, 0.012, 1, 0, sh - t, 0) : Solids.box(w, t, d, 0, sh - t, 0));
        for (int i = 0; i < 4; i++) {
            double x = (i % 2 == 0 ? -1 : 1) * (w / 2 - leg / 2), z = (i < 2 ? -1 : 1) * (d / 2 - leg / 2);
            m.add("leg " + (i + 1), Solids.box(leg, sh - t, leg, x, 0, z));
        }
        double zBack = -d / 2 + leg / 2;
        for (int side = -1; side <= 1; side += 2) {
            m.add(side < 0 ? "back post left" : "back post right", Solids.box(leg, bh, leg, side * (w / 2 - leg / 2), sh, zBack));
        }
        int slats = p.has("slats") ? p.integer("slats") : (c.detail() >= 1 ? 3 : 0);
        double inner = w - 2 * leg;
        m.add("top rail", Solids.box(inner, bh * 0.25, leg * 0.6, 0, sh + bh * 0.75, zBack));
        if (slats == 0) {
            m.add("back panel", Solids.box(inner, bh * 0.6, leg * 0.5, 0, sh + bh * 0.15, zBack));
        } else {
            double slatW = inner / (2 * slats + 1);
            for (int i = 0; i < slats; i++) {
                double x = -inner / 2 + slatW * (2 * i + 1.5);
                m.add("slat " + (i + 1), Solids.box(slatW, bh * 0.75, leg * 0.4, x, sh, zBack));
            }
        }
        return m.build();
    }
}
