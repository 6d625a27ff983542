package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.CapsuleGeometry;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Airplane, nose toward +x, resting on its fuselage: capsule fuselage, wings, tail fin and
 * stabiliser; engines under the wings from medium complexity, a propeller at high. Parameters:
 * {@code length} (6 m), {@code wingspan} (6 m).
 */
public final class AirplaneTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("length", 6, 0.1, 100, "fuselage length along x"),
            number("wingspan", 6, 0.1, 100, "wing span along z"));

    @Override
    public String name() {
        return "airplane";
    }

    @Override
    public List<String> aliases() {
        return List.of("plane", "aeroplane", "jet", "aircraft");
    }

    @Override
    public String summary() {
        return "airplane with wings, tail and engines";
    }

    @Override
    public List<String> partNames() {
        return List.of("fuselage", "wing", "stabiliser", "tail fin", "tail", "engine", "propeller");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#e8eaf0", 0.5, 0.35, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double l = p.number("length"), span = p.number("wingspan");
        double r = l * 0.07;
        ModelBuilder m = new ModelBuilder();
        m.add("fuselage", Solids.place(CapsuleGeometry.create(r, l - 2 * r, Math.max(2, c.radialSegments() / 4), c.radialSegments()),
                Matrix4.translation(l / 2, r, 0).multiply(Matrix4.rotationDegrees(0, 0, 90))));
        double chord = l * 0.18, wingT = r * 0.25;
        m.add("wings", Solids.box(chord, wingT, span, l * 0.02, r * 0.8, 0));
        m.add("stabiliser", Solids.box(chord * 0.5, wingT, span * 0.35, -l * 0.4, r * 1.2, 0));
        double[] fin = {0, 0, chord * 0.8, 0, chord * 0.1, l * 0.16, -chord * 0.2, l * 0.16};
        m.accent("tail fin", Solids.slab(fin, wingT, Matrix4.translation(-l * 0.46, r * 1.5, 0)), MaterialPresets.RED);
        if (c.detail() >= 1) {
            for (int side = -1; side <= 1; side += 2) {
                m.accent(side < 0 ? "left engine" : "right engine",
                        Solids.cylinderAlongX(r * 0.45, chord * 0.9, c.smallSegments(), l * 0.06, r * 0.8 - r * 0.45, side * span * 0.25),
                        MaterialPresets.STEEL);
            }
        }
        if (c.detail() >= 2) {
            m.accent("propeller", Solids.box(r * 0.15, r * 2.6, r * 0.3, l / 2 + r * 0.05, r * 1 - r * 1.3, 0), MaterialPresets.BLACK);
        }
        return m.buildStanding(); // engines and propeller hang below the fuselage
    }
}
