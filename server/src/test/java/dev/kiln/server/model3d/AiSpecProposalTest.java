package dev.kiln.server.model3d;

import static dev.kiln.server.model3d.ModelTestSupport.accepted;
import static dev.kiln.server.model3d.ModelTestSupport.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.server.ai.FixtureServer;
import dev.kiln.server.ai.FixtureServer.Received;
import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The assistant proposes the scene spec (KILN_MODEL3D_AISPEC), against recorded OpenAI wire fixtures served over real
 * HTTP: a valid proposal is what gets built and the model says who proposed it; a proposal that breaks the schema, the
 * ranges or the server's caps, a reply that is not JSON, an HTTP 500 and a reply that never comes all fall back to the
 * built-in interpreter with a note saying why.
 */
class AiSpecProposalTest {
    private static final String DESCRIPTION = "a wooden table with a blue vase and an orange on it";
    private static final String FALLBACK = "; used the built-in interpreter";
    private static final AtomicInteger SEQ = new AtomicInteger();
    static FixtureServer fixtures;
    static KilnInstance kiln;
    static Api api;

    @BeforeAll
    static void start() {
        fixtures = new FixtureServer();
        Map<String, Object> props = fixtures.openAiKilnSettings();
        // Small caps, so that recorded proposals can break them: three objects, 100k triangles.
        props.put("kiln.model3d.max-objects", "3");
        props.put("kiln.model3d.max-triangles", "100000");
        props.put("kiln.model3d.ai-spec-timeout", "2s");
        props.put("kiln.model3d.per-user-limit", "10");
        // Retries of the HTTP 500 stay well inside the 2 s the proposal may take.
        props.put("kiln.ai.retry-backoff", "50ms");
        kiln = KilnInstance.start(props);
        api = kiln.api;
    }

    @AfterAll
    static void stop() {
        kiln.close();
        fixtures.close();
    }

    @BeforeEach
    void reset() {
        fixtures.reset("openai");
    }

    static Session user() {
        return api.register("spec" + SEQ.incrementAndGet());
    }

    static JsonNode completed(Session who, String description) throws InterruptedException {
        String id = accepted(api, who, description, null);
        awaitStatus(api, who, id, "completed");
        Api.Response detail = api.get("/api/3d/models/" + id, who.token());
        assertThat(detail.status()).isEqualTo(200);
        return detail.body();
    }

    static List<String> colours(JsonNode spec) {
        List<String> out = new ArrayList<>();
        spec.path("objects").forEach(o -> out.add(o.path("material").path("baseColor").asString()));
        return out;
    }

