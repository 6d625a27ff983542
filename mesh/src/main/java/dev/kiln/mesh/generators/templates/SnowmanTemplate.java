package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Snowman: three stacked snowballs (object material, white), coal eyes and a carrot nose facing +z;
 * buttons and a top hat from medium complexity, stick arms at high. Parameter: {@code height} (1.7 m,
 * without the hat).
 */
public final class SnowmanTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(number("height", 1.7, 0.1, 30, "height of the three snowballs"));

    @Override
    public String name() {
        return "snowman";
    }

    @Override
    public List<String> aliases() {
        return List.of("snow man", "snowmen");
    }

    @Override
    public String summary() {
        return "snowman with carrot nose, eyes, buttons and hat";
    }

    @Override
    public List<String> partNames() {
        return List.of("head", "middle", "bottom", "nose", "eye", "arm", "button", "hat");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.SNOW;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        // radii in the ratio 3 : 2.2 : 1.5, each ball sunk into the one below by 15% of their radii
        double sink = 0.15;
        double units = 2 * (3 + 2.2 + 1.5) - sink * (3 + 2.2) - sink * (2.2 + 1.5);
        double unit = p.number("height") / units;
        double r1 = 3 * unit, r2 = 2.2 * unit, r3 = 1.5 * unit;
        double y1 = r1;
        double y2 = 2 * r1 - sink * (r1 + r2) + r2;
        double y3 = y2 + r2 - sink * (r2 + r3) + r3;
        int seg = c.radialSegments();
        ModelBuilder m = new ModelBuilder();
        m.add("bottom", Solids.sphere(r1, seg, 0, y1, 0));
        m.add("middle", Solids.sphere(r2, seg, 0, y2, 0));
        m.add("head", Solids.sphere(r3, seg, 0, y3, 0));
        m.accent("nose", Solids.place(dev.kiln.mesh.geometry.ConeGeometry.create(r3 * 0.15, r3 * 0.8, c.smallSegments()),
                Matrix4.translation(0, y3, r3 * 0.9).multiply(Matrix4.rotationDegrees(90, 0, 0))), MaterialPresets.ORANGE);
        for (int side = -1; side <= 1; side += 2) {
            m.accent(side < 0 ? "left eye" : "right eye", Solids.sphere(r3 * 0.1, c.smallSegments(), side * r3 * 0.35, y3 + r3 * 0.3, r3 * 0.88),
                    MaterialPresets.BLACK);
        }
        if (c.detail() >= 1) {
            for (int i = 0; i < 3; i++) {
                double y = y2 + r2 * (0.45 - 0.4 * i);
                double z = Math.sqrt(Math.max(0, r2 * r2 - (y - y2) * (y - y2)));
                m.accent("button " + (i + 1), Solids.sphere(r2 * 0.08, c.smallSegments(), 0, y, z * 0.97), MaterialPresets.BLACK);
            }
            double hatBase = y3 + r3 * 0.8;
            m.accent("hat brim", Solids.cylinder(r3 * 0.9, r3 * 0.08, seg, 0, hatBase, 0), MaterialPresets.BLACK);
            m.accent("hat", Solids.cylinder(r3 * 0.6, r3 * 0.9, seg, 0, hatBase, 0), MaterialPresets.BLACK);
        }
        if (c.detail() >= 2) {
            for (int side = -1; side <= 1; side += 2) {
                m.accent(side < 0 ? "left arm" : "right arm", Solids.place(dev.kiln.mesh.geometry.CylinderGeometry.create(r2 * 0.05, r2 * 0.05,
                        r2 * 1.6, 8), Matrix4.translation(side * r2 * 0.8, y2 + r2 * 0.2, 0).multiply(Matrix4.rotationDegrees(0, 0, -side * 60))),
                        MaterialPresets.BARK);
            }
        }
        return m.build();
    }
}
