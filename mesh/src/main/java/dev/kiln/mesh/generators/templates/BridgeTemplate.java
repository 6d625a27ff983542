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
 * Beam bridge along x: a deck on round piers, with railings from medium complexity (posts and a
 * top rail on both sides). Parameters: {@code length} (10 m), {@code width} (3 m), {@code height}
 * of the deck (3 m).
 */
public final class BridgeTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("length", 10, 1, 1000, "span along x"),
            number("width", 3, 0.3, 100, "deck width along z"),
            number("height", 3, 0.2, 200, "height of the deck surface"));

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public List<String> aliases() {
        return List.of("footbridge", "viaduct");
    }

    @Override
    public String summary() {
        return "beam bridge with piers and railings";
    }

    @Override
    public List<String> partNames() {
        return List.of("deck", "pier", "post", "rail");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.STONE;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double l = p.number("length"), w = p.number("width"), h = p.number("height");
        double deckT = Math.min(h * 0.3, Math.max(0.1, w * 0.1));
        ModelBuilder m = new ModelBuilder();
        m.add("deck", Solids.box(l, deckT, w, 0, h - deckT, 0));
        int piers = Math.max(2, (int) Math.round(l / (w * 2.5)) + 1);
        double pr = Math.min(w * 0.2, l / (piers * 4));
        for (int i = 0; i < piers; i++) {
            double x = -l / 2 + pr + (l - 2 * pr) * i / (piers - 1);
            m.add("pier " + (i + 1), Solids.cylinder(pr, h - deckT, c.radialSegments(), x, 0, 0));
        }
        if (c.detail() >= 1) {
            double railH = Math.min(1.1, w * 0.35), post = Math.max(0.04, w * 0.03);
            int posts = Math.max(2, (int) (l / 1.5) + 1);
            for (int side = -1; side <= 1; side += 2) {
                String s = side < 0 ? "left" : "right";
                double z = side * (w / 2 - post / 2);
                m.add(s + " rail", Solids.box(l, post, post * 1.5, 0, h + railH - post, z));
                for (int i = 0; i < posts; i++) {
                    double x = -l / 2 + post / 2 + (l - post) * i / (posts - 1);
                    m.add(s + " post " + (i + 1), Solids.box(post, railH - post, post, x, h, z));
                }
            }
        }
        return m.build();
    }
}
