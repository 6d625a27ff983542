package dev.kiln.server.model3d;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kiln.mesh.GeneratedModel;
import dev.kiln.mesh.ModelStats;
import dev.kiln.mesh.geometry.Bounds;
import dev.kiln.mesh.text.Interpretation;
import dev.kiln.server.shared.Ids;
import dev.kiln.server.shared.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON shapes of the text-to-3D API (docs/protocol.md, "Text-to-3D"), and how rows become them. */
@Component
public class ModelViews {

    /** Answer of POST /api/3d/generate and the generate_3d_model ack. */
    public record Accepted(String generationId, String status, int estimatedTime) {}

    /** GET /api/3d/status/{id}: {@code data} is the model summary once completed, {@code {error}} once failed or cancelled. */
    public record Status(String generationId, String status, int progress, String stage, Object data) {}

    /** Download links, one per format. */
    public record Urls(String glb, String gltf, String obj, String stl) {}

    /** Axis-aligned bounds in metres. */
    public record BoundsView(double[] min, double[] max, double[] size) {}

    /** Size facts of the current version. */
    public record Stats(long triangles, long vertices, int objects, BoundsView bounds) {}

    /** Generation options as stored. */
    public record OptionsView(String complexity, String style) {}

    /** How the interpreter read the description: phrases with their meaning, and what it ignored. */
    public record InterpretationView(List<UnderstoodView> understood, List<String> ignored) {}

    public record UnderstoodView(String phrase, String meaning) {}

    /**
     * A model in lists and events. Stats and urls are null until the generation has completed. {@code generator} is what
     * made the current version ("procedural" for the built-in engine, "meshy", "stability"), or what the job asked for
     * until it completes; {@code note} says how the current version was made when people should know (a fall-back to the
     * built-in engine or interpreter, a spec the assistant proposed), else null: a version saved from an edit has none.
     */
    public record Summary(String id, String name, String description, String status, String ownerId, String ownerUsername,
                          String conversationId, OptionsView options, List<String> tags, Integer version, Stats stats, Urls urls,
                          String error, Instant createdAt, Instant updatedAt, String generator, String note) {}

    /**
     * GET /api/3d/models/{id}: the summary plus the current scene spec (null for a model kept as an external generator
     * delivered it), the interpreter's report, versions and shares.
     */
    public record Detail(@JsonUnwrapped Summary summary, JsonNode spec, InterpretationView interpretation, List<Integer> versions,
                         List<String> sharedIn) {}

    /**
     * One shape of GET /api/3d/shapes, for the editor's parameter inputs. {@code template} is true for shapes only the
     * engine can draw (table, tree); {@code parts} are the nouns a spec's {@code parts} materials may name.
     */
    public record ShapeView(String name, String summary, boolean template, List<ParameterView> params, List<String> parts) {}

    /**
     * A shape parameter as the validator checks it: kind "number", "integer", "color" or "text"; {@code min}/{@code max}
     * bound a number's value or a text's length (already capped by this server's limits).
     */
    public record ParameterView(String name, String kind, Object defaultValue, double min, double max, String description) {}

    /** GET /api/3d/assets. */
    public record AssetPage(List<Summary> items, int page, int size, long total, boolean hasMore) {}

    private final JsonMapper json;

    public ModelViews(JsonMapper json) {
        this.json = json;
    }

    static Urls urls(long modelId) {
        String base = "/api/3d/models/" + Ids.format(modelId) + "/download?format=";
        return new Urls(base + "glb", base + "gltf", base + "obj", base + "stl");
    }

    static Stats stats(ModelStats s) {
        return new Stats(s.triangles(), s.vertices(), s.objects(), bounds(s.bounds()));
    }

    static BoundsView bounds(Bounds b) {
        if (b.isEmpty()) return new BoundsView(new double[3], new double[3], new double[3]);
        return new BoundsView(new double[] {b.minX(), b.minY(), b.minZ()}, new double[] {b.maxX(), b.maxY(), b.maxZ()},
                new double[] {b.width(), b.height(), b.depth()});
    }

    String boundsJson(GeneratedModel model) {
        return json.writeValueAsString(bounds(model.stats().bounds()));
    }

    String interpretationJson(Interpretation interpretation) {
        if (interpretation == null) return null;
        return json.writeValueAsString(new InterpretationView(
                interpretation.understood().stream().map(u -> new UnderstoodView(u.phrase(), u.meaning())).toList(),
                interpretation.ignored()));
    }

    Summary summary(StoredModel m, StoredVersion v, List<String> tags) {
        Stats stats = v == null ? null : new Stats(v.triangles(), v.vertices(), v.objects(), json.readValue(v.bounds(), BoundsView.class));
        return new Summary(Ids.format(m.id()), m.name(), m.description(), m.status(), Ids.format(m.ownerId()), m.ownerUsername(),
                Rows.id(m.conversationId()), new OptionsView(m.complexity(), m.style()), tags, v == null ? null : v.version(), stats,
                v == null ? null : urls(m.id()), m.error(), Rows.instant(m.createdAt()), Rows.instant(m.updatedAt()),
                v == null ? m.generator() : v.source(), v == null ? m.note() : v.note());
    }

    Detail detail(StoredModel m, StoredVersion v, List<String> tags, List<Integer> versions, List<Long> sharedIn) {
        JsonNode spec = v == null || !v.procedural() ? null : json.readTree(v.spec());
        InterpretationView interpretation = v == null || v.interpretation() == null ? null
                : json.readValue(v.interpretation(), InterpretationView.class);
        return new Detail(summary(m, v, tags), spec, interpretation, versions, sharedIn.stream().map(Ids::format).toList());
    }

    Status status(StoredModel m, StoredVersion v, List<String> tags) {
        Object data = switch (m.status()) {
            case StoredModel.COMPLETED -> summary(m, v, tags);
            case StoredModel.FAILED, StoredModel.CANCELLED -> Map.of("error", m.error() == null ? m.status() : m.error());
            default -> null;
        };
        return new Status(Ids.format(m.id()), m.status(), m.progress(), m.stage(), data);
    }
}
