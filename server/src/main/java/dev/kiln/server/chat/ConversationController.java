package dev.kiln.server.chat;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.ChatCommands.AddMembers;
import dev.kiln.server.chat.ChatCommands.CreateConversation;
import dev.kiln.server.chat.ChatCommands.UpdateConversation;
import dev.kiln.server.chat.ChatViews.ConversationPage;
import dev.kiln.server.chat.ChatViews.ConversationView;
import dev.kiln.server.chat.ChatViews.PublicRoom;
import dev.kiln.server.chat.ChatViews.ThreadView;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rooms and direct conversations: create, list, read history, manage members. */
@RestController
@RequestMapping("/api/chat/conversations")
@Tag(name = "conversations")
public class ConversationController {
    /** Body of POST .../read. */
    public record ReadRequest(String messageId) {}

    private final ChatService chat;

    public ConversationController(ChatService chat) {
        this.chat = chat;
    }

    @PostMapping
    public ResponseEntity<ConversationView> create(AuthUser caller, @RequestBody CreateConversation body) {
        ChatService.Created result = chat.createConversation(caller, body);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result.conversation());
    }

    @GetMapping
    public List<ConversationView> mine(AuthUser caller) {
        return chat.listConversations(caller);
    }

    @GetMapping("/public")
    public List<PublicRoom> publicRooms(AuthUser caller, @RequestParam(defaultValue = "") String q) {
        return chat.publicRooms(caller, q);
    }

    @GetMapping("/{id}")
    public ConversationPage get(AuthUser caller, @PathVariable String id, @RequestParam(required = false) String before,
                                @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit) {
        return chat.page(caller, id, before, after, limit);
    }

    @PatchMapping("/{id}")
    public ConversationView update(AuthUser caller, @PathVariable String id, @RequestBody UpdateConversation body) {
        return chat.update(caller, id, body);
    }

    @PostMapping("/{id}/members")
    public ConversationView addMembers(AuthUser caller, @PathVariable String id, @RequestBody AddMembers body) {
        return chat.addMembers(caller, id, body);
    }

    @DeleteMapping("/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeMember(AuthUser caller, @PathVariable String id, @PathVariable String userId) {
        chat.removeMember(caller, id, userId);
    }

    @PostMapping("/{id}/join")
    public ConversationView join(AuthUser caller, @PathVariable String id) {
        return chat.join(caller, id);
    }

    @PostMapping("/{id}/leave")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void leave(AuthUser caller, @PathVariable String id) {
        chat.leave(caller, id);
    }

    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void read(AuthUser caller, @PathVariable String id, @RequestBody ReadRequest body) {
        chat.markRead(caller, id, body == null ? null : body.messageId());
    }

    @GetMapping("/{id}/threads/{rootId}")
    public ThreadView thread(AuthUser caller, @PathVariable String id, @PathVariable String rootId) {
        return chat.thread(caller, id, rootId);
    }
}
