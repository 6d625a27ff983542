package dev.kiln.server.ai.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server for model downloads, as Hugging Face serves them: {@code /resolve/<file>} redirects to
 * {@code /cdn/<file>} announcing the SHA-256 in {@code X-Linked-Etag}; {@code /cdn/<file>} serves the bytes
 * and honours {@code Range: bytes=N-} with 206. Faults can be queued per request: cut the connection after
 * some bytes, or go silent after some bytes. Every request is recorded.
 */
final class ModelFileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** What one request saw. {@code range} is null when none was sent. */
    record Seen(String method, String path, String range) {}

    /** How to mistreat one response: send {@code bytes} then cut the connection or (with {@code silence}) go quiet first. */
    record Fault(long bytes, Duration silence) {}

    private final HttpServer server;
    private final byte[] file;
    private final String sha256;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private volatile int chunk = 1 << 16;
    private volatile Duration pause = Duration.ZERO;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    ModelFileServer(byte[] file) {
        this.file = file;
        this.sha256 = sha256(file);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/resolve/", this::redirect);
        server.createContext("/cdn/", this::serve);
        server.start();
    }

    String url(String prefix, String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + prefix + "/" + name;
    }

    String sha256() {
        return sha256;
    }

    List<Seen> seen() {
        return seen;
    }

    void fault(Fault f) {
        faults.add(f);
    }

    /** Sends the body in pieces of {@code bytes}, pausing between them (to watch progress). */
    void throttle(int bytes, Duration between) {
        chunk = bytes;
        pause = between;
    }

    /** File responses wait (before their headers) until the latch opens. */
    void holdUntil(CountDownLatch latch) {
        hold = latch;
    }

    private void redirect(HttpExchange ex) throws IOException {
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Range")));
        String name = ex.getRequestURI().getPath().substring("/resolve/".length());
        ex.getResponseHeaders().add("Location", "/cdn/" + name);
        ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha256 + "\"");
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void serve(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), range));
        try {
            hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int from = 0;
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                ex.sendResponseHeaders(400, -1);
                ex.close();
                return;
            }
            from = (int) Long.parseLong(m.group(1));
            if (from >= file.length) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + file.length);
                ex.sendResponseHeaders(416, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
        }
        ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(range == null ? 200 : 206, file.length - from);
        Fault fault = faults.poll();
        OutputStream out = ex.getResponseBody();
        int end = fault == null ? file.length : (int) Math.min(file.length, from + fault.bytes());
        try {
            for (int at = from; at < end; at += chunk) {
                out.write(file, at, Math.min(chunk, end - at));
                out.flush();
                if (!pause.isZero()) Thread.sleep(pause);
            }
            if (fault == null) {
                out.close();
                return;
            }
            if (fault.silence() != null) Thread.sleep(fault.silence());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client dropped the connection (a stall it detected): nothing more to send
        }
        // Cut: closing the exchange before the promised length closes the connection under the client.
        try {
            ex.close();
        } catch (RuntimeException expected) {
            // the server complains about the short body; that is the point
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
