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
 * Car: body (object material), glass cabin, four rubber wheels; headlights from medium complexity,
 * hubcaps at high. Front faces +x. Parameters: {@code length} (x, 4 m), {@code width} (z, 1.8 m),
 * {@code height} (1.45 m), {@code wheelRadius} (0.33 m).
 */
public final class CarTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("length", 4, 0.5, 30, "length along x (front at +x)"),
            number("width", 1.8, 0.3, 10, "width along z"),
            number("height", 1.45, 0.3, 10, "overall height"),
            number("wheelRadius", 0.33, 0.05, 3, "wheel radius"));

    @Override
    public String name() {
        return "car";
    }

    @Override
    public List<String> aliases() {
        return List.of("automobile", "vehicle", "sedan", "truck", "jeep");
    }

    @Override
    public String summary() {
        return "car with body, cabin and four wheels";
    }

    @Override
    public List<String> partNames() {
        return List.of("body", "cabin", "wheel", "hubcap", "headlight");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#c62828", 0.6, 0.35, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double l = p.number("length"), w = p.number("width"), h = p.number("height");
        double wr = Math.min(p.number("wheelRadius"), h * 0.3);
        double bodyBottom = wr * 0.6, bodyH = (h - bodyBottom) * 0.5;
        ModelBuilder m = new ModelBuilder();
        int seg = Math.max(1, c.detail() + 1);
        m.add("body", Solids.roundedBox(l, bodyH, w, Math.min(bodyH, w) * 0.2, seg, 0, bodyBottom, 0));
        double cabinH = h - bodyBottom - bodyH;
        m.accent("cabin", Solids.roundedBox(l * 0.5, cabinH, w * 0.86, Math.min(cabinH, w) * 0.25, seg, -l * 0.05, bodyBottom + bodyH, 0),
                MaterialPresets.WINDOW);
        double wheelW = w * 0.14;
        for (int i = 0; i < 4; i++) {
            double x = (i < 2 ? 1 : -1) * l * 0.32, z = (i % 2 == 0 ? 1 : -1) * (w / 2 - wheelW / 2);
            m.accent("wheel " + (i + 1), Solids.cylinderAlongZ(wr, wheelW, c.radialSegments(), x, wr, z), MaterialPresets.RUBBER);
            if (c.detail() >= 2) {
                m.accent("hubcap " + (i + 1), Solids.cylinderAlongZ(wr * 0.5, wheelW * 1.1, c.smallSegments(), x, wr, z), MaterialPresets.CHROME);
            }
        }
        if (c.detail() >= 1) {
            for (int side = -1; side <= 1; side += 2) {
                m.accent(side < 0 ? "headlight left" : "headlight right",
                        Solids.sphere(bodyH * 0.15, c.smallSegments(), l / 2 - bodyH * 0.08, bodyBottom + bodyH * 0.6, side * w * 0.32),
                        MaterialPresets.LIGHT);
            }
        }
        return m.build();
    }
}
