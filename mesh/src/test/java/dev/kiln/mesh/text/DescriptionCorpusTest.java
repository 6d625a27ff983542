package dev.kiln.mesh.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.geometry.Bounds;
import dev.kiln.mesh.geometry.Matrix4;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.scene.SceneBuilder;
import dev.kiln.mesh.scene.SceneNode;
import dev.kiln.mesh.spec.ObjectSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The description corpus (descriptions.jsonl): each line is a description with the facts a reader
 * would expect — object counts, shapes, colours, parameters, sizes and spatial relations checked on
 * the built geometry's world bounds.
 */
class DescriptionCorpusTest {

    private static final double EPS = 2e-3;
    private static final DescriptionInterpreter INTERPRETER = new DescriptionInterpreter();
    private static final SceneBuilder BUILDER = new SceneBuilder();

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> out = new ArrayList<>();
        JsonMapper mapper = JsonMapper.builder().build();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                DescriptionCorpusTest.class.getResourceAsStream("/descriptions.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode node = mapper.readTree(line);
                    out.add(Arguments.of(node.path("text").asString(), node));
                }
            }
        }
        return out.stream();
    }

    @Test
    void corpusHasAtLeastOneHundredDescriptions() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readsTheDescriptionAsExpected(String text, JsonNode facts) {
        Interpretation interpretation = INTERPRETER.interpret(text, Complexity.LOW);
        List<ObjectSpec> objects = interpretation.spec().objects();
        SoftAssertions soft = new SoftAssertions();
        String context = text + " -> " + objects.stream().map(ObjectSpec::name).toList() + ", ignored " + interpretation.ignored();
        soft.assertThat(objects).as(context + ": object count").hasSize(facts.path("objects").asInt());
        Map<String, Integer> shapeCounts = new HashMap<>();
        objects.forEach(o -> shapeCounts.merge(o.shape(), 1, Integer::sum));
        Map<String, Integer> expectedShapes = new HashMap<>();
        facts.path("shapes").properties().forEach(e -> expectedShapes.put(e.getKey(), e.getValue().asInt()));
        soft.assertThat(shapeCounts).as(context + ": shapes").isEqualTo(expectedShapes);
        for (String word : strings(facts.path("ignored"))) {
            soft.assertThat(String.join(" ", interpretation.ignored())).as(context + ": reports '" + word + "' as ignored").contains(word);
        }
        if (!facts.has("ignored")) {
            soft.assertThat(interpretation.ignored()).as(context + ": nothing ignored").isEmpty();
        }
        if (objects.isEmpty()) {
            soft.assertAll();
            return;
        }
        facts.path("colors").properties().forEach(e -> soft.assertThat(first(objects, e.getKey()).material().baseColor())
                .as(context + ": colour of " + e.getKey()).isEqualToIgnoringCase(e.getValue().asString()));
        for (String shape : strings(facts.path("metal"))) {
            soft.assertThat(first(objects, shape).material().metalness()).as(context + ": " + shape + " is metal").isGreaterThan(0.5);
        }
        for (String shape : strings(facts.path("translucent"))) {
            soft.assertThat(first(objects, shape).material().opacity()).as(context + ": " + shape + " is see-through").isLessThan(1.0);
        }
        facts.path("params").properties().forEach(e -> e.getValue().properties().forEach(p -> soft.assertThat(
                ((Number) first(objects, e.getKey()).params().get(p.getKey())).intValue()).as(context + ": " + e.getKey() + "." + p.getKey())
                .isEqualTo(p.getValue().asInt())));

        Scene scene = BUILDER.build(interpretation.spec(), Complexity.LOW);
        Map<String, List<Bounds>> boundsByShape = new HashMap<>();
        for (SceneNode node : scene.roots()) {
            boundsByShape.computeIfAbsent(node.shape(), k -> new ArrayList<>()).add(node.bounds(Matrix4.IDENTITY));
        }
        // "a house with a red roof": every matching part of the first object of that shape has the colour, and some part does
        facts.path("partColors").properties().forEach(e -> e.getValue().properties().forEach(p -> {
            SceneNode node = scene.roots().stream().filter(n -> n.shape().equals(e.getKey())).findFirst().orElseThrow();
            List<dev.kiln.mesh.scene.MeshPart> matching = node.parts().stream()
                    .filter(part -> dev.kiln.mesh.generators.PartNames.matches(part.name(), p.getKey())).toList();
            soft.assertThat(matching).as(context + ": " + e.getKey() + " has a " + p.getKey()).isNotEmpty();
            matching.forEach(part -> soft.assertThat(part.material().baseColor()).as(context + ": colour of " + e.getKey() + " " + part.name())
                    .isEqualToIgnoringCase(p.getValue().asString()));
        }));
        for (JsonNode relation : facts.path("relations")) {
            String a = relation.get(0).asString(), type = relation.get(1).asString(), b = relation.get(2).asString();
            checkRelation(soft, context, boundsByShape, a, type, b);
        }
        facts.path("arrangement").properties().forEach(e -> checkArrangement(soft, context, boundsByShape.get(e.getKey()), e.getValue().asString()));
        for (JsonNode pair : facts.path("larger")) {
            soft.assertThat(union(boundsByShape.get(pair.get(0).asString())).largestSide()).as(context + ": " + pair.get(0) + " larger than " + pair.get(1))
                    .isGreaterThan(union(boundsByShape.get(pair.get(1).asString())).largestSide());
        }
        for (JsonNode dim : facts.path("dimensions")) {
            Bounds b = union(boundsByShape.get(dim.get(0).asString()));
            double actual = switch (dim.get(1).asString()) {
                case "height" -> b.height();
                case "width" -> b.width();
                case "depth" -> b.depth();
                default -> b.largestSide();
            };
            double expected = dim.get(2).asDouble();
            soft.assertThat(actual).as(context + ": " + dim).isCloseTo(expected, Offset.offset(expected * 0.01));
        }
        soft.assertAll();
    }

    private static void checkRelation(SoftAssertions soft, String context, Map<String, List<Bounds>> all, String a, String type, String b) {
        String what = context + ": " + a + " " + type + " " + b;
        List<Bounds> as = all.get(a);
        List<Bounds> bs = all.get(b);
        if (as == null || bs == null) {
            soft.fail(what + ": missing objects");
            return;
        }
        Bounds ab = union(as), bb = union(bs);
        double acx = (ab.minX() + ab.maxX()) / 2, acz = (ab.minZ() + ab.maxZ()) / 2;
        boolean overXZ = acx >= bb.minX() - EPS && acx <= bb.maxX() + EPS && acz >= bb.minZ() - EPS && acz <= bb.maxZ() + EPS;
        switch (type) {
            case "on_top" -> {
                soft.assertThat(ab.minY()).as(what + ": bottom of A rests on top of B").isCloseTo(bb.maxY(), Offset.offset(EPS));
                soft.assertThat(overXZ).as(what + ": A is over B").isTrue();
            }
            case "above" -> {
                soft.assertThat(ab.minY()).as(what + ": A above top of B").isGreaterThanOrEqualTo(bb.maxY() - EPS);
                soft.assertThat(overXZ).as(what + ": A is over B").isTrue();
            }
            case "left_of" -> soft.assertThat(ab.maxX()).as(what).isLessThanOrEqualTo(bb.minX() + EPS);
            case "right_of" -> soft.assertThat(ab.minX()).as(what).isGreaterThanOrEqualTo(bb.maxX() - EPS);
            case "in_front" -> soft.assertThat(ab.minZ()).as(what).isGreaterThanOrEqualTo(bb.maxZ() - EPS);
            case "behind" -> soft.assertThat(ab.maxZ()).as(what).isLessThanOrEqualTo(bb.minZ() + EPS);
            case "inside" -> {
                soft.assertThat(overXZ).as(what + ": centred within B").isTrue();
                soft.assertThat(ab.minY()).as(what + ": not below B").isGreaterThanOrEqualTo(bb.minY() - EPS);
                soft.assertThat(ab.minY()).as(what + ": starts inside B").isLessThan(bb.maxY());
            }
            case "around" -> {
                double cx = (bb.minX() + bb.maxX()) / 2, cz = (bb.minZ() + bb.maxZ()) / 2;
                double clear = Math.max(bb.width(), bb.depth()) / 2;
                List<Double> distances = new ArrayList<>();
                for (Bounds x : as) {
                    distances.add(Math.hypot((x.minX() + x.maxX()) / 2 - cx, (x.minZ() + x.maxZ()) / 2 - cz));
                }
                double d0 = distances.get(0);
                soft.assertThat(distances).as(what + ": all at the same distance").allSatisfy(d -> assertThat(d).isCloseTo(d0, Offset.offset(1e-3 + d0 * 0.02)));
                soft.assertThat(d0).as(what + ": outside B").isGreaterThan(clear);
            }
            default -> soft.fail("unknown relation type " + type);
        }
    }

    private static void checkArrangement(SoftAssertions soft, String context, List<Bounds> items, String type) {
        String what = context + ": arrangement " + type;
        if (items == null || items.size() < 2) {
            soft.fail(what + ": needs at least two objects");
            return;
        }
        List<double[]> c = items.stream().map(b -> new double[] {(b.minX() + b.maxX()) / 2, b.minY(), (b.minZ() + b.maxZ()) / 2, b.maxY()}).toList();
        switch (type) {
            case "row" -> {
                for (int i = 1; i < c.size(); i++) {
                    soft.assertThat(c.get(i)[0]).as(what + ": x increases").isGreaterThan(c.get(i - 1)[0] + EPS);
                    soft.assertThat(c.get(i)[1]).as(what + ": same base").isCloseTo(c.get(0)[1], Offset.offset(EPS));
                    soft.assertThat(c.get(i)[2]).as(what + ": same z").isCloseTo(c.get(0)[2], Offset.offset(EPS));
                    soft.assertThat(items.get(i).minX()).as(what + ": no overlap").isGreaterThanOrEqualTo(items.get(i - 1).maxX() - EPS);
                }
            }
            case "column" -> {
                for (int i = 1; i < c.size(); i++) {
                    soft.assertThat(c.get(i)[2]).as(what + ": z increases").isGreaterThan(c.get(i - 1)[2] + EPS);
                    soft.assertThat(c.get(i)[0]).as(what + ": same x").isCloseTo(c.get(0)[0], Offset.offset(EPS));
                }
            }
            case "stack" -> {
                for (int i = 1; i < c.size(); i++) {
                    soft.assertThat(c.get(i)[1]).as(what + ": rests on the one below").isCloseTo(c.get(i - 1)[3], Offset.offset(EPS));
                    soft.assertThat(c.get(i)[0]).as(what + ": same x").isCloseTo(c.get(0)[0], Offset.offset(EPS));
                }
            }
            case "circle" -> {
                double cx = c.stream().mapToDouble(p -> p[0]).average().orElseThrow(), cz = c.stream().mapToDouble(p -> p[2]).average().orElseThrow();
                double r0 = Math.hypot(c.get(0)[0] - cx, c.get(0)[2] - cz);
                soft.assertThat(r0).as(what + ": non-zero radius").isGreaterThan(EPS);
                for (double[] p : c) {
                    soft.assertThat(Math.hypot(p[0] - cx, p[2] - cz)).as(what + ": equal radius").isCloseTo(r0, Offset.offset(r0 * 0.02 + EPS));
                }
            }
            case "grid" -> {
                long xs = c.stream().map(p -> Math.round(p[0] * 1000)).distinct().count();
                long zs = c.stream().map(p -> Math.round(p[2] * 1000)).distinct().count();
                soft.assertThat(xs).as(what + ": several columns").isGreaterThan(1);
                soft.assertThat(zs).as(what + ": several rows").isGreaterThan(1);
            }
            default -> soft.fail("unknown arrangement " + type);
        }
    }

    private static ObjectSpec first(List<ObjectSpec> objects, String shape) {
        return objects.stream().filter(o -> o.shape().equals(shape)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + shape + " in " + objects.stream().map(ObjectSpec::shape).toList()));
    }

    private static Bounds union(List<Bounds> list) {
        Bounds out = Bounds.EMPTY;
        for (Bounds b : list) {
            out = out.union(b);
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
