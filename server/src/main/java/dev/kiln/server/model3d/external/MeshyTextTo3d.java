package dev.kiln.server.model3d.external;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meshy text-to-3D, v2 API: {@code POST /openapi/v2/text-to-3d {mode:"preview", prompt, …}} answers {@code {result:
 * taskId}}; {@code GET /openapi/v2/text-to-3d/{id}} is polled until {@code status} is SUCCEEDED (progress 0-100 on the
 * way) or FAILED / CANCELED / EXPIRED; then {@code model_urls.glb}, a signed URL on Meshy's asset host, is downloaded
 * without the API key. With {@code refine} on, a refine (texturing) task follows the preview.
 */
final class MeshyTextTo3d implements ExternalGenerator {
    static final String DEFAULT_BASE_URL = "https://api.meshy.ai";
    static final String TASKS = "/openapi/v2/text-to-3d";
    /** Meshy's prompt limit. */
    static final int PROMPT_MAX = 600;
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final GeneratorSettings.Meshy cfg;
    private final ExternalHttp http;
    private final RestClient api;
    private final RestClient assets;
    private final JsonMapper json;
    private final long maxModelBytes;

    MeshyTextTo3d(GeneratorSettings.Meshy cfg, JsonMapper json, long maxModelBytes) {
        this.cfg = cfg;
        this.json = json;
        this.maxModelBytes = maxModelBytes;
        this.http = new ExternalHttp(label(), cfg.apiKey(), json);
        String base = cfg.baseUrl() == null || cfg.baseUrl().isBlank() ? DEFAULT_BASE_URL : cfg.baseUrl().replaceAll("/+$", "");
        this.api = ExternalHttp.client(base, cfg.requestTimeout(), false);
        this.assets = ExternalHttp.client(null, cfg.requestTimeout(), true);
    }

    @Override
    public String id() {
        return "meshy";
    }

    @Override
    public String label() {
        return "Meshy";
    }

    @Override
    public Input input() {
        return Input.TEXT;
    }

    @Override
    public byte[] generate(Request request, Progress progress) throws ExternalFailure {
        long deadline = System.nanoTime() + cfg.timeout().toNanos();
        progress.report("submit", 0);
        ObjectNode preview = json.createObjectNode()
                .put("mode", "preview")
                .put("prompt", prompt(request.prompt()))
                .put("ai_model", cfg.aiModel())
                .put("topology", "triangle")
                .put("target_polycount", polycount(request.complexity()))
                .put("should_remesh", true);
        String previewId = create(preview);
        JsonNode done = await(previewId, deadline, progress, 2, cfg.refine() ? 50 : 92);
        if (cfg.refine()) {
            ObjectNode refine = json.createObjectNode().put("mode", "refine").put("preview_task_id", previewId);
            done = await(create(refine), deadline, progress, 50, 92);
        }
        String url = done.path("model_urls").path("glb").asString("");
        if (url.isBlank()) throw ExternalFailure.malformed("Meshy task succeeded without model_urls.glb");
        progress.report("download", 94);
        return download(url);
    }

    /** Meshy reads at most 600 characters; a longer description is cut at a word boundary. */
    static String prompt(String description) {
        String p = description.strip().replaceAll("\\s+", " ");
        if (p.length() <= PROMPT_MAX) return p;
        int cut = p.lastIndexOf(' ', PROMPT_MAX);
        return p.substring(0, cut > PROMPT_MAX / 2 ? cut : PROMPT_MAX);
    }

    static int polycount(String complexity) {
        return switch (complexity) {
            case "low" -> 10_000;
            case "high" -> 100_000;
            default -> 30_000;
        };
    }

    private String create(ObjectNode body) throws ExternalFailure {
        String what = "Meshy create task";
        ExternalHttp.Answer answer = http.requireOk(http.send(api.post().uri(TASKS)
                .header(HttpHeaders.AUTHORIZATION, http.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body)), ExternalHttp.ERROR_BODY_CAP, what), what);
        String id = http.object(answer, what).path("result").asString("");
        if (!TASK_ID.matcher(id).matches()) throw ExternalFailure.malformed(what + ": no usable task id in " + http.excerpt(answer.body()));
        return id;
    }

    /** Polls the task until it ends; its progress is reported between {@code from} and {@code to} percent. */
    private JsonNode await(String id, long deadline, Progress progress, int from, int to) throws ExternalFailure {
        String what = "Meshy task status";
        while (true) {
            ExternalHttp.Answer answer = http.requireOk(http.send(api.get().uri(TASKS + "/{id}", id)
                    .header(HttpHeaders.AUTHORIZATION, http.bearer())
                    .accept(MediaType.APPLICATION_JSON), ExternalHttp.ERROR_BODY_CAP, what), what);
            JsonNode task = http.object(answer, what);
            String status = task.path("status").asString("");
            switch (status) {
                case "SUCCEEDED" -> {
                    progress.report("remote", to);
                    return task;
                }
                case "FAILED", "CANCELED", "EXPIRED" -> {
                    String reason = http.remoteMessage(json.writeValueAsBytes(task.path("task_error")));
                    throw ExternalFailure.remoteFailed(reason == null ? status.toLowerCase(java.util.Locale.ROOT) : reason,
                            "Meshy task " + id + " ended " + status + (reason == null ? "" : ": " + reason));
                }
                case "PENDING", "IN_PROGRESS" -> {
                    int p = Math.max(0, Math.min(100, task.path("progress").asInt(0)));
                    progress.report("remote", from + (to - from) * p / 100);
                }
                default -> throw ExternalFailure.malformed(what + ": unknown status " + http.excerpt(status.getBytes()));
            }
            Duration wait = cfg.pollInterval();
            if (System.nanoTime() + wait.toNanos() > deadline) {
                throw ExternalFailure.timeout("Meshy task " + id + " still " + status + " after " + cfg.timeout().toSeconds() + " s");
            }
            progress.pause(wait);
        }
    }

    private byte[] download(String url) throws ExternalFailure {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ExternalFailure.malformed("Meshy model_urls.glb is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw ExternalFailure.malformed("Meshy model_urls.glb is not an http(s) URL");
        }
        String what = "Meshy model download";
        // A signed URL on Meshy's asset host: no Authorization header, so the key never leaves for another host.
        return http.requireOk(http.send(assets.get().uri(uri), maxModelBytes, what), what).body();
    }
}
