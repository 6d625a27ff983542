package dev.kiln.mesh.generators;

import static dev.kiln.mesh.generators.ParameterSpec.integer;
import static dev.kiln.mesh.generators.ParameterSpec.number;
import static dev.kiln.mesh.generators.Primitive.SEGMENTS;
import static dev.kiln.mesh.generators.Primitive.segments;

import dev.kiln.mesh.geometry.BoxGeometry;
import dev.kiln.mesh.geometry.CapsuleGeometry;
import dev.kiln.mesh.geometry.ConeGeometry;
import dev.kiln.mesh.geometry.CylinderGeometry;
import dev.kiln.mesh.geometry.EllipsoidGeometry;
import dev.kiln.mesh.geometry.PlaneGeometry;
import dev.kiln.mesh.geometry.PrismGeometry;
import dev.kiln.mesh.geometry.PyramidGeometry;
import dev.kiln.mesh.geometry.RoundedBoxGeometry;
import dev.kiln.mesh.geometry.SphereGeometry;
import dev.kiln.mesh.geometry.TorusGeometry;
import dev.kiln.mesh.geometry.WedgeGeometry;
import java.util.List;

/** The primitive shapes, each a thin {@link Primitive} over a geometry class. Sizes in metres. */
public final class PrimitiveShapes {

    private static final double MAX = 1000;
    private static final double MIN = 0.001;

    private PrimitiveShapes() {
    }

    public static List<ShapeGenerator> all() {
        return List.of(
                new Primitive("box", List.of("cube", "block", "crate"), "axis-aligned box",
                        List.of(number("width", 1, MIN, MAX, "size along x"), number("height", 1, MIN, MAX, "size along y"),
                                number("depth", 1, MIN, MAX, "size along z")),
                        true, (p, c) -> BoxGeometry.create(p.number("width"), p.number("height"), p.number("depth"))),
                new Primitive("rounded_box", List.of("rounded box", "rounded cube"), "box with rounded edges",
                        List.of(number("width", 1, MIN, MAX, "size along x"), number("height", 1, MIN, MAX, "size along y"),
                                number("depth", 1, MIN, MAX, "size along z"), number("radius", 0.1, MIN, MAX, "edge rounding radius"),
                                SEGMENTS),
                        true, (p, c) -> RoundedBoxGeometry.create(p.number("width"), p.number("height"), p.number("depth"),
                                p.number("radius"), Math.max(1, segments(p, c) / 8))),
                new Primitive("sphere", List.of("ball", "orb", "globe", "marble"), "UV sphere",
                        List.of(number("radius", 0.5, MIN, MAX, "radius"), SEGMENTS),
                        true, (p, c) -> SphereGeometry.create(p.number("radius"), segments(p, c), Math.max(2, segments(p, c) / 2))),
                new Primitive("ellipsoid", List.of("egg", "oval"), "sphere stretched per axis",
                        List.of(number("radiusX", 0.4, MIN, MAX, "semi-axis along x"), number("radiusY", 0.55, MIN, MAX, "semi-axis along y"),
                                number("radiusZ", 0.4, MIN, MAX, "semi-axis along z"), SEGMENTS),
                        true, (p, c) -> EllipsoidGeometry.create(p.number("radiusX"), p.number("radiusY"), p.number("radiusZ"),
                                segments(p, c), Math.max(2, segments(p, c) / 2))),
                new Primitive("cylinder", List.of("column", "pillar", "disc", "disk", "tube", "pipe", "barrel"), "closed cylinder",
                        List.of(number("radius", 0.5, MIN, MAX, "radius"), number("height", 1, MIN, MAX, "height"), SEGMENTS),
                        true, (p, c) -> CylinderGeometry.create(p.number("radius"), p.number("radius"), p.number("height"), segments(p, c))),
                new Primitive("cone", List.of("traffic cone", "spike"), "closed cone, apex up",
                        List.of(number("radius", 0.5, MIN, MAX, "base radius"), number("height", 1, MIN, MAX, "height"), SEGMENTS),
                        true, (p, c) -> ConeGeometry.create(p.number("radius"), p.number("height"), segments(p, c))),
                new Primitive("capsule", List.of("pill"), "cylinder with hemispherical ends",
                        List.of(number("radius", 0.25, MIN, MAX, "radius"), number("length", 0.5, 0, MAX, "length of the straight middle"),
                                SEGMENTS),
                        true, (p, c) -> CapsuleGeometry.create(p.number("radius"), p.number("length"), Math.max(2, segments(p, c) / 4),
                                segments(p, c))),
                new Primitive("torus", List.of("donut", "doughnut", "ring", "tire", "tyre"), "ring lying flat",
                        List.of(number("radius", 0.4, MIN, MAX, "centre to tube middle"), number("tube", 0.12, MIN, MAX, "tube radius"),
                                SEGMENTS),
                        true, (p, c) -> TorusGeometry.create(p.number("radius"), Math.min(p.number("tube"), p.number("radius") * 0.95),
                                // a multiple of 4 samples the tube's lowest point, so the torus rests exactly on y = 0
                                Math.max(8, (segments(p, c) / 2 + 3) / 4 * 4), segments(p, c))),
                new Primitive("pyramid", List.of("tetrahedron"), "pyramid on a regular polygon base",
                        List.of(number("base", 1, MIN, MAX, "base width"), number("height", 1, MIN, MAX, "apex height"),
                                integer("sides", 4, 3, 64, "number of base sides")),
                        true, (p, c) -> PyramidGeometry.create(p.number("base"), p.number("height"), p.integer("sides"))),
                new Primitive("prism", List.of("hexagon", "hexagonal prism", "triangular prism"), "prism over a regular polygon",
                        List.of(integer("sides", 6, 3, 64, "number of sides"), number("radius", 0.5, MIN, MAX, "circumradius"),
                                number("height", 1, MIN, MAX, "height")),
                        true, (p, c) -> PrismGeometry.create(p.integer("sides"), p.number("radius"), p.number("height"))),
                new Primitive("plane", List.of("ground", "floor", "sheet"), "one-sided horizontal rectangle facing up (not a solid)",
                        List.of(number("width", 2, MIN, MAX, "size along x"), number("depth", 2, MIN, MAX, "size along z"),
                                integer("divisions", 1, 1, 256, "grid cells per side")),
                        false, (p, c) -> PlaneGeometry.create(p.number("width"), p.number("depth"), p.integer("divisions"))),
                new Primitive("wedge", List.of("ramp", "slope"), "ramp: tall at -x, sloping to +x",
                        List.of(number("width", 1, MIN, MAX, "run along x"), number("height", 0.5, MIN, MAX, "rise"),
                                number("depth", 1, MIN, MAX, "size along z")),
                        true, (p, c) -> WedgeGeometry.create(p.number("width"), p.number("height"), p.number("depth"))));
    }
}
