package dev.kiln.server.ai;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import java.io.IOException;
import java.time.Duration;

/**
 * One provider attempt that failed, classified for the chain: retry the same provider (429, 5xx, network),
 * or fall through to the next one at once (timeouts, other client errors). The message names only the
 * provider and the HTTP status or exception type, never response bodies or keys.
 */
public class ProviderFailure extends RuntimeException {
    private final String provider;
    private final int status;
    private final boolean retryable;
    private final boolean timeout;
    private volatile boolean afterOutput;

    ProviderFailure(String provider, String message, int status, boolean retryable, boolean timeout) {
        super(message, null, false, false);
        this.provider = provider;
        this.status = status;
        this.retryable = retryable;
        this.timeout = timeout;
    }

    /** A failure the provider describes itself (an in-process model): not retried on the same provider. */
    public static ProviderFailure of(String provider, String message) {
        return new ProviderFailure(provider, provider + ": " + message, -1, false, false);
    }

    static ProviderFailure timedOut(String provider, Duration after) {
        return new ProviderFailure(provider, provider + " did not answer within " + after.toMillis() + " ms", -1, false, true);
    }

    static ProviderFailure from(String provider, Throwable error) {
        if (error instanceof ProviderFailure f) return f;
        int status = -1;
        boolean timeout = false;
        boolean network = false;
        int mapped = -1;
        for (Throwable t = error; t != null; t = t.getCause()) {
            // The wire status wins over LangChain4j's mapped exception type (which files 529 "overloaded" under 500).
            if (t instanceof HttpException h && status < 0) status = h.statusCode();
            if (t instanceof RateLimitException && mapped < 0) mapped = 429;
            if (t instanceof InternalServerException && mapped < 0) mapped = 500;
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) timeout = true;
            if (t instanceof IOException) network = true;
            if (t.getCause() == t) break;
        }
        if (status < 0) status = mapped;
        if (timeout) return new ProviderFailure(provider, provider + " timed out", status, false, true);
        if (status > 0) {
            boolean retry = status == 429 || status == 408 || status >= 500;
            return new ProviderFailure(provider, provider + " answered HTTP " + status, status, retry, false);
        }
        boolean retry = network || error instanceof RetriableException;
        return new ProviderFailure(provider, provider + " failed: " + error.getClass().getSimpleName(), -1, retry, false);
    }

    public String provider() { return provider; }
    public int status() { return status; }
    public boolean retryable() { return retryable && !afterOutput; }
    public boolean timeout() { return timeout; }

    /** True once part of the reply reached the room: neither a retry nor another provider can continue it seamlessly. */
    public boolean afterOutput() { return afterOutput; }

    void markAfterOutput() { afterOutput = true; }
}
