package dev.kiln.server.ai;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.shared.Ids;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The assistant over REST: a non-streaming chat (the room still sees the stream) and per-room settings. */
@RestController
@Tag(name = "assistant")
public class AssistantController {
    private final AssistantService assistant;
    private final AiRoomSettingsService settings;

    /**
     * {@code conversationId} may be omitted: the assistant's private conversation with the caller is used (created once).
     * {@code threadId} asks in a thread (the reply goes there); {@code replyTo} names the message asked about.
     */
    public record ChatRequest(String message, String conversationId, String threadId, String replyTo) {}

    public AssistantController(AssistantService assistant, AiRoomSettingsService settings) {
        this.assistant = assistant;
        this.settings = settings;
    }

    @PostMapping("/api/ai/chat")
    public AiEvents.ChatAnswer chat(AuthUser caller, @RequestBody ChatRequest body) {
        if (body == null) throw dev.kiln.server.shared.ApiException.badRequest("request body is required");
        String conversationId = body.conversationId() == null || body.conversationId().isBlank()
                ? Ids.format(assistant.privateConversation(caller).id()) : body.conversationId();
        AssistantService.Accepted accepted = assistant.accept(caller, conversationId, body.message(), null, body.threadId(), body.replyTo());
        AiEvents.Response r = assistant.run(accepted.job());
        return new AiEvents.ChatAnswer(r.message(), conversationId, r.id(), r.responseId(), r.model(), r.usage(), r.latencyMs(), r.cached());
    }

    @GetMapping("/api/ai/rooms/{conversationId}/settings")
    public AiRoomSettingsService.View getSettings(AuthUser caller, @PathVariable String conversationId) {
        return settings.get(caller, conversationId);
    }

    @PutMapping("/api/ai/rooms/{conversationId}/settings")
    public AiRoomSettingsService.View putSettings(AuthUser caller, @PathVariable String conversationId,
                                                  @RequestBody AiRoomSettingsService.Update body) {
        return settings.put(caller, conversationId, body);
    }
}
