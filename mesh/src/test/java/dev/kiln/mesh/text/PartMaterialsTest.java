package dev.kiln.mesh.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.io.GltfModelReader;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.GeneratedModel;
import dev.kiln.mesh.Mesh3dEngine;
import dev.kiln.mesh.Options;
import dev.kiln.mesh.export.ExportFormat;
import dev.kiln.mesh.generators.Part;
import dev.kiln.mesh.generators.PartNames;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.scene.MeshPart;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import dev.kiln.mesh.spec.ObjectSpec;
import dev.kiln.mesh.spec.SceneSpec;
import dev.kiln.mesh.spec.SceneSpecJson;
import dev.kiln.mesh.spec.SceneSpecValidator;
import dev.kiln.mesh.spec.ValidationError;
import dev.kiln.mesh.text.Interpretation.Understood;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "a house with a red roof": colours and materials attached to a template's named parts reach that part, and only
 * that part, through the spec's {@code parts} into the built scene and the exported GLB; unknown parts are reported.
 */
class PartMaterialsTest {
    private final Mesh3dEngine engine = new Mesh3dEngine();
    private final Options medium = new Options(Complexity.MEDIUM, Options.Style.SMOOTH);

    private static List<MeshPart> parts(GeneratedModel model, String key) {
        List<MeshPart> out = new ArrayList<>();
        for (Scene.WorldPart p : model.scene().worldParts()) if (PartNames.matches(p.part().name(), key)) out.add(p.part());
        return out;
    }

