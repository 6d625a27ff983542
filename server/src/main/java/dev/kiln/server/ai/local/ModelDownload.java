package dev.kiln.server.ai.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one model file over HTTP. Bytes go to {@code <file>.part}; a partial file left by an interrupted
 * download (this run or an earlier one) is resumed with a {@code Range} request; the SHA-256 is computed
 * while writing and compared with the expected one (configured, or else the one the server announces, as
 * Hugging Face does in {@code X-Linked-Etag}); only a verified file is renamed, atomically, to its final
 * name. So a file under the final name is always complete and verified, and a mismatch leaves nothing behind.
 */
final class ModelDownload {
    private static final Logger log = LoggerFactory.getLogger(ModelDownload.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** Called as bytes arrive: how many the file has so far, and in all (-1 when the server did not say). */
    interface Progress {
        void update(long done, long total);
    }

    /** The download did not complete; the message says why. {@code retryable}: a network problem worth another try later. */
    static final class Failed extends Exception {
        private final boolean retryable;

        Failed(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }

    private final HttpClient http;
    private final int attempts;
    private final Duration stallTimeout;
    private final Duration retryPause;

    /**
     * @param attempts     tries per fetch, each resuming where the last one stopped
     * @param stallTimeout a connection that sends nothing for this long is dropped (and resumed)
     * @param retryPause   wait before the second try (doubling after)
     */
    ModelDownload(int attempts, Duration stallTimeout, Duration retryPause) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(15)).build();
        this.attempts = Math.max(1, attempts);
        this.stallTimeout = stallTimeout;
        this.retryPause = retryPause;
    }

