package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.LatheGeometry;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Toadstool: a cream stem and a domed cap (object material, red) built as lathes; white spots on the
 * cap from medium complexity. Parameters: {@code height} (0.2 m), {@code capRadius} (0.1 m).
 */
public final class MushroomTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 0.2, 0.01, 20, "overall height"),
            number("capRadius", 0.1, 0.005, 10, "radius of the cap"));

    @Override
    public String name() {
        return "mushroom";
    }

    @Override
    public List<String> aliases() {
        return List.of("toadstool", "fungus");
    }

    @Override
    public String summary() {
        return "toadstool with stem, domed cap and spots";
    }

    @Override
    public List<String> partNames() {
        return List.of("stem", "cap", "spot");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#d32f2f", 0.0, 0.55, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), cr = p.number("capRadius");
        double capH = Math.min(cr * 0.8, h * 0.6), stemH = h - capH * 0.8, sr = cr * 0.3;
        ModelBuilder m = new ModelBuilder();
        double[] stem = {0, 0, sr * 1.15, 0, sr * 1.15, 0, sr, stemH * 0.5, sr * 0.85, stemH, sr * 0.85, stemH, 0, stemH};
        m.accent("stem", LatheGeometry.smooth(stem, null, c.smallSegments() + 4), new MaterialSpec("#f2ead3", 0.0, 0.8, 1.0));
        int steps = 4 + 4 * c.detail();
        double base = stemH - capH * 0.2;
        double[] cap = new double[(steps + 3) * 2];
        cap[0] = 0;
        cap[1] = base;
        cap[2] = cr;
        cap[3] = base;
        cap[4] = cr;
        cap[5] = base; // crease between the underside and the dome
        for (int i = 1; i <= steps; i++) {
            double a = Math.PI / 2 * i / steps;
            cap[(i + 2) * 2] = i == steps ? 0 : cr * Math.cos(a);
            cap[(i + 2) * 2 + 1] = base + capH * Math.sin(a);
        }
        m.add("cap", LatheGeometry.smooth(cap, null, c.radialSegments()));
        if (c.detail() >= 1) {
            int spots = 5 + 3 * c.detail();
            for (int i = 0; i < spots; i++) {
                double a = Math.toRadians(360.0 * i / spots + (i % 2) * 20);
                double elevation = Math.toRadians(i % 2 == 0 ? 35 : 60);
                double x = cr * Math.cos(elevation) * Math.cos(a), z = cr * Math.cos(elevation) * Math.sin(a);
                double y = base + capH * Math.sin(elevation);
                m.accent("spot " + (i + 1), Solids.place(dev.kiln.mesh.geometry.EllipsoidGeometry.create(cr * 0.12, cr * 0.04, cr * 0.12, 10, 5),
                        Matrix4.translation(x, y, z).multiply(Matrix4.rotationDegrees(0, -Math.toDegrees(a), 90 - Math.toDegrees(elevation)))
                                .multiply(Matrix4.translation(0, -cr * 0.04, 0))), MaterialPresets.WHITE);
            }
        }
        return m.build();
    }
}
