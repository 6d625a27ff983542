package dev.kiln.server.ai;

import dev.kiln.server.support.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** PUT for the settings endpoint (the shared test Api has no PUT yet). */
final class Put {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Put() {}

    static Api.Response put(Api api, String path, Object body, String token) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))).build();
            HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = r.body().length > 0 && type.contains("json") ? Api.JSON.readTree(r.body()) : null;
            return new Api.Response(r.statusCode(), r.headers().map(), json, r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
