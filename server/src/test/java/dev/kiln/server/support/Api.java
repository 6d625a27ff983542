package dev.kiln.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON client for the REST API, returning status, headers and parsed body. */
public final class Api {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    /** The client address a load balancer in front would report (X-Forwarded-For), or null for the real one. */
    private final String forwardedFor;

    /** A response with its body parsed as JSON (or null). */
    public record Response(int status, Map<String, List<String>> headers, JsonNode body, byte[] raw) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }

        public String text(String field) {
            return body.path(field).asString(null);
        }
    }

    /** A signed-in test user. */
    public record Session(String id, String username, String token, String refreshToken) {}

    public Api(String base) {
        this(base, null);
    }

    private Api(String base, String forwardedFor) {
        this.base = base;
        this.forwardedFor = forwardedFor;
    }

    /** The same server, as seen through a load balancer for a client at {@code address} (per-address limits count it apart). */
    public Api from(String address) {
        return new Api(base, address);
    }

    public String base() {
        return base;
    }

    public Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    public Response post(String path, Object body, String token) {
        return send(json(HttpRequest.newBuilder(URI.create(base + path)), "POST", body), token);
    }

    public Response patch(String path, Object body, String token) {
        return send(json(HttpRequest.newBuilder(URI.create(base + path)), "PATCH", body), token);
    }

    public Response delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
    }

    public Response postRaw(String path, String contentType, byte[] body, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), token);
    }

    public Session register(String username) {
        Response r = post("/api/auth/register", Map.of("username", username, "email", username + "@example.com",
                "password", "correct horse battery"), null);
        if (r.status() != 201) throw new AssertionError("register " + username + " failed: " + r.status() + " " + r.body());
        return new Session(r.body().path("user").path("id").asString(), username, r.text("token"), r.text("refreshToken"));
    }

    private static HttpRequest.Builder json(HttpRequest.Builder b, String method, Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
    }

    private Response send(HttpRequest.Builder b, String token) {
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (forwardedFor != null) b.header("X-Forwarded-For", forwardedFor);
        try {
            HttpResponse<byte[]> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.body().length > 0 && type.contains("json")) body = JSON.readTree(r.body());
            return new Response(r.statusCode(), r.headers().map(), body, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
