package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.integer;
import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.EllipsoidGeometry;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Flower: green stem, yellow centre and a ring of petals (object material); two leaves from medium
 * complexity. Parameters: {@code height} (0.4 m), {@code petals} (8), {@code bloomRadius} (0.06 m).
 */
public final class FlowerTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("height", 0.4, 0.02, 10, "height to the bloom"),
            integer("petals", 8, 3, 36, "number of petals"),
            number("bloomRadius", 0.06, 0.005, 2, "radius of the bloom"));

    @Override
    public String name() {
        return "flower";
    }

    @Override
    public List<String> aliases() {
        return List.of("daisy", "rose", "tulip", "sunflower", "blossom");
    }

    @Override
    public String summary() {
        return "flower with stem, petals and centre";
    }

    @Override
    public List<String> partNames() {
        return List.of("petal", "stem", "centre", "leaf");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#e84a8a", 0.0, 0.6, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double h = p.number("height"), br = p.number("bloomRadius");
        int petals = p.integer("petals");
        double stemR = Math.max(0.002, br * 0.08);
        ModelBuilder m = new ModelBuilder();
        m.accent("stem", Solids.cylinder(stemR, h, c.smallSegments(), 0, 0, 0), MaterialPresets.GREEN);
        m.accent("centre", Solids.ellipsoid(br * 0.3, br * 0.2, br * 0.3, c.smallSegments(), 0, h + br * 0.05, 0), MaterialPresets.YELLOW);
        int seg = c.smallSegments();
        for (int i = 0; i < petals; i++) {
            double a = 360.0 * i / petals;
            m.add("petal " + (i + 1), Solids.place(EllipsoidGeometry.create(br * 0.4, br * 0.08, br * 0.16, seg, seg / 2),
                    Matrix4.translation(0, h, 0).multiply(Matrix4.rotationDegrees(0, a, 0)).multiply(Matrix4.translation(br * 0.55, -br * 0.08, 0))
                            .multiply(Matrix4.rotationDegrees(0, 0, 12))));
        }
        if (c.detail() >= 1) {
            for (int side = -1; side <= 1; side += 2) {
                m.accent(side < 0 ? "left leaf" : "right leaf", Solids.place(EllipsoidGeometry.create(br * 0.45, br * 0.05, br * 0.15, seg, seg / 2),
                        Matrix4.translation(0, h * (side < 0 ? 0.35 : 0.5), 0).multiply(Matrix4.rotationDegrees(0, side < 0 ? 180 : 0, 25))
                                .multiply(Matrix4.translation(br * 0.4, 0, 0))), MaterialPresets.GREEN);
            }
        }
        return m.build();
    }
}
