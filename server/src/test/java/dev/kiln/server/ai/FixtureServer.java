package dev.kiln.server.ai;

import com.sun.net.httpserver.HttpExchange;
import dev.kiln.server.support.TestDatabases;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real local HTTP server standing in for the paid APIs: it replays recorded SSE wire fixtures
 * (src/test/resources/ai), or answers with an error status, drips events slowly, or never answers.
 * Each first path segment ("/openai/…", "/anthropic/…") is a route with its own queue of scripted
 * replies (then a default) and its own log of received requests.
 */
public final class FixtureServer implements AutoCloseable {
    /** One request as the server received it. */
    public record Received(String path, Map<String, List<String>> headers, String body, String method) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    /** How to answer one request. */
    @FunctionalInterface
    public interface Reply {
        void write(HttpExchange exchange, CountDownLatch closing) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Queue<Reply>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, List<Map.Entry<Predicate<String>, Reply>>> rules = new ConcurrentHashMap<>();

    public FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL a provider adapter is pointed at, e.g. http://127.0.0.1:1234/openai/v1. */
    String baseUrl(String route) {
        return root(route) + "/v1";
    }

    /**
     * Settings for a Kiln on SQLite whose assistant is the OpenAI-compatible adapter pointed at this server's
     * "openai" route, with a 5 s timeout; a mutable map, for each test's own additions.
     */
    public Map<String, Object> openAiKilnSettings() {
        return kilnSettings("openai");
    }

    /**
     * Settings for a Kiln on SQLite whose assistant is {@code provider}'s adapter ("openai", "anthropic") pointed at
     * this server's route of the same name, with a 5 s timeout; a mutable map, for each test's own additions.
     */
    public Map<String, Object> kilnSettings(String provider) {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.ai.provider", provider);
        props.put("kiln.ai.base-url", baseUrl(provider));
        props.put("kiln.ai.timeout", "5s");
        return props;
    }

    /** The route's root, e.g. http://127.0.0.1:1234/meshy, for adapters that add the whole API path themselves. */
    public String root(String route) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + route;
    }

    public FixtureServer defaultReply(String route, Reply reply) {
        defaults.put(route, reply);
        return this;
    }

    public FixtureServer enqueue(String route, Reply... replies) {
        scripted.computeIfAbsent(route, r -> new ConcurrentLinkedQueue<>()).addAll(Arrays.asList(replies));
        return this;
    }

    /** Forgets a route's rules, scripted replies, default and received requests (between tests sharing one server). */
    public void reset(String route) {
        rules.remove(route);
        scripted.remove(route);
        defaults.remove(route);
        requests(route).clear();
    }

    /** Answers every request on {@code route} whose body matches with {@code reply}, before any queued or default reply. */
    public FixtureServer when(String route, Predicate<String> body, Reply reply) {
        rules.computeIfAbsent(route, r -> new CopyOnWriteArrayList<>()).add(Map.entry(body, reply));
        return this;
    }

    public List<Received> requests(String route) {
        return received.computeIfAbsent(route, r -> new CopyOnWriteArrayList<>());
    }

    /** The recorded SSE fixture, sent at once. */
    public static Reply sse(String fixture) {
        return drip(fixture, Duration.ZERO);
    }

    /** The recorded SSE fixture, one event per {@code every}, flushed as it goes (a slow model). */
    static Reply drip(String fixture, Duration every) {
        List<String> events = events(fixture);
        return (ex, closing) -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (String event : events) {
                    if (!every.isZero() && closing.await(every.toMillis(), TimeUnit.MILLISECONDS)) return;
                    out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        };
    }

    /** An error answer with a JSON body (a recorded fixture file or literal JSON). */
    public static Reply status(int code, String fixtureOrJson) {
        String body = fixtureOrJson.startsWith("{") ? fixtureOrJson : resource(fixtureOrJson);
        return (ex, closing) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            if (code == 429) ex.getResponseHeaders().set("Retry-After", "1");
            ex.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** Any body with a status and content type (binary fixtures such as GLB files, or JSON). */
    public static Reply bytes(int code, String contentType, byte[] body) {
        return (ex, closing) -> {
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        };
    }

    /** Accepts the request and never answers (until the server closes). */
    public static Reply hang() {
        return (ex, closing) -> closing.await(120, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String route = path.split("/")[1];
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        requests(route).add(new Received(path, Map.copyOf(ex.getRequestHeaders()), body, ex.getRequestMethod()));
        Reply reply = rules.getOrDefault(route, List.of()).stream().filter(r -> r.getKey().test(body)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        Queue<Reply> queue = scripted.get(route);
        if (reply == null && queue != null) reply = queue.poll();
        if (reply == null) reply = defaults.getOrDefault(route, status(404, "{\"error\":{\"message\":\"no fixture for " + route + "\"}}"));
        try {
            reply.write(ex, closing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // the adapter cancelled or timed out; nothing to do
        } finally {
            ex.close();
        }
    }

    static String resource(String name) {
        try (InputStream in = FixtureServer.class.getResourceAsStream("/ai/" + name)) {
            if (in == null) throw new IllegalArgumentException("missing fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> events(String fixture) {
        List<String> out = new ArrayList<>();
        for (String e : resource(fixture).split("\n\n")) if (!e.isBlank()) out.add(e.strip());
        return out;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
