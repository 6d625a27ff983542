package dev.kiln.server.shared;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on. REST turns it into RFC 9457 problem+json, the socket layer into
 * an ack {@code {error:{code,message}}}; both use the same code and message.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final List<FieldError> fieldErrors;
    private final Duration retryAfter;

    /** One invalid input field. */
    public record FieldError(String field, String message) {}

    public ApiException(HttpStatus status, String code, String message, List<FieldError> fieldErrors, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.fieldErrors = fieldErrors == null ? List.of() : fieldErrors;
        this.retryAfter = retryAfter;
    }

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, List.of(), null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", field + " " + message,
                List.of(new FieldError(field, message)), null);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too_large", message);
    }

    public static ApiException rateLimited(String message, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", message, List.of(), retryAfter);
    }

    public HttpStatus status() { return status; }
    public String code() { return code; }
    public List<FieldError> fieldErrors() { return fieldErrors; }
    public Duration retryAfter() { return retryAfter; }
}
