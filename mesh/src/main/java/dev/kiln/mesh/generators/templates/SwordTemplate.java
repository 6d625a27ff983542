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
 * Sword standing point-up on its pommel: pommel, leather grip, crossguard and a pointed blade
 * (object material, steel). Parameters: {@code length} (1 m overall), {@code bladeWidth} (0.05 m).
 */
public final class SwordTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("length", 1.0, 0.05, 10, "overall length"),
            number("bladeWidth", 0.05, 0.005, 1, "blade width"));

    @Override
    public String name() {
        return "sword";
    }

    @Override
    public List<String> aliases() {
        return List.of("blade", "katana", "dagger", "knife");
    }

    @Override
    public String summary() {
        return "sword with blade, crossguard, grip and pommel";
    }

    @Override
    public List<String> partNames() {
        return List.of("blade", "crossguard", "grip", "pommel");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.STEEL;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double l = p.number("length"), bw = Math.min(p.number("bladeWidth"), l * 0.2);
        double pommelR = bw * 0.5, gripH = l * 0.17, guardH = bw * 0.5;
        double bladeBase = pommelR * 2 + gripH + guardH, bladeLen = l - bladeBase;
        ModelBuilder m = new ModelBuilder();
        m.accent("pommel", Solids.sphere(pommelR, c.smallSegments(), 0, pommelR, 0), MaterialPresets.GOLD);
        m.accent("grip", Solids.cylinder(bw * 0.3, gripH + pommelR * 0.2, c.smallSegments(), 0, pommelR * 1.9, 0),
                new MaterialSpec("#4a2c17", 0.0, 0.9, 1.0));
        m.accent("crossguard", Solids.box(bw * 4, guardH, bw * 0.8, 0, pommelR * 2 + gripH, 0), MaterialPresets.GOLD);
        double[] blade = {-bw / 2, 0, bw / 2, 0, bw / 2, bladeLen - bw, 0, bladeLen, -bw / 2, bladeLen - bw};
        m.add("blade", Solids.slab(blade, bw * 0.15, Matrix4.translation(0, bladeBase, 0)));
        return m.build();
    }
}