    private static MeshPart part(GeneratedModel model, String name) {
        return model.scene().worldParts().stream().map(Scene.WorldPart::part).filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aHouseWithARedRoofHasARedRoofAndNothingElseChanges() throws IOException {
        GeneratedModel model = engine.generate("a house with a red roof", medium, null);

        Interpretation i = model.interpretation();
        assertThat(i.understood()).contains(new Understood("with a red roof", "house roof: colour #ff0000"));
        assertThat(i.ignored()).isEmpty();
        assertThat(model.spec().objects()).hasSize(1);
        ObjectSpec house = model.spec().objects().getFirst();
        assertThat(house.shape()).isEqualTo("house");
        assertThat(house.parts()).containsOnlyKeys("roof");
        assertThat(house.parts().get("roof").baseColor()).isEqualTo("#ff0000");

        assertThat(part(model, "roof").material().baseColor()).isEqualTo("#ff0000");
        assertThat(part(model, "walls").material().baseColor()).isEqualTo("#e9dcc0"); // the house's own colour
        assertThat(part(model, "door").material()).isEqualTo(MaterialPresets.DARK_WOOD);

        // In the exported GLB, the node named "roof" is drawn with a red PBR base colour (linear 1, 0, 0).
        ByteArrayOutputStream glb = new ByteArrayOutputStream();
        engine.export(model, ExportFormat.GLB, glb);
        GltfModel gltf = new GltfModelReader().readWithoutReferences(new ByteArrayInputStream(glb.toByteArray()));
        NodeModel roof = gltf.getNodeModels().stream().filter(n -> "roof".equals(n.getName())).findFirst().orElseThrow();
        MeshPrimitiveModel primitive = roof.getMeshModels().getFirst().getMeshPrimitiveModels().getFirst();
        float[] colour = ((MaterialModelV2) primitive.getMaterialModel()).getBaseColorFactor();
        assertThat(colour[0]).isCloseTo(1f, offset(1e-4f));
        assertThat(colour[1]).isCloseTo(0f, offset(1e-4f));
        assertThat(colour[2]).isCloseTo(0f, offset(1e-4f));
        NodeModel walls = gltf.getNodeModels().stream().filter(n -> "walls".equals(n.getName())).findFirst().orElseThrow();
        float[] wallColour = ((MaterialModelV2) walls.getMeshModels().getFirst().getMeshPrimitiveModels().getFirst().getMaterialModel())
                .getBaseColorFactor();
        assertThat(wallColour[2]).as("walls stay cream, not red").isGreaterThan(0.5f);
    }

    @Test
    void aCarWithBlueWheelsColoursAllFourWheelsButNotTheHubcaps() {
        GeneratedModel model = engine.generate("a car with blue wheels", new Options(Complexity.HIGH, Options.Style.SMOOTH), null);
        assertThat(model.interpretation().understood()).contains(new Understood("with blue wheels", "car wheel: colour #0000ff"));
        List<MeshPart> wheels = parts(model, "wheel");
        assertThat(wheels).hasSize(4).allSatisfy(w -> assertThat(w.material().baseColor()).isEqualTo("#0000ff"));
        assertThat(parts(model, "hubcap")).isNotEmpty().allSatisfy(h -> assertThat(h.material().baseColor()).isNotEqualTo("#0000ff"));
        assertThat(part(model, "body").material().baseColor()).isNotEqualTo("#0000ff");
    }

    @Test
    void severalPartsJoinedByAndStayOnTheSameObject() {
        GeneratedModel model = engine.generate("a white car with blue wheels and a black cabin next to a house with a green door", medium, null);
        assertThat(model.spec().objects()).extracting(ObjectSpec::shape).containsExactly("car", "house");
        ObjectSpec car = model.spec().objects().get(0);
        assertThat(car.material().baseColor()).isEqualTo("#ffffff");
        assertThat(car.parts()).containsOnlyKeys("wheel", "cabin");
        assertThat(car.parts().get("cabin").baseColor()).isEqualTo("#000000");
        assertThat(model.spec().objects().get(1).parts().get("door").baseColor()).isEqualTo("#008000");
        assertThat(model.interpretation().ignored()).isEmpty();
    }

    @Test
    void materialsShadesAndCountsWorkOnPartsToo() {
        GeneratedModel table = engine.generate("a table with four red legs and a glass top", medium, null);
        ObjectSpec spec = table.spec().objects().getFirst();
        assertThat(spec.params()).containsEntry("legs", 4);
        assertThat(parts(table, "leg")).hasSize(4).allSatisfy(l -> assertThat(l.material().baseColor()).isEqualTo("#ff0000"));
        MeshPart top = part(table, "top");
        assertThat(top.material().opacity()).isLessThan(1); // glass
        assertThat(table.interpretation().understood()).extracting(Understood::meaning)
                .contains("table legs = 4, leg: colour #ff0000", "table top: material glass");

        GeneratedModel tower = engine.generate("a stone tower with a light blue roof", medium, null);
        assertThat(tower.spec().objects().getFirst().params()).containsEntry("roof", 1); // the roof is also switched on
        assertThat(parts(tower, "roof")).isNotEmpty().allSatisfy(r -> assertThat(r.material().baseColor()).isEqualTo("#add8e6"));

        GeneratedModel sword = engine.generate("a sword with a golden grip", medium, null);
        assertThat(part(sword, "grip").material().metalness()).isEqualTo(1.0);
        assertThat(part(sword, "blade").material().metalness()).isEqualTo(1.0); // steel stays steel
        assertThat(part(sword, "grip").material().baseColor()).isEqualTo(MaterialPresets.byWord().get("golden").baseColor());
    }

    @Test
    void unknownPartsAreReportedAsIgnoredAndOtherObjectsStillFollowWith() {
        Interpretation garage = new DescriptionInterpreter().interpret("a house with a red garage", Complexity.MEDIUM);
        assertThat(garage.ignored()).containsExactly(
                "with a red garage (a house has no part called 'garage'; its parts: wall, roof, door, window, chimney)");
        assertThat(garage.spec().objects()).hasSize(1);
        assertThat(garage.spec().objects().getFirst().parts()).isEmpty();

        Interpretation lamp = new DescriptionInterpreter().interpret("a table with a red lamp", Complexity.MEDIUM);
        assertThat(lamp.spec().objects()).extracting(ObjectSpec::shape).containsExactly("table", "lamp");
        assertThat(lamp.spec().objects().get(1).material().baseColor()).isEqualTo("#ff0000");

        Interpretation big = new DescriptionInterpreter().interpret("a house with a big red roof", Complexity.MEDIUM);
        assertThat(big.ignored()).containsExactly("big (sizes of parts are not adjustable)");
        assertThat(big.spec().objects().getFirst().parts()).containsOnlyKeys("roof");
    }

    @Test
    void aPartTheTemplateOnlyBuildsAtHigherComplexityIsReportedNotPromised() {
        Interpretation medium = new DescriptionInterpreter().interpret("a house with a black chimney", Complexity.MEDIUM);
        assertThat(medium.ignored()).containsExactly("with a black chimney (this house has no chimney at medium complexity)");
        assertThat(medium.understood()).extracting(Understood::phrase).doesNotContain("with a black chimney");
        assertThat(medium.spec().objects().getFirst().parts()).isEmpty();

        Interpretation high = new DescriptionInterpreter().interpret("a house with a black chimney", Complexity.HIGH);
        assertThat(high.ignored()).isEmpty();
        assertThat(high.understood()).contains(new Understood("with a black chimney", "house chimney: colour #000000"));
    }

    @Test
    void specsCarryPartMaterialsAndTheValidatorChecksTheirNames() {
        SceneSpec spec = SceneSpec.of(List.of(ObjectSpec.of("house", "house")
                .withParts(Map.of("roof", MaterialSpec.color("#112233"), "chimny", MaterialSpec.color("#ffffff")))));
        List<ValidationError> errors = new SceneSpecValidator(ShapeCatalog.standard(), dev.kiln.mesh.spec.SceneLimits.DEFAULT).validate(spec);
        assertThat(errors).containsExactly(new ValidationError("objects[0].parts.chimny",
                "a house has no part 'chimny' (its parts: wall, roof, door, window, chimney)"));
        SceneSpec box = SceneSpec.of(List.of(ObjectSpec.of("box", "box").withParts(Map.of("lid", MaterialSpec.color("#zzzzzz")))));
        assertThat(new SceneSpecValidator(ShapeCatalog.standard(), dev.kiln.mesh.spec.SceneLimits.DEFAULT).validate(box))
                .extracting(ValidationError::path).contains("objects[0].parts.lid");

        String json = SceneSpecJson.write(engine.generate("a house with a red roof", medium, null).spec());
        assertThat(json).contains("\"parts\"").contains("\"roof\"");
        SceneSpec back = SceneSpecJson.read(json);
        assertThat(back.objects().getFirst().parts().get("roof").baseColor()).isEqualTo("#ff0000");
        assertThat(SceneSpecJson.write(SceneSpec.of(List.of(ObjectSpec.of("b", "box"))))).doesNotContain("parts");
    }

    @Test
    void everyDeclaredPartNameNamesAGeneratedPart() {
        // Parameters that switch on optional parts: a chair's slats, a tower's pointed roof, a one-legged table's pedestal.
        Map<String, Map<String, Object>> extras = Map.of("chair", Map.of("slats", 3), "tower", Map.of("roof", 1), "table", Map.of("legs", 1));
        for (ShapeGenerator shape : ShapeCatalog.standard().all()) {
            List<Part> generated = new ArrayList<>(shape.generate(Map.of(), Complexity.HIGH).parts());
            generated.addAll(shape.generate(extras.getOrDefault(shape.name(), Map.of()), Complexity.HIGH).parts());
            for (String name : shape.partNames()) {
                assertThat(generated).as(shape.name() + " part '" + name + "' in " + generated.stream().map(Part::name).toList())
                        .anySatisfy(p -> assertThat(PartNames.matches(p.name(), name)).isTrue());
            }
        }
    }
}
