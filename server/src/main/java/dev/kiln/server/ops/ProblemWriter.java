package dev.kiln.server.ops;

import dev.kiln.server.shared.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds RFC 9457 problem documents, for controllers and for the security filters that run before them. */
@Component
public class ProblemWriter {
    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public ProblemDetail problem(HttpStatus status, String code, String detail, List<ApiException.FieldError> errors, String path) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(status.getReasonPhrase());
        if (path != null) p.setInstance(URI.create(path));
        p.setProperty("code", code);
        if (errors != null && !errors.isEmpty()) {
            p.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        return p;
    }

    public void write(HttpServletRequest req, HttpServletResponse res, HttpStatus status, String code, String detail) throws IOException {
        if (res.isCommitted()) return;
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) res.setHeader("WWW-Authenticate", "Bearer");
        json.writeValue(res.getOutputStream(), problem(status, code, detail, List.of(), req.getRequestURI()));
    }
}
