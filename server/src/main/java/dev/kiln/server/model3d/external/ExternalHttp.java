package dev.kiln.server.model3d.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP plumbing both adapters share: Spring's RestClient on the JDK HttpClient, every answer read whole but capped,
 * and every failure turned into an {@link ExternalFailure}. The API key goes into a header per request (never a default
 * header, so that asset downloads from other hosts do not carry it) and is scrubbed from any text that is kept.
 */
final class ExternalHttp {
    /** Error bodies are only read for their message. */
    static final long ERROR_BODY_CAP = 64 * 1024;

    /** One HTTP exchange: status, content type and the (capped) body. */
    record Answer(int status, MediaType contentType, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Thrown while reading a body that is larger than allowed. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long cap) {
            super("the answer is larger than " + cap + " bytes", null, false, false);
        }
    }

    private final String label;
    private final String apiKey;
    private final JsonMapper json;

    ExternalHttp(String label, String apiKey, JsonMapper json) {
        this.label = label;
        this.apiKey = apiKey;
        this.json = json;
    }

    /** A client for {@code baseUrl}; redirects are followed only for asset downloads (never with the key). */
    static RestClient client(String baseUrl, Duration requestTimeout, boolean followRedirects) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(requestTimeout);
        RestClient.Builder builder = RestClient.builder().requestFactory(factory);
        if (baseUrl != null) builder.baseUrl(baseUrl);
        return builder.build();
    }

    String bearer() {
        return "Bearer " + apiKey;
    }

    /** Sends the request and reads the answer (up to {@code cap} bytes on success, less for errors). */
    Answer send(RestClient.RequestHeadersSpec<?> request, long cap, String what) throws ExternalFailure {
        try {
            return request.exchange((req, res) -> {
                int status = res.getStatusCode().value();
                boolean ok = status >= 200 && status < 300;
                return new Answer(status, res.getHeaders().getContentType(), read(res.getBody(), ok ? cap : ERROR_BODY_CAP));
            });
        } catch (TooLarge e) {
            throw ExternalFailure.malformed(what + ": " + e.getMessage());
        } catch (ResourceAccessException e) {
            if (timedOut(e)) throw ExternalFailure.timeout(what + " timed out: " + redact(String.valueOf(e.getMessage())));
            throw ExternalFailure.unreachable(what + " failed: " + redact(String.valueOf(e.getMessage())));
        } catch (RestClientException e) {
            throw ExternalFailure.unreachable(what + " failed: " + redact(String.valueOf(e.getMessage())));
        }
    }

    /** The answer if it is a 2xx, else the failure with the service's own message (scrubbed, shortened). */
    Answer requireOk(Answer answer, String what) throws ExternalFailure {
        if (answer.ok()) return answer;
        String message = remoteMessage(answer.body());
        throw ExternalFailure.status(answer.status(), message, what + " answered HTTP " + answer.status() + (message == null ? "" : ": " + message));
    }

    /** Parses a JSON object answer; anything else is a malformed response. */
    JsonNode object(Answer answer, String what) throws ExternalFailure {
        try {
            JsonNode node = json.readTree(answer.body());
            if (node == null || !node.isObject()) throw ExternalFailure.malformed(what + ": expected a JSON object, got " + excerpt(answer.body()));
            return node;
        } catch (JacksonException e) {
            throw ExternalFailure.malformed(what + ": not JSON: " + excerpt(answer.body()));
        }
    }

    /** The human message in a JSON error body: Meshy's {@code message}, Stability's {@code errors[0]} or {@code name}. */
    String remoteMessage(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) return null;
            String m = node.path("message").asString("");
            if (m.isBlank() && node.path("errors").isArray() && !node.path("errors").isEmpty()) m = node.path("errors").get(0).asString("");
            if (m.isBlank()) m = node.path("name").asString("");
            return m.isBlank() ? null : shorten(redact(m), 200);
        } catch (JacksonException e) {
            return null;
        }
    }

    String excerpt(byte[] body) {
        return "\"" + shorten(redact(new String(body, 0, (int) Math.min(body.length, 300), StandardCharsets.UTF_8)), 120) + "\"";
    }

    /** The text with the API key replaced, in case a service ever echoes it. */
    String redact(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty()) return text;
        return text.replace(apiKey, "***");
    }

    String label() {
        return label;
    }

    static String shorten(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    private static byte[] read(InputStream in, long cap) throws IOException {
        if (in == null) return new byte[0];
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        if (bytes.length > cap) throw new TooLarge(cap);
        return bytes;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) return true;
            if (t instanceof InterruptedIOException && !(t instanceof java.nio.channels.ClosedByInterruptException)) return true;
        }
        return false;
    }
}
