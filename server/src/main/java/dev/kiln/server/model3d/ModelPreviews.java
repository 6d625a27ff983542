package dev.kiln.server.model3d;

import dev.kiln.mesh.GeneratedModel;
import dev.kiln.mesh.Options;
import dev.kiln.mesh.spec.SceneSpec;
import dev.kiln.server.account.AuthUser;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets.Limit;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /api/3d/preview: builds an unsaved scene spec (the editor's) into a GLB without storing anything, so that the
 * editor can show templates (tables, trees, …) as the engine builds them. The spec passes the same validation and caps
 * as a saved version; on top of that each user has a rate (shared by all nodes with Redis), the body a size limit, and
 * the node a number of previews built at once.
 */
@Service
public class ModelPreviews {
    /** Largest request body: a spec at the object cap (500) with long names and every field set stays well under it. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ModelGenerator generator;
    private final JsonMapper json;
    private final int perMinute;
    private final Semaphore building;
    private final RateLimitBuckets buckets;
    private final Limit limit;

    public ModelPreviews(ModelGenerator generator, JsonMapper json, KilnProperties props, RateLimitBuckets buckets) {
        this.generator = generator;
        this.json = json;
        this.buckets = buckets;
        this.perMinute = props.model3d().previewsPerMinutePerUser();
        if (perMinute < 1) throw new IllegalArgumentException("kiln.model3d.previews-per-minute-per-user must be at least 1");
        this.limit = new Limit("3d-preview", perMinute, perMinute, Duration.ofMinutes(1));
        // Previews run on request threads: as many at once as there are cores, so that they cannot starve the rest.
        this.building = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** The GLB of {@code {spec, complexity?}} read from {@code body}; 400/413/429/503 problems otherwise. */
    public byte[] preview(AuthUser caller, long contentLength, InputStream body) throws IOException {
        consume(caller.id());
        JsonNode request = read(contentLength, body);
        if (!request.isObject() || !request.path("spec").isObject()) throw ApiException.invalidField("spec", "must be a scene spec object");
        JsonNode c = request.path("complexity");
        String complexity = c.isMissingNode() || c.isNull() ? "medium" : c.isString() ? c.asString().strip().toLowerCase(java.util.Locale.ROOT) : "";
        if (!List.of("low", "medium", "high").contains(complexity)) throw ApiException.invalidField("complexity", "must be one of low, medium, high");
        SceneSpec spec = generator.parseSpec(request.get("spec").toString());
        try {
            if (!building.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "the server is building other previews; try again in a moment",
                        List.of(), Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "interrupted", List.of(), Duration.ofSeconds(2));
        }
        try {
            GeneratedModel model = generator.fromSpec(spec, new Options(ModelGenerator.complexity(complexity), Options.Style.SMOOTH), null);
            return generator.glb(model);
        } catch (RuntimeException e) {
            String reason = ModelGenerator.reason(e);
            if (reason == null) throw e;
            throw ApiException.invalidField("spec", reason);
        } finally {
            building.release();
        }
    }

    private JsonNode read(long contentLength, InputStream body) throws IOException {
        if (contentLength > MAX_BODY_BYTES) throw tooLarge();
        // Content-Length may be absent (chunked): read at most one byte past the limit to tell.
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) throw tooLarge();
        if (bytes.length == 0) throw ApiException.badRequest("request body is required");
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static ApiException tooLarge() {
        return ApiException.tooLarge("a preview request may be at most " + MAX_BODY_BYTES / 1024 + " KB");
    }

    private void consume(long userId) {
        RateLimitBuckets.Outcome outcome = buckets.take(limit, Long.toString(userId));
        if (!outcome.allowed()) {
            throw ApiException.rateLimited("too many previews (limit " + perMinute + " a minute); try again in "
                    + outcome.retryAfter().toSeconds() + " s", outcome.retryAfter());
        }
    }
}
