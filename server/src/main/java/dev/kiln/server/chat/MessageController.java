package dev.kiln.server.chat;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.ChatCommands.SendMessage;
import dev.kiln.server.chat.ChatViews.MessageView;
import dev.kiln.server.chat.ChatViews.ReactionsChanged;
import dev.kiln.server.chat.ChatViews.SearchResults;
import dev.kiln.server.chat.ChatViews.SendAck;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Send, edit, delete, react and search; sending here is stored and broadcast exactly like send_message. */
@RestController
@Tag(name = "messages")
public class MessageController {
    /** Body of PATCH /api/chat/messages/{id}. */
    public record EditRequest(String message) {}
    /** Body of POST /api/chat/messages/{id}/reactions. */
    public record ReactionRequest(String emoji) {}

    private final ChatService chat;

    public MessageController(ChatService chat) {
        this.chat = chat;
    }

    @PostMapping("/api/chat/send")
    public ResponseEntity<SendAck> send(AuthUser caller, @RequestBody SendMessage body) {
        ChatService.SendOutcome outcome = chat.send(caller, body);
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome.ack());
    }

    @PatchMapping("/api/chat/messages/{id}")
    public MessageView edit(AuthUser caller, @PathVariable String id, @RequestBody EditRequest body) {
        return chat.edit(caller, id, body == null ? null : body.message());
    }

    @DeleteMapping("/api/chat/messages/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(AuthUser caller, @PathVariable String id) {
        chat.delete(caller, id);
    }

    @PostMapping("/api/chat/messages/{id}/reactions")
    public ReactionsChanged react(AuthUser caller, @PathVariable String id, @RequestBody ReactionRequest body) {
        return chat.toggleReaction(caller, id, body == null ? null : body.emoji());
    }

    @GetMapping("/api/chat/search")
    public SearchResults search(AuthUser caller, @RequestParam(required = false) String q,
                                               @RequestParam(required = false) String conversationId,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestParam(required = false) String mode) {
        return chat.search(caller, q, conversationId, limit, mode);
    }
}