    @Test
    void aValidProposalIsBuiltAndTheModelSaysWhoProposedIt() throws Exception {
        fixtures.enqueue("openai", FixtureServer.sse("openai-3d-spec-stream.txt"));
        Session ada = user();
        JsonNode model = completed(ada, DESCRIPTION);

        JsonNode spec = model.path("spec");
        assertThat(spec.path("objects")).as(model.toString()).hasSize(3);
        assertThat(spec.path("objects").findValuesAsString("name")).containsExactly("oak table", "blue vase", "orange");
        assertThat(colours(spec)).containsExactly("#6b3e26", "#1f4fbf", "#ff8c00");
        assertThat(spec.path("objects").get(1).path("transform").path("position").get(1).asDouble()).isEqualTo(0.75);
        String note = "spec proposed by the assistant (gpt-4o-mini-2024-07-18)";
        assertThat(model.path("note").asString()).isEqualTo(note);
        assertThat(model.path("generator").asString()).isEqualTo("procedural");
        assertThat(model.path("stats").path("objects").asInt()).isEqualTo(3);
        assertThat(model.path("interpretation").path("understood").get(0).path("meaning").asString()).isEqualTo(note);

        // What went over the wire: the description as the user turn, the schema and shape guide in the system prompt,
        // and OpenAI's structured output (json_schema) against the same schema.
        List<Received> sent = fixtures.requests("openai");
        assertThat(sent).hasSize(1);
        JsonNode body = Api.JSON.readTree(sent.getFirst().body());
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("schema").path("$defs").path("sceneObject").path("properties").has("shape")).isTrue();
        assertThat(format.path("json_schema").path("strict").asBoolean(false)).isFalse();
        JsonNode messages = body.path("messages");
        assertThat(messages.get(0).path("role").asString()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asString()).contains("\"$id\": \"https://kiln.dev/schemas/kiln-scene.schema.json\"")
                .containsPattern("(?m)^table: .*params width=1.2 \\(0.1..20\\)").contains("at most 3");
        assertThat(messages.get(1).path("content").asString()).isEqualTo("Description:\n" + DESCRIPTION);
    }

    /** One recorded proposal that must not be built, and the start of the note people then see. */
    record Refused(String fixture, String note) {}

    @Test
    void invalidProposalsFallBackToTheInterpreterWithTheReason() throws Exception {
        Session ada = user();
        List<Refused> cases = List.of(
                new Refused("openai-3d-spec-bad-schema-stream.txt", "the assistant's proposal was invalid: objects[0].shape: unknown shape"),
                new Refused("openai-3d-spec-absurd-stream.txt", "the assistant's proposal was invalid: objects[0].params.width: "),
                new Refused("openai-3d-spec-too-many-objects-stream.txt", "the assistant's proposal was invalid: objects: 4 objects exceed the limit of 3"),
                new Refused("openai-3d-spec-too-many-triangles-stream.txt", "the assistant's proposal could not be built: "),
                new Refused("openai-3d-spec-prose-stream.txt", "the assistant's proposal was invalid: $: cannot parse"));
        for (Refused r : cases) {
            reset();
            fixtures.enqueue("openai", FixtureServer.sse(r.fixture()));
            JsonNode model = completed(ada, DESCRIPTION);
            String note = model.path("note").asString();
            assertThat(note).as(r.fixture()).startsWith(r.note()).endsWith(FALLBACK);
            // Built from the interpreter's reading of the words, with its report.
            JsonNode spec = model.path("spec");
            assertThat(spec.path("objects").get(0).path("shape").asString()).as(r.fixture()).isEqualTo("table");
            assertThat(colours(spec)).as(r.fixture()).doesNotContain("#6b3e26");
            assertThat(model.path("interpretation").path("understood").toString()).as(r.fixture()).contains("table").contains("vase");
            assertThat(fixtures.requests("openai")).as(r.fixture()).hasSize(1);
        }
        // The note names every problem, with its path.
        reset();
        fixtures.enqueue("openai", FixtureServer.sse("openai-3d-spec-absurd-stream.txt"));
        assertThat(completed(ada, DESCRIPTION).path("note").asString()).contains("objects[0].params.width").contains("objects[0].transform.scale");
    }

    @Test
    void anErrorOrNoAnswerInTimeFallsBackToTheInterpreter() throws Exception {
        Session ada = user();
        fixtures.defaultReply("openai", FixtureServer.status(500, "openai-server-error.json"));
        String failed = completed(ada, DESCRIPTION).path("note").asString();
        assertThat(failed).startsWith("the assistant could not propose a spec (").contains("500").endsWith(FALLBACK);

        reset();
        fixtures.defaultReply("openai", FixtureServer.hang());
        JsonNode late = completed(ada, DESCRIPTION);
        assertThat(late.path("note").asString()).isEqualTo("the assistant did not propose a spec within 2 s" + FALLBACK);
        assertThat(late.path("spec").path("objects").get(0).path("shape").asString()).isEqualTo("table");
    }

    @Test
    void autoAsksOnlyHostedProvidersSoALocalOnlyServerStaysDeterministic() {
        assertThat(AiSpecProposal.enabled("auto", List.of("openai"))).isTrue();
        assertThat(AiSpecProposal.enabled("auto", List.of("local", "anthropic"))).isTrue();
        assertThat(AiSpecProposal.enabled("auto", List.of("local"))).isFalse();
        assertThat(AiSpecProposal.enabled("auto", List.of())).isFalse();
        assertThat(AiSpecProposal.enabled("on", List.of("local"))).isTrue();
        assertThat(AiSpecProposal.enabled("on", List.of())).isFalse();
        assertThat(AiSpecProposal.enabled("off", List.of("openai"))).isFalse();
        assertThatThrownBy(() -> AiSpecProposal.enabled("sometimes", List.of())).hasMessageContaining("auto, on or off");
    }
}
