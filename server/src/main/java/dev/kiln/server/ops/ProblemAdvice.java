package dev.kiln.server.ops;

import dev.kiln.server.shared.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every REST error leaves as problem+json with a machine-readable {@code code}. */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private final ProblemWriter problems;

    public ProblemAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest req) {
        HttpHeaders headers = new HttpHeaders();
        if (e.retryAfter() != null) headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        if (e.status() == HttpStatus.UNAUTHORIZED) headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return ResponseEntity.status(e.status()).headers(headers)
                .body(problems.problem(e.status(), e.code(), e.getMessage(), e.fieldErrors(), req.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest req) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) throw e;
        log.error("Unhandled error on {} {}", req.getMethod(), req.getRequestURI(), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problems.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal", "unexpected server error; it has been logged", List.of(), req.getRequestURI()));
    }

    /** Spring's own MVC errors (unreadable JSON, wrong method, missing parameter…) get our code field too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail p) {
            p.setProperty("code", switch (status.value()) {
                case 400 -> "bad_request";
                case 404 -> "not_found";
                case 413 -> "too_large";
                case 415 -> "unsupported_media_type";
                default -> HttpStatus.valueOf(status.value()).name().toLowerCase();
            });
            if (status.value() == 400 && p.getDetail() != null && p.getDetail().startsWith("Failed to read request")) {
                p.setDetail("request body is not valid JSON of the expected shape");
            }
            if (request instanceof ServletWebRequest swr) p.setInstance(java.net.URI.create(swr.getRequest().getRequestURI()));
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
