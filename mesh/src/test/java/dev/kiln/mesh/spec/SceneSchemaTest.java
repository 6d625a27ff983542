package dev.kiln.mesh.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.mesh.generators.ShapeCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The committed JSON schema stays in step with the records and the shape catalog. */
class SceneSchemaTest {

    private static JsonNode schema() throws IOException {
        try (InputStream in = SceneSchemaTest.class.getResourceAsStream("/kiln-scene.schema.json")) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    @Test
    void listsEveryCatalogShapeAsAnExample() throws IOException {
        List<String> examples = new ArrayList<>();
        schema().path("$defs").path("sceneObject").path("properties").path("shape").path("examples").forEach(n -> examples.add(n.asString()));
        assertThat(examples).containsExactlyInAnyOrderElementsOf(ShapeCatalog.standard().names());
    }

    @Test
    void describesTheFieldsTheRecordsSerialise() throws IOException {
        JsonNode defs = schema().path("$defs");
        assertThat(schema().path("properties").path("version").path("const").asInt()).isEqualTo(SceneSpec.CURRENT_VERSION);
        List<String> objectFields = new ArrayList<>();
        defs.path("sceneObject").path("properties").properties().forEach(e -> objectFields.add(e.getKey()));
        assertThat(objectFields).containsExactlyInAnyOrder("name", "shape", "params", "transform", "material", "children", "parts");
        List<String> materialFields = new ArrayList<>();
        defs.path("material").path("properties").properties().forEach(e -> materialFields.add(e.getKey()));
        assertThat(materialFields).containsExactlyInAnyOrder("baseColor", "metalness", "roughness", "opacity");
        String written = SceneSpecJson.write(SceneSpec.of(List.of(ObjectSpec.of("b", "box")
                .withMaterial(MaterialSpec.DEFAULT).withTransform(TransformSpec.at(1, 2, 3)))));
        for (String field : List.of("\"version\"", "\"objects\"", "\"shape\"", "\"transform\"", "\"position\"", "\"material\"", "\"baseColor\"")) {
            assertThat(written).contains(field);
        }
    }

    @Test
    void theSchemaTextAndTheShapeGuideAreThereForSpecWriters() throws IOException {
        assertThat(JsonMapper.builder().build().readTree(SceneSchema.json())).isEqualTo(schema());
        String guide = SceneSchema.shapeGuide(ShapeCatalog.standard());
        assertThat(guide.lines()).hasSize(ShapeCatalog.standard().names().size());
        // Every shape with its parameters (default and range) and the part nouns its materials may name.
        assertThat(guide).containsPattern("(?m)^box: .*; params width=1 \\(")
                .containsPattern("(?m)^house: .*; parts .*roof");
    }
}
