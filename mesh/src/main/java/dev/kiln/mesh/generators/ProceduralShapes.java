package dev.kiln.mesh.generators;

import static dev.kiln.mesh.generators.ParameterSpec.integer;
import static dev.kiln.mesh.generators.ParameterSpec.number;
import static dev.kiln.mesh.generators.ParameterSpec.text;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.geometry.Csg;
import dev.kiln.mesh.geometry.CylinderGeometry;
import dev.kiln.mesh.geometry.HeightfieldGeometry;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.geometry.PrismGeometry;
import dev.kiln.mesh.geometry.SweepGeometry;
import dev.kiln.mesh.geometry.TextGeometry;
import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.geometry.ValueNoise;
import java.util.List;

/** Shapes made by the procedural techniques: extruded text, noise terrain, a swept spring, a CSG nut, a lathed bowl. */
public final class ProceduralShapes {

    private ProceduralShapes() {
    }

    public static List<ShapeGenerator> all() {
        return List.of(
                new Primitive("text", List.of("sign", "letters", "word", "lettering"),
                        "upright 3D text in the built-in 5x7 block font (not strictly manifold at diagonal pixels)",
                        List.of(text("text", "KILN", 40, "the characters (one line; A-Z, 0-9, . , ! ? - + : ' # & < > /)"),
                                number("height", 0.2, 0.005, 50, "letter height"), number("depth", 0.05, 0.001, 50, "extrusion depth")),
                        false, (p, c) -> TextGeometry.create(p.text("text"), p.number("height"), p.number("depth"))),
                new Primitive("terrain", List.of("landscape", "hills", "mountains", "island"), "noise heightmap terrain as a closed block",
                        List.of(number("width", 10, 0.1, 1000, "size along x and z"), number("height", 2, 0.01, 500, "relief height"),
                                integer("seed", 7, 0, 1_000_000, "noise seed: same seed, same terrain"),
                                integer("resolution", 0, 0, 256, "grid cells per side; 0 = 24/48/96 by complexity")),
                        true, ProceduralShapes::terrain),
                new Primitive("spring", List.of("coil", "helix", "spiral"), "helical spring: a circle swept along a helix, capped",
                        List.of(number("radius", 0.2, 0.005, 50, "coil radius"), number("height", 0.6, 0.01, 100, "overall height"),
                                number("wire", 0.03, 0.001, 5, "wire radius"), number("turns", 5, 0.5, 50, "number of turns")),
                        true, ProceduralShapes::spring),
                new Primitive("nut", List.of("hex nut", "bolt nut", "washer"), "hexagonal nut: a prism with a hole bored through by CSG",
                        List.of(number("radius", 0.02, 0.002, 10, "circumradius of the hexagon"), number("height", 0.015, 0.001, 10, "thickness"),
                                number("hole", 0.5, 0.1, 0.8, "hole radius as a fraction of the hexagon radius")),
                        true, ProceduralShapes::nut),
                new Primitive("bowl", List.of("dish", "basin"), "hemispherical bowl: a hollow lathe with a rounded rim",
                        List.of(number("radius", 0.1, 0.01, 20, "outer radius"), number("wall", 0.01, 0.001, 2, "wall thickness")),
                        true, ProceduralShapes::bowl));
    }

    private static TriangleMesh terrain(Parameters p, Complexity c) {
        int n = p.integer("resolution") > 0 ? p.integer("resolution") : c.radialSegments() * 2;
        double width = p.number("width"), height = p.number("height");
        ValueNoise noise = new ValueNoise(p.integer("seed"));
        double[][] h = new double[n + 1][n + 1];
        for (int r = 0; r <= n; r++) {
            for (int k = 0; k <= n; k++) {
                h[r][k] = height * noise.fractal(k * 4.0 / n, r * 4.0 / n, 4);
            }
        }
        return HeightfieldGeometry.create(h, width, width, Math.max(0.01, height * 0.1));
    }

    private static TriangleMesh spring(Parameters p, Complexity c) {
        double wire = Math.min(p.number("wire"), p.number("radius") * 0.9);
        double[] path = SweepGeometry.helix(p.number("radius"), p.number("height") - 2 * wire, p.number("turns"), c.radialSegments());
        // the end caps are tilted along the helix, so measure rather than assume where the bottom is
        return standing(SweepGeometry.create(SweepGeometry.circle(wire, c.smallSegments()), path, false));
    }

    private static TriangleMesh nut(Parameters p, Complexity c) {
        double r = p.number("radius"), h = p.number("height");
        TriangleMesh body = PrismGeometry.create(6, r, h);
        // the bore pokes out of both faces so the difference never has coplanar caps to decide about
        TriangleMesh bore = CylinderGeometry.create(r * p.number("hole"), r * p.number("hole"), h * 1.5, c.radialSegments())
                .transformed(Matrix4.translation(0, -h * 0.25, 0));
        return Csg.difference(body, bore);
    }

    private static TriangleMesh bowl(Parameters p, Complexity c) {
        double r = p.number("radius"), wall = Math.min(p.number("wall"), r * 0.5), inner = r - wall;
        int steps = Math.max(4, c.radialSegments() / 4);
        // closed lathe profile: outer quarter circle up to the rim, across the rim, inner quarter circle down
        double[] profile = new double[(2 * steps + 4) * 2];
        int k = 0;
        profile[k++] = 0;
        profile[k++] = 0;
        for (int i = 1; i <= steps; i++) {
            double a = Math.PI / 2 * i / steps;
            profile[k++] = r * Math.sin(a);
            profile[k++] = r - r * Math.cos(a);
        }
        profile[k++] = r;
        profile[k++] = r; // crease at the outer rim
        for (int i = steps; i >= 1; i--) {
            double a = Math.PI / 2 * i / steps;
            profile[k++] = inner * Math.sin(a);
            profile[k++] = r - inner * Math.cos(a);
        }
        profile[k++] = 0;
        profile[k++] = wall;
        return dev.kiln.mesh.geometry.LatheGeometry.smooth(java.util.Arrays.copyOf(profile, k), null, c.radialSegments());
    }

    /** Moves a mesh up or down so its lowest point is on y = 0. */
    private static TriangleMesh standing(TriangleMesh mesh) {
        return mesh.transformed(Matrix4.translation(0, -dev.kiln.mesh.geometry.Bounds.of(mesh).minY(), 0));
    }
}
