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
 * Bookshelf open toward +z: sides, top, bottom, back and {@code shelves} boards; books of varied
 * height and colour on every shelf from medium complexity (more at high). Parameters: {@code width}
 * (1 m), {@code height} (1.8 m), {@code depth} (0.3 m), {@code shelves} (4).
 */
public final class BookshelfTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("width", 1, 0.2, 20, "width along x"),
            number("height", 1.8, 0.2, 20, "height"),
            number("depth", 0.3, 0.1, 5, "depth along z"),
            integer("shelves", 4, 1, 30, "number of compartments stacked vertically"));

    private static final String[] BOOK_COLOURS = {"#8e2430", "#1f4e79", "#2e6b30", "#c28f2c", "#5b3a6e", "#333333", "#b5651d"};

    @Override
    public String name() {
        return "bookshelf";
    }

    @Override
    public List<String> aliases() {
        return List.of("bookcase", "shelf", "shelves", "book shelf");
    }

    @Override
    public String summary() {
        return "bookshelf with shelves and books";
    }

    @Override
    public List<String> partNames() {
        return List.of("book", "shelf", "side", "back", "top", "bottom");
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
        double w = p.number("width"), h = p.number("height"), d = p.number("depth");
        int shelves = p.integer("shelves");
        double t = Math.min(0.025, w * 0.05);
        ModelBuilder m = new ModelBuilder();
        m.add("left side", Solids.box(t, h, d, -w / 2 + t / 2, 0, 0));
        m.add("right side", Solids.box(t, h, d, w / 2 - t / 2, 0, 0));
        // the back reaches slightly into the boards so no edge of one lies exactly on an edge of another
        m.add("back", Solids.box(w - 2 * t, h - 2 * t, t * 0.55, 0, t, -d / 2 + t * 0.275));
        double inner = w - 2 * t, gap = (h - t) / shelves;
        for (int i = 0; i <= shelves; i++) {
            m.add(i == 0 ? "bottom" : i == shelves ? "top" : "shelf " + i, Solids.box(inner, t, d - t / 2, 0, i * gap - (i == shelves ? 0 : 0), t / 4));
        }
        if (c.detail() >= 1) {
            int book = 0;
            for (int s = 0; s < shelves; s++) {
                double x = -inner / 2 + 0.005;
                int count = c.detail() == 1 ? 5 : 10;
                for (int b = 0; b < count && x < inner / 2 - 0.04; b++) {
                    int seed = book * 7 + 3;
                    double bw = Math.min(0.025 + (seed % 5) * 0.006, inner / 2 - x - 0.005);
                    double bh = Math.min(gap - t, 0.2) * (0.75 + (seed % 4) * 0.07);
                    m.accent("book " + (++book), Solids.box(bw, bh, d * 0.7, x + bw / 2, s * gap + t, t / 4),
                            new MaterialSpec(BOOK_COLOURS[book % BOOK_COLOURS.length], 0.0, 0.7, 1.0));
                    x += bw + 0.003;
                }
            }
        }
        return m.build();
    }
}