    static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Downloads {@code url} to {@code target}, resuming and retrying as needed.
     *
     * @param expectedSha256 hex; null or blank to trust the hash the server announces
     */
    Path fetch(URI url, String expectedSha256, Path target, Progress progress) throws Failed, InterruptedException {
        String expected = expectedSha256 == null || expectedSha256.isBlank() ? null : expectedSha256.strip().toLowerCase(Locale.ROOT);
        if (expected != null && !SHA256_HEX.matcher(expected).matches())
            throw new Failed("KILN_MODEL_SHA256 is not a SHA-256 (64 hexadecimal characters): " + expectedSha256, false, null);
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return once(url, expected, target, progress);
            } catch (IOException e) {
                // An interrupt that is not the stall watchdog's is shutdown: stop rather than retry.
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException("model download stopped");
                last = e;
                if (attempt < attempts) {
                    Duration pause = retryPause.multipliedBy(1L << (attempt - 1));
                    log.warn("Model download from {} interrupted ({}); resuming in {} ms", url, describe(e), pause.toMillis());
                    Thread.sleep(pause);
                }
            }
        }
        throw new Failed("downloading " + url + " failed: " + describe(last), true, last);
    }

    private Path once(URI url, String expected, Path target, Progress progress) throws IOException, Failed, InterruptedException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = partFile(target);
        long have = Files.exists(part) ? Files.size(part) : 0;
        MessageDigest sha = sha256();
        if (have > 0) hashExisting(part, sha);

        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET();
        if (have > 0) request.header("Range", "bytes=" + have + "-");
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        long total;
        boolean append;
        if (status == 206 && have > 0) {
            Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
            if (!range.matches() || Long.parseLong(range.group(1)) != have) {
                response.body().close();
                Files.deleteIfExists(part);
                throw new IOException("the server resumed at another offset than asked (" + have + "); starting over");
            }
            total = "*".equals(range.group(3)) ? -1 : Long.parseLong(range.group(3));
            append = true;
            log.info("Resuming the model download at {} MB", have / 1_000_000);
        } else if (status == 200) {
            // A server that ignores Range sends the whole file again.
            have = 0;
            sha.reset();
            total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            append = false;
        } else if (status == 416 && have > 0) {
            // Nothing left to send: the partial file is already whole. Verify it as it is.
            response.body().close();
            return verifyAndMove(part, target, have, sha, expected, announcedSha256(response));
        } else {
            response.body().close();
            if (status == 408 || status == 429 || status >= 500) throw new IOException("HTTP " + status);
            throw new Failed("downloading " + url + " failed: the server answered HTTP " + status, false, null);
        }
        String announced = announcedSha256(response);

        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        Thread reader = Thread.currentThread();
        long written = have;
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            // A connection that goes silent would block read() forever; the watchdog interrupts it (the read then throws).
            Thread watchdog = Thread.ofVirtual().name("kiln-model-download-watchdog").start(() -> watch(lastRead, stalled, reader));
            try {
                progress.update(written, total);
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    sha.update(buffer, 0, n);
                    written += n;
                    lastRead.set(System.nanoTime());
                    progress.update(written, total);
                }
            } catch (IOException e) {
                if (stalled.get()) throw new IOException("no data arrived for " + (stallTimeout.toMillis() >= 1000
                        ? stallTimeout.toSeconds() + " s" : stallTimeout.toMillis() + " ms"), e);
                throw e;
            } finally {
                watchdog.interrupt();
                while (watchdog.isAlive()) {
                    try {
                        watchdog.join();
                    } catch (InterruptedException e) {
                        // the watchdog's own interrupt of this thread; cleared below
                    }
                }
                if (stalled.get()) Thread.interrupted();
            }
        }
        if (total >= 0 && written < total) throw new IOException("the connection ended at " + written + " of " + total + " bytes");
        return verifyAndMove(part, target, written, sha, expected, announced);
    }

    private Path verifyAndMove(Path part, Path target, long size, MessageDigest sha, String expected, String announced)
            throws Failed, IOException {
        String actual = HexFormat.of().formatHex(sha.digest());
        String against = expected != null ? expected : announced;
        if (against == null) {
            // Kept (not deleted): once the hash is configured, the next start verifies it without downloading again.
            throw new Failed("the download has no SHA-256 to be checked against (the server announced none); its SHA-256 is " + actual
                    + ": compare it with the model publisher's and set KILN_MODEL_SHA256 to it", false, null);
        }
        if (!against.equals(actual)) {
            Files.deleteIfExists(part);
            throw new Failed("the downloaded file's SHA-256 is " + actual + " but " + against + " was expected ("
                    + (expected != null ? "KILN_MODEL_SHA256" : "announced by the server") + "), so it was deleted; check KILN_MODEL_URL"
                    + (expected != null ? " and KILN_MODEL_SHA256" : ""), false, null);
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.info("Model downloaded and verified: {} ({} MB, SHA-256 {})", target, size / 1_000_000, actual);
        return target;
    }

    /** Hugging Face sends the LFS object's SHA-256 as X-Linked-Etag on the redirect to its CDN. */
    private static String announcedSha256(HttpResponse<?> response) {
        for (Optional<? extends HttpResponse<?>> r = Optional.of(response); r.isPresent(); r = r.get().previousResponse()) {
            for (String header : new String[] {"X-Linked-Etag", "ETag"}) {
                String value = r.get().headers().firstValue(header).orElse("").replace("W/", "").replace("\"", "").strip()
                        .toLowerCase(Locale.ROOT);
                if (SHA256_HEX.matcher(value).matches()) return value;
            }
        }
        return null;
    }

    private void watch(AtomicLong lastRead, AtomicBoolean stalled, Thread reader) {
        try {
            while (true) {
                Thread.sleep(Math.min(1_000, Math.max(10, stallTimeout.toMillis() / 4)));
                if (System.nanoTime() - lastRead.get() > stallTimeout.toNanos()) {
                    stalled.set(true);
                    reader.interrupt();
                    return;
                }
            }
        } catch (InterruptedException done) {
            // the download finished
        }
    }

    private static void hashExisting(Path part, MessageDigest sha) throws IOException {
        try (InputStream in = Files.newInputStream(part)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) sha.update(buffer, 0, n);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String describe(Throwable e) {
        if (e == null) return "unknown error";
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        if (e instanceof java.net.ConnectException || e instanceof java.nio.channels.UnresolvedAddressException) {
            return "cannot connect (" + (message == null ? type : message) + ")";
        }
        return message == null || message.isBlank() ? type : message;
    }
}
