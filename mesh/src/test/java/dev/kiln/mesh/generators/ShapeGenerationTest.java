package dev.kiln.mesh.generators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.geometry.Bounds;
import dev.kiln.mesh.process.DegenerateTriangles;
import dev.kiln.mesh.process.MeshTopology;
import dev.kiln.mesh.process.Normals;
import dev.kiln.mesh.process.VertexWelder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalog shape at every complexity: raw generator output must be clean geometry. */
class ShapeGenerationTest {

    static Stream<Arguments> shapesAndComplexities() {
        List<Arguments> out = new ArrayList<>();
        for (ShapeGenerator s : ShapeCatalog.standard().all()) {
            for (Complexity c : Complexity.values()) {
                out.add(Arguments.of(s.name(), c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("shapesAndComplexities")
    void generatesCleanGeometry(String name, Complexity complexity) {
        ShapeGenerator shape = ShapeCatalog.standard().find(name).orElseThrow();
        Model model = shape.generate(Map.of(), complexity);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(model.parts()).as("parts").isNotEmpty();
        for (Part part : model.parts()) {
            String id = name + "/" + part.name();
            soft.assertThat(part.mesh().triangleCount()).as(id + " triangles").isPositive();
            soft.assertThat(Normals.maxUnitLengthError(part.mesh())).as(id + " normal length error").isLessThan(1e-4);
            soft.assertThat(DegenerateTriangles.count(part.mesh(), DegenerateTriangles.DEFAULT_MIN_AREA)).as(id + " degenerate triangles").isZero();
            if (shape.closed()) {
                MeshTopology topology = MeshTopology.analyze(VertexWelder.weldPositions(part.mesh(), VertexWelder.DEFAULT_EPSILON));
                soft.assertThat(topology.isWatertight()).as(id + " closed: " + topology).isTrue();
                soft.assertThat(topology.signedVolume()).as(id + " faces outward").isPositive();
            }
        }
        Bounds b = model.bounds();
        soft.assertThat(b.isFinite()).as("finite bounds " + b).isTrue();
        soft.assertThat(b.minY()).as("stands on y = 0: " + b).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, b.height())));
        soft.assertThat(b.largestSide()).as("size " + b).isBetween(0.005, 200.0);
        soft.assertThat(Math.abs(b.minX() + b.maxX()) / 2).as("centred on x: " + b).isLessThan(b.width() * 0.3 + 1e-6);
        soft.assertThat(Math.abs(b.minZ() + b.maxZ()) / 2).as("centred on z: " + b).isLessThan(b.depth() * 0.3 + 1e-6);
        soft.assertAll();
    }

    @Test
    void higherComplexityNeverHasFewerTriangles() {
        SoftAssertions soft = new SoftAssertions();
        for (ShapeGenerator s : ShapeCatalog.standard().all()) {
            long low = s.generate(Map.of(), Complexity.LOW).triangleCount();
            long medium = s.generate(Map.of(), Complexity.MEDIUM).triangleCount();
            long high = s.generate(Map.of(), Complexity.HIGH).triangleCount();
            soft.assertThat(medium).as(s.name() + " medium vs low").isGreaterThanOrEqualTo(low);
            soft.assertThat(high).as(s.name() + " high vs medium").isGreaterThanOrEqualTo(medium);
        }
        soft.assertAll();
    }

    @Test
    void catalogHasTheRequiredTemplates() {
        assertThat(ShapeCatalog.standard().names()).contains("table", "chair", "house", "tree", "car", "rocket", "snowman", "tower",
                "castle", "robot", "lamp", "mug", "bottle", "sword", "bridge", "fence", "staircase", "boat", "airplane", "flower",
                "mushroom", "planet", "dice", "trophy", "bookshelf", "box", "sphere", "cylinder", "cone", "pyramid", "torus", "capsule");
        assertThat(ShapeCatalog.standard().find("ball").orElseThrow().name()).isEqualTo("sphere");
        assertThat(ShapeCatalog.standard().find("donut").orElseThrow().name()).isEqualTo("torus");
        assertThat(ShapeCatalog.standard().find("CUBE").orElseThrow().name()).isEqualTo("box");
    }

    @Test
    void parametersChangeTheGeometry() {
        ShapeGenerator table = ShapeCatalog.standard().find("table").orElseThrow();
        Model three = table.generate(Map.of("legs", 3), Complexity.LOW);
        Model six = table.generate(Map.of("legs", 6), Complexity.LOW);
        assertThat(three.parts().stream().filter(p -> p.name().startsWith("leg"))).hasSize(3);
        assertThat(six.parts().stream().filter(p -> p.name().startsWith("leg"))).hasSize(6);
        Bounds tall = table.generate(Map.of("height", 1.1), Complexity.LOW).bounds();
        assertThat(tall.height()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-6));
        Bounds box = ShapeCatalog.standard().find("box").orElseThrow().generate(Map.of("width", 2.0, "height", 0.5, "depth", 3.0), Complexity.LOW).bounds();
        assertThat(new double[] {box.width(), box.height(), box.depth()}).containsExactly(new double[] {2, 0.5, 3}, org.assertj.core.data.Offset.offset(1e-6));
    }
}
