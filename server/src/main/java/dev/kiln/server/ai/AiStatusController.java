package dev.kiln.server.ai;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/ai/status}: whether the assistant's model is ready, downloading (with progress), loading or unavailable, and why. */
@RestController
@Tag(name = "assistant")
public class AiStatusController {
    private final AiStatusService status;

    public AiStatusController(AiStatusService status) {
        this.status = status;
    }

    @GetMapping("/api/ai/status")
    public AiStatus status() {
        return status.current();
    }
}
