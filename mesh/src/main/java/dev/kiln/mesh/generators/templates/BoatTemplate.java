package dev.kiln.mesh.generators.templates;

import static dev.kiln.mesh.generators.ParameterSpec.integer;
import static dev.kiln.mesh.generators.ParameterSpec.number;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.ModelBuilder;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.Parameters;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.ExtrudeGeometry;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import java.util.List;

/**
 * Sailing boat, bow toward +x: a two-tier hull (top-view outlines extruded upward), a cabin, and
 * with {@code sail} 1 a mast and a triangular sail. The bow curve gets more points with complexity.
 * Parameters: {@code length} (4 m), {@code width} (1.5 m), {@code sail} (1).
 */
public final class BoatTemplate implements ShapeGenerator {

    private static final List<ParameterSpec> PARAMS = List.of(
            number("length", 4, 0.3, 300, "length along x, bow at +x"),
            number("width", 1.5, 0.1, 60, "beam along z"),
            integer("sail", 1, 0, 1, "1 = mast and sail"));

    @Override
    public String name() {
        return "boat";
    }

    @Override
    public List<String> aliases() {
        return List.of("sailboat", "ship", "yacht", "canoe");
    }

    @Override
    public String summary() {
        return "sailing boat with hull, cabin, mast and sail";
    }

    @Override
    public List<String> partNames() {
        return List.of("hull", "keel", "cabin", "mast", "sail");
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public MaterialSpec defaultMaterial() {
        return MaterialPresets.WOOD;
    }

    @Override
    public Model generate(Parameters p, Complexity c) {
        double l = p.number("length"), w = p.number("width");
        double hullH = w * 0.45;
        ModelBuilder m = new ModelBuilder();
        int steps = 4 + 4 * c.detail();
        m.add("keel", hull(l * 0.85, w * 0.6, hullH * 0.35, 0, steps));
        m.add("hull", hull(l, w, hullH * 0.65, hullH * 0.35, steps));
        m.accent("cabin", Solids.box(l * 0.3, hullH * 0.6, w * 0.55, -l * 0.1, hullH, 0), MaterialPresets.WHITE);
        if (p.integer("sail") == 1) {
            double mastH = l * 1.1;
            m.accent("mast", Solids.cylinder(w * 0.03, mastH, c.smallSegments(), l * 0.08, hullH, 0), MaterialPresets.DARK_WOOD);
            double[] sail = {0, 0, -l * 0.42, 0, 0, mastH * 0.85};
            m.accent("sail", Solids.slab(sail, w * 0.02, Matrix4.translation(l * 0.08 - w * 0.04, hullH + mastH * 0.1, 0)),
                    MaterialPresets.WHITE);
        }
        return m.build();
    }

    /** Top-view hull outline (flat stern at -x, curved bow to a point at +x) extruded up from y0. */
    private static TriangleMesh hull(double l, double w, double h, double y0, int steps) {
        double[] outline = new double[(steps + 3) * 2];
        int k = 0;
        outline[k++] = -l / 2;
        outline[k++] = -w / 2 * 0.8;
        for (int i = 0; i <= steps; i++) {
            double t = (double) i / steps; // from the widest point on one side round the bow to the other
            double a = -Math.PI / 2 + Math.PI * t;
            outline[k++] = l * 0.1 + l * 0.4 * Math.cos(a);
            outline[k++] = w / 2 * Math.sin(a);
        }
        outline[k++] = -l / 2;
        outline[k++] = w / 2 * 0.8;
        // outline in x/z; extrude along +z then turn +z into +y (x stays, z becomes -y)
        return ExtrudeGeometry.create(outline, h).transformed(Matrix4.translation(0, y0, 0).multiply(Matrix4.rotationDegrees(-90, 0, 0)));
    }
}
