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
 * House: walls (object material), a gable roof (red tiles), a door and, from medium complexity,
 * windows on each floor; high complexity adds a chimney. Parameters: {@code width} (x, 4 m),
 * {@code depth} (z, 3 m), {@code floors} (1), {@code floorHeight} (2.5 m), {@code roofHeight} (1.6 m).
 * The front (door) faces +z.
 */
public final class HouseTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("width", 4, 1, 100, "size along x"),
            number("depth", 3, 1, 100, "size along z"),
            integer("floors", 1, 1, 10, "number of storeys"),
            number("floorHeight", 2.5, 1, 10, "height of one storey"),
            number("roofHeight", 1.6, 0.2, 20, "height of the roof ridge above the walls"));

    @Override
    public String name() {
        return "house";
    }

    @Override
    public List<String> aliases() {
        return List.of("home", "cottage", "cabin", "hut", "building");
    }

    @Override
    public String summary() {
        return "house with gable roof, door and windows";
    }

    @Override
    public List<String> partNames() {
        return List.of("wall", "roof", "door", "window", "chimney");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#e9dcc0", 0.0, 0.85, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double w = p.number("width"), d = p.number("depth"), fh = p.number("floorHeight"), rh = p.number("roofHeight");
        int floors = p.integer("floors");
        double wallH = floors * fh;
        ModelBuilder m = new ModelBuilder();
        m.add("walls", Solids.box(w, wallH, d, 0, 0, 0));
        double overhang = Math.min(w, d) * 0.08;
        double[] gable = {-d / 2 - overhang, 0, d / 2 + overhang, 0, 0, rh};
        m.accent("roof", Solids.slab(gable, w + 2 * overhang, Solids.at(0, wallH, 0, 0, 90, 0)), MaterialPresets.ROOF_RED);
        double doorW = Math.min(1.0, w * 0.25), doorH = Math.min(2.1, fh * 0.8);
        m.accent("door", Solids.box(doorW, doorH, 0.06, 0, 0, d / 2), MaterialPresets.DARK_WOOD);
        if (c.detail() >= 1) {
            double winW = Math.min(1.0, w * 0.18), winH = fh * 0.35;
            for (int f = 0; f < floors; f++) {
                double y = f * fh + fh * 0.4;
                for (int side = -1; side <= 1; side += 2) {
                    m.accent("window " + (f + 1) + (side < 0 ? "L" : "R"), Solids.box(winW, winH, 0.06, side * w * 0.3, y, d / 2),
                            MaterialPresets.WINDOW);
                }
                m.accent("back window " + (f + 1), Solids.box(winW, winH, 0.06, 0, y, -d / 2), MaterialPresets.WINDOW);
            }
        }
        if (c.detail() >= 2) {
            double cw = Math.min(w, d) * 0.12;
            m.accent("chimney", Solids.box(cw, rh * 0.9, cw, w * 0.25, wallH + rh * 0.3, -d * 0.2), MaterialPresets.BRICK);
        }
        return m.build();
    }
}
