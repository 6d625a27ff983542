package dev.kiln.server.support;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;

/** The official Socket.IO Java client, with every received event queued per name for assertions. */
public final class SocketClient implements AutoCloseable {
    private final Socket socket;
    private final Map<String, BlockingQueue<JSONObject>> received = new ConcurrentHashMap<>();

    public SocketClient(String baseUrl, String token, String transport) {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {transport}).setAuth(Map.of("token", token)).build();
        socket = IO.socket(URI.create(baseUrl), options);
        socket.onAnyIncoming(args -> {
            if (args.length >= 2 && args[1] instanceof JSONObject body) queue((String) args[0]).add(body);
        });
    }

    /** Connects and waits; throws with the server's connect_error message when refused. */
    public SocketClient connect() {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, a -> outcome.complete("ok"));
        socket.once(Socket.EVENT_CONNECT_ERROR, a -> outcome.complete("error: " + (a.length > 0 && a[0] instanceof JSONObject j
                ? j.optString("message") : String.valueOf(a.length > 0 ? a[0] : ""))));
        socket.connect();
        String result = outcome.orTimeout(10, TimeUnit.SECONDS).join();
        if (!result.equals("ok")) throw new IllegalStateException(result);
        return this;
    }

    public JSONObject emitWithAck(String event, JSONObject payload) {
        CompletableFuture<JSONObject> ack = new CompletableFuture<>();
        socket.emit(event, new Object[] {payload}, (Ack) args -> ack.complete((JSONObject) args[0]));
        return ack.orTimeout(10, TimeUnit.SECONDS).join();
    }

    public void emit(String event, JSONObject payload) {
        socket.emit(event, payload);
    }

    /** The next event of that name, or null after the timeout. */
    public JSONObject next(String event, long timeoutMillis) {
        try {
            return queue(event).poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next event of that name whose {@code field} equals {@code value}, skipping others; null after the timeout. */
    public JSONObject next(String event, String field, String value, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (long left = timeoutMillis; left > 0; left = deadline - System.currentTimeMillis()) {
            JSONObject e = next(event, left);
            if (e != null && value.equals(e.optString(field))) return e;
        }
        return null;
    }

    public BlockingQueue<JSONObject> queue(String event) {
        return received.computeIfAbsent(event, k -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        socket.disconnect();
        socket.close();
    }
}
