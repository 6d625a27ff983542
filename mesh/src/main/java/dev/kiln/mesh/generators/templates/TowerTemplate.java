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
 * Round stone tower with battlements; {@code roof} 1 adds a pointed roof instead. Window slits from
 * medium complexity. Parameters: {@code height} (8 m), {@code radius} (1.5 m), {@code roof} (0 or 1).
 */
public final class TowerTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 8, 0.5, 300, "height of the wall"),
            number("radius", 1.5, 0.1, 50, "radius"),
            integer("roof", 0, 0, 1, "1 = conical roof, 0 = battlements"));

    @Override
    public String name() {
        return "tower";
    }

    @Override
    public List<String> aliases() {
        return List.of("turret", "lighthouse", "watchtower");
    }

    @Override
    public String summary() {
        return "round tower with battlements or a pointed roof";
    }

    @Override
    public List<String> partNames() {
        return List.of("roof", "window", "merlon", "parapet");
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
        ModelBuilder m = new ModelBuilder();
        addTower(m, "", p.number("height"), p.number("radius"), p.integer("roof") == 1, 0, 0, c);
        return m.build();
    }

    /** Adds one tower's parts standing at (x, 0, z); shared with the castle. */
    static void addTower(ModelBuilder m, String prefix, double h, double r, boolean roof, double x, double z, Complexity c) {
        m.add(prefix + "tower", Solids.cylinder(r, h, c.radialSegments(), x, 0, z));
        if (roof) {
            m.accent(prefix + "roof", Solids.cone(r * 1.2, r * 2, c.radialSegments(), x, h, z), MaterialPresets.ROOF_RED);
        } else {
            int merlons = c.detail() == 0 ? 6 : c.detail() == 1 ? 8 : 12;
            double size = 2 * Math.PI * r / (merlons * 2);
            m.add(prefix + "parapet", Solids.cylinder(r * 1.1, r * 0.15, c.radialSegments(), x, h, z));
            for (int i = 0; i < merlons; i++) {
                double a = 2 * Math.PI * i / merlons;
                m.add(prefix + "merlon " + (i + 1), Solids.place(dev.kiln.mesh.geometry.BoxGeometry.create(size, size, size * 0.8),
                        Solids.at(x + Math.cos(a) * r * 0.95, h + r * 0.15, z + Math.sin(a) * r * 0.95, 0, -Math.toDegrees(a) + 90, 0)));
            }
        }
        if (c.detail() >= 1) {
            int slits = Math.max(1, (int) (h / (r * 3)));
            for (int i = 0; i < slits; i++) {
                m.accent(prefix + "window " + (i + 1), Solids.box(r * 0.2, r * 0.5, r * 0.1, x, h * (i + 0.5) / (slits + 0.5), z + r * 0.96),
                        MaterialPresets.BLACK);
            }
        }
    }
}
