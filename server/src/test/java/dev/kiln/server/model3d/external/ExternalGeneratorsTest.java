package dev.kiln.server.model3d.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which generator a request gets when it names none, and settings that cannot work are refused at startup. */
class ExternalGeneratorsTest {

    record Named(String id, Input input) implements ExternalGenerator {
        @Override public String label() { return id; }
        @Override public byte[] generate(Request request, Progress progress) { throw new UnsupportedOperationException(); }
    }

    static final ExternalGenerator MESHY = new Named("meshy", ExternalGenerator.Input.TEXT);
    static final ExternalGenerator STABILITY = new Named("stability", ExternalGenerator.Input.IMAGE);

    @Test
    void withoutKeysEverythingIsBuiltInAndPicturesBecomeReliefs() {
        ExternalGenerators none = new ExternalGenerators(List.of(), "");
        assertThat(none.defaultFor(false)).isEqualTo("procedural");
        assertThat(none.defaultFor(true)).isEqualTo("relief");
        assertThat(none.available("meshy")).isFalse();
        assertThat(none.available("lithophane")).isTrue();
        assertThat(none.input("lithophane")).isEqualTo(ExternalGenerator.Input.IMAGE);
        assertThat(none.list()).containsExactly(new ExternalGenerators.Info("procedural", "Built-in engine", "text", true),
                new ExternalGenerators.Info("relief", "Relief", "image", true),
                new ExternalGenerators.Info("lithophane", "Lithophane", "image", false));
    }

    @Test
    void configuredExternalsComeFirstForTheirInput() {
        ExternalGenerators both = new ExternalGenerators(List.of(MESHY, STABILITY), "");
        assertThat(both.defaultFor(false)).isEqualTo("meshy");
        assertThat(both.defaultFor(true)).isEqualTo("stability");
        assertThat(both.list()).extracting(ExternalGenerators.Info::id, ExternalGenerators.Info::preferred)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("procedural", false), org.assertj.core.groups.Tuple.tuple("meshy", true),
                        org.assertj.core.groups.Tuple.tuple("stability", true), org.assertj.core.groups.Tuple.tuple("relief", false),
                        org.assertj.core.groups.Tuple.tuple("lithophane", false));
    }

    @Test
    void thePreferredSettingWinsForItsInput() {
        ExternalGenerators local = new ExternalGenerators(List.of(MESHY, STABILITY), "procedural");
        assertThat(local.defaultFor(false)).isEqualTo("procedural");
        assertThat(local.defaultFor(true)).isEqualTo("stability");
    }

    @Test
    void aPreferredGeneratorWithoutItsKeyStopsTheServerFromStarting() {
        assertThatThrownBy(() -> new ExternalGenerators(List.of(), "meshy")).hasMessageContaining("KILN_MESHY_API_KEY");
        assertThatThrownBy(() -> new ExternalGenerators(List.of(), "replicate")).hasMessageContaining("use one of");
    }

    @Test
    void meshyPromptsAreCutAtAWordAndPolycountsFollowComplexity() {
        String longText = "a castle with many towers ".repeat(40);
        String prompt = MeshyTextTo3d.prompt(longText);
        assertThat(prompt.length()).isLessThanOrEqualTo(MeshyTextTo3d.PROMPT_MAX);
        assertThat(longText).startsWith(prompt);
        assertThat(longText.charAt(prompt.length())).as("cut at a word boundary").isEqualTo(' ');
        assertThat(MeshyTextTo3d.polycount("low")).isLessThan(MeshyTextTo3d.polycount("medium"));
        assertThat(MeshyTextTo3d.polycount("high")).isGreaterThan(MeshyTextTo3d.polycount("medium"));
    }
}
