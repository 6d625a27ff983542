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
 * Castle: four corner towers, curtain walls, a central keep and a gate facing +z; wall battlements
 * from medium complexity, roofed towers at high. Parameters: {@code width} (x, 20 m), {@code depth}
 * (z, 20 m), {@code wallHeight} (6 m).
 */
public final class CastleTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("width", 20, 2, 500, "size along x"),
            number("depth", 20, 2, 500, "size along z"),
            number("wallHeight", 6, 0.5, 100, "height of the curtain walls"));

    @Override
    public String name() {
        return "castle";
    }

    @Override
    public List<String> aliases() {
        return List.of("fortress", "fort", "palace");
    }

    @Override
    public String summary() {
        return "castle with towers, walls, keep and gate";
    }

    @Override
    public List<String> partNames() {
        return List.of("wall", "keep", "gatehouse", "gate", "merlon");
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
        double w = p.number("width"), d = p.number("depth"), wh = p.number("wallHeight");
        double tr = Math.min(w, d) * 0.1, th = wh * 1.4, wall = Math.max(0.2, tr * 0.5);
        ModelBuilder m = new ModelBuilder();
        for (int i = 0; i < 4; i++) {
            double x = (i % 2 == 0 ? -1 : 1) * w / 2, z = (i < 2 ? -1 : 1) * d / 2;
            // towers stand on the corners, so the castle reaches tr beyond width/depth
            TowerTemplate.addTower(m, "tower " + (i + 1) + " ", th, tr, c.detail() >= 2, x, z, c);
        }
        m.add("wall north", Solids.box(w, wh, wall, 0, 0, -d / 2));
        m.add("wall east", Solids.box(wall, wh, d, w / 2, 0, 0));
        m.add("wall west", Solids.box(wall, wh, d, -w / 2, 0, 0));
        double gateW = Math.min(w * 0.2, 4);
        double side = (w - gateW) / 2;
        m.add("wall south left", Solids.box(side, wh, wall, -w / 2 + side / 2, 0, d / 2));
        m.add("wall south right", Solids.box(side, wh, wall, w / 2 - side / 2, 0, d / 2));
        // a hair wider and deeper than the gap, so it overlaps the walls instead of sharing edges with them
        m.add("gatehouse", Solids.box(gateW + wall * 0.1, wh * 0.35, wall * 1.05, 0, wh * 0.65, d / 2));
        m.accent("gate", Solids.box(gateW * 0.9, wh * 0.65, wall * 0.3, 0, 0, d / 2), MaterialPresets.DARK_WOOD);
        m.add("keep", Solids.box(w * 0.35, wh * 1.8, d * 0.35, 0, 0, -d * 0.05));
        if (c.detail() >= 1) {
            int n = c.detail() == 1 ? 6 : 10;
            double s = wall * 1.2;
            for (int i = 0; i < n; i++) {
                double t = -w / 2 + tr + (w - 2 * tr) * (i + 0.5) / n;
                m.add("merlon north " + (i + 1), Solids.box(s, s, wall, t, wh, -d / 2));
                double u = -d / 2 + tr + (d - 2 * tr) * (i + 0.5) / n;
                m.add("merlon east " + (i + 1), Solids.box(wall, s, s, w / 2, wh, u));
                m.add("merlon west " + (i + 1), Solids.box(wall, s, s, -w / 2, wh, u));
            }
        }
        return m.build();
    }
}
