package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.integer;
import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.geometry.TorusGeometry;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Ringed planet: a sphere (object material) and {@code rings} flat tori tilted by {@code tilt}
 * degrees. Parameters: {@code radius} (1 m), {@code rings} (1; 0 for a plain planet), {@code tilt} (20).
 */
public final class PlanetTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("radius", 1, 0.01, 1000, "planet radius"),
            integer("rings", 1, 0, 5, "number of rings"),
            number("tilt", 20, 0, 60, "ring tilt in degrees"));

    @Override
    public String name() {
        return "planet";
    }

    @Override
    public List<String> aliases() {
        return List.of("saturn", "moon", "world", "ringed planet", "planet with rings");
    }

    @Override
    public String summary() {
        return "planet with tilted rings";
    }

    @Override
    public List<String> partNames() {
        return List.of("ring");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return new MaterialSpec("#d9a05b", 0.0, 0.8, 1.0);
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double r = p.number("radius"), tilt = p.number("tilt");
        int rings = p.integer("rings");
        ModelBuilder m = new ModelBuilder();
        double centre = r;
        m.add("planet", Solids.sphere(r, c.radialSegments(), 0, centre, 0));
        for (int i = 0; i < rings; i++) {
            double ringR = r * (1.6 + 0.3 * i), tube = r * 0.12;
            m.accent("ring " + (i + 1), Solids.place(TorusGeometry.create(ringR, tube, 8, c.radialSegments() * 2),
                    Matrix4.translation(0, centre, 0).multiply(Matrix4.rotationDegrees(tilt, 0, 0)).multiply(Matrix4.scaling(1, 0.25, 1))
                            .multiply(Matrix4.translation(0, -tube, 0))), new MaterialSpec(i % 2 == 0 ? "#c8b28a" : "#a89070", 0.0, 0.7, 1.0));
        }
        return m.buildStanding(); // tilted rings reach below the sphere: lift everything onto y = 0
    }
}
