package dev.kiln.mesh.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.scene.SceneBuilder;
import dev.kiln.mesh.scene.SceneTooLargeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SceneSpecValidatorTest {

    private final SceneSpecValidator validator = new SceneSpecValidator();

    private List<String> errors(String json) {
        return validator.validate(SceneSpecJson.read(json)).stream().map(ValidationError::toString).toList();
    }

    @Test
    void acceptsAWellFormedSpecAndRoundTripsItThroughJson() {
        String json = """
                {"version": 1, "objects": [
                  {"name": "top", "shape": "table", "params": {"legs": 3, "height": 0.9},
                   "transform": {"position": [1, 0, 2], "rotation": [0, 45, 0], "scale": [1, 1, 1]},
                   "material": {"baseColor": "#AA3300", "metalness": 0.1, "roughness": 0.7, "opacity": 1},
                   "children": [{"shape": "mug", "transform": {"position": [0, 0.9, 0]}}]}]}
                """;
        SceneSpec spec = SceneSpecJson.read(json);
        assertThat(validator.validate(spec)).isEmpty();
        assertThat(spec.objects().get(0).transform().rotation()).isEqualTo(new Vec3(0, 45, 0));
        assertThat(spec.objects().get(0).material().baseColor()).isEqualTo("#aa3300");
        assertThat(spec.objects().get(0).children().get(0).material()).as("absent material means the shape's default").isNull();
        SceneSpec again = SceneSpecJson.read(SceneSpecJson.write(spec));
        assertThat(again).isEqualTo(spec);
        assertThat(SceneSpecJson.write(spec)).contains("\"position\" : [ 1.0, 0.0, 2.0 ]");
    }

    @Test
    void absentMaterialFieldsTakeDefaultsNotZero() {
        SceneSpec spec = SceneSpecJson.read("{\"version\":1,\"objects\":[{\"shape\":\"box\",\"material\":{\"baseColor\":\"#ff0000\"}}]}");
        MaterialSpec m = spec.objects().get(0).material();
        assertThat(m.opacity()).isEqualTo(1.0);
        assertThat(m.roughness()).isEqualTo(MaterialSpec.DEFAULT.roughness());
    }

    @Test
    void rejectsNegativeSizesHugeSegmentsUnknownShapesAndNaNWithPreciseMessages() {
        List<String> errors = errors("""
                {"version": 1, "objects": [
                  {"shape": "box", "params": {"width": -2}},
                  {"shape": "sphere", "params": {"segments": 1000000000}},
                  {"shape": "spere"},
                  {"shape": "cylinder", "params": {"radius": NaN}},
                  {"shape": "cone", "transform": {"position": [0, Infinity, 0], "scale": [0, 1, 1]}},
                  {"shape": "box", "material": {"baseColor": "red", "metalness": 2}},
                  {"shape": "box", "params": {"colour": 3}},
                  {"shape": "table", "params": {"legs": 2.5}},
                  {}
                ]}
                """);
        assertThat(errors).containsExactlyInAnyOrder(
                "objects[0].params.width: -2 is below the minimum 0.001",
                "objects[1].params.segments: 1000000000 is above the maximum 256",
                "objects[2].shape: unknown shape 'spere' (did you mean 'sphere'?)",
                "objects[3].params.radius: must be a finite number, got NaN",
                "objects[4].transform.position[1]: must be a finite number, got Infinity",
                "objects[4].transform.scale[0]: scale 0 flattens the object; use a small positive value",
                "objects[5].material.baseColor: expected a colour like \"#ff8800\", got \"red\"",
                "objects[5].material.metalness: 2 is outside 0..1",
                "objects[6].params.colour: unknown parameter for box (known: width, height, depth)",
                "objects[7].params.legs: expected a whole number, got 2.5",
                "objects[8].shape: missing; name a shape such as 'box' or 'table'");
    }

    @Test
    void rejectsWrongVersionEmptyScenesAndTooManyObjects() {
        assertThat(errors("{\"version\": 2, \"objects\": [{\"shape\": \"box\"}]}")).containsExactly("version: unsupported version 2 (expected 1)");
        assertThat(errors("{\"version\": 1, \"objects\": []}")).containsExactly("objects: a scene needs at least one object");
        List<ObjectSpec> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(ObjectSpec.of("b" + i, "box"));
        }
        assertThat(validator.validate(SceneSpec.of(many))).extracting(ValidationError::toString)
                .containsExactly("objects: 501 objects exceed the limit of 500");
    }

    @Test
    void rejectsDeepNestingAndFarAwayObjects() {
        ObjectSpec nested = ObjectSpec.of("leaf", "box");
        for (int i = 0; i < 9; i++) {
            nested = ObjectSpec.of("level" + i, "box").withChildren(List.of(nested));
        }
        assertThat(validator.validate(SceneSpec.of(List.of(nested)))).extracting(ValidationError::toString)
                .anyMatch(e -> e.contains("nested 9 levels deep, the limit is 8"));
        SceneSpec far = SceneSpec.of(List.of(ObjectSpec.of("far", "box").withTransform(TransformSpec.at(1e6, 0, 0))));
        assertThat(validator.validate(far)).extracting(ValidationError::toString)
                .containsExactly("objects[0].transform.position[0]: 1000000 m is beyond the limit of 10000 m");
    }

    @Test
    void parseErrorsCarryTheirPath() {
        assertThatThrownBy(() -> SceneSpecJson.read("{\"version\": 1, \"objects\": [{\"shape\": \"box\", \"colour\": 1}]}"))
                .isInstanceOf(InvalidSceneSpecException.class)
                .satisfies(e -> assertThat(((InvalidSceneSpecException) e).errors().get(0).path()).isEqualTo("objects[0].colour"));
    }

    @Test
    void triangleCapIsEnforcedWhileBuilding() {
        SceneLimits tight = new SceneLimits(500, 10_000, 8, 10_000, 1_000, 200);
        List<ObjectSpec> spheres = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            spheres.add(ObjectSpec.of("s" + i, "sphere").withParams(Map.of("segments", 64)));
        }
        SceneBuilder builder = new SceneBuilder(ShapeCatalog.standard(), tight);
        assertThatThrownBy(() -> builder.build(SceneSpec.of(spheres), Complexity.LOW))
                .isInstanceOf(SceneTooLargeException.class).hasMessageContaining("more than 10000 triangles");
        assertThat(builder.build(SceneSpec.of(spheres.subList(0, 1)), Complexity.LOW).triangleCount()).isLessThan(10_000);
    }
}
