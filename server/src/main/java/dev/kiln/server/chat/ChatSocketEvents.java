package dev.kiln.server.chat;

import dev.kiln.server.account.UserRepository;
import dev.kiln.server.chat.ChatCommands.SendMessage;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.realtime.PresenceRegistry;
import dev.kiln.server.realtime.RoomFanout;
import dev.kiln.server.realtime.SocketPayloads;
import dev.kiln.server.realtime.socketio.SocketConnection;
import dev.kiln.server.realtime.socketio.SocketIoHub;
import dev.kiln.server.realtime.socketio.SocketLifecycleListener;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The chat's socket events (docs/protocol.md): each one validates its payload, calls {@link ChatService}
 * like the REST API does, and answers through the ack. Also subscribes sockets to their rooms and keeps
 * presence on connect and disconnect.
 */
@Component
public class ChatSocketEvents implements SocketLifecycleListener {
    private final ChatService chat;
    private final TypingTracker typing;
    private final PresenceRegistry presence;
    private final RoomFanout fanout;
    private final UserRepository users;
    private final SocketPayloads payloads;
    private final Clock clock;
    private final int messageMaxChars;

    /** Payloads of the smaller events. */
    record ConversationRef(String conversationId, String since) {}
    record MessageRef(String messageId, String message, String emoji) {}
    record ReadRef(String conversationId, String messageId) {}

    public ChatSocketEvents(SocketIoHub hub, ChatService chat, TypingTracker typing, PresenceRegistry presence, RoomFanout fanout,
                            UserRepository users, SocketPayloads payloads, Clock clock, KilnProperties props) {
        this.chat = chat;
        this.typing = typing;
        this.presence = presence;
        this.fanout = fanout;
        this.users = users;
        this.payloads = payloads;
        this.clock = clock;
        this.messageMaxChars = props.limits().messageMaxChars();
        hub.addListener(this);
        hub.on("join_conversation", this::join);
        hub.on("leave_conversation", (s, p) -> {
            Conversation c = chat.requireConversation(payloads.read(p, ConversationRef.class).conversationId());
            s.leave(RoomFanout.conversationRoom(c.id()));
            return null;
        });
        hub.on("send_message", (s, p) -> {
            SendMessage cmd = payloads.read(p, SendMessage.class);
            requireLength(cmd.message());
            return chat.send(SocketPayloads.caller(s), cmd).ack();
        });
        hub.on("edit_message", (s, p) -> {
            MessageRef ref = payloads.read(p, MessageRef.class);
            requireLength(ref.message());
            return Map.of("ok", true, "message", chat.edit(SocketPayloads.caller(s), ref.messageId(), ref.message()));
        });
        hub.on("delete_message", (s, p) -> {
            chat.delete(SocketPayloads.caller(s), payloads.read(p, MessageRef.class).messageId());
            return null;
        });
        hub.on("toggle_reaction", (s, p) -> {
            MessageRef ref = payloads.read(p, MessageRef.class);
            return Map.of("ok", true, "reactions", chat.toggleReaction(SocketPayloads.caller(s), ref.messageId(), ref.emoji()).reactions());
        });
        hub.on("typing_start", (s, p) -> typingChange(s, p, true));
        hub.on("typing_stop", (s, p) -> typingChange(s, p, false));
        hub.on("mark_read", (s, p) -> {
            ReadRef ref = payloads.read(p, ReadRef.class);
            chat.markRead(SocketPayloads.caller(s), ref.conversationId(), ref.messageId());
            return null;
        });
    }

    private Object join(SocketConnection socket, JsonNode payload) {
        ConversationRef ref = payloads.read(payload, ConversationRef.class);
        Conversation c = chat.requireConversation(ref.conversationId());
        String room = RoomFanout.conversationRoom(c.id());
        socket.beginReplay(room);
        try {
            Long last = chat.replay(SocketPayloads.caller(socket), ref.conversationId(), ref.since(), m -> {
                // A message this connection already got (live, between connect and this join) is not sent twice.
                if (socket.markSent(room, m.id())) socket.emit("new_message", m);
            });
            return okWithLast(last);
        } catch (ApiException e) {
            socket.leave(room);
            return Map.of("ok", false, "error", Map.of("code", e.code(), "message", e.getMessage()));
        } finally {
            socket.endReplay(room);
        }
    }

    private static Map<String, Object> okWithLast(Long last) {
        Map<String, Object> ack = new java.util.LinkedHashMap<>();
        ack.put("ok", true);
        ack.put("lastMessageId", last == null ? null : Ids.format(last));
        return ack;
    }

    private Object typingChange(SocketConnection socket, JsonNode payload, boolean start) {
        Conversation c = chat.requireConversation(payloads.read(payload, ConversationRef.class).conversationId());
        if (!socket.rooms().contains(RoomFanout.conversationRoom(c.id()))) chat.requireMember(c, socket.principal().userId());
        var p = socket.principal();
        if (start) typing.start(c.id(), p.userId(), p.username());
        else typing.stop(c.id(), p.userId(), p.username());
        return null;
    }

    @Override
    public void onConnect(SocketConnection socket) {
        long userId = socket.principal().userId();
        socket.join(RoomFanout.userRoom(userId));
        List<Long> conversationIds = chat.conversationIdsOf(userId);
        for (Long id : conversationIds) socket.join(RoomFanout.conversationRoom(id));
        long now = clock.millis();
        if (presence.connected(userId)) announcePresence(userId, conversationIds, "user_online", now);
        // Tell the newcomer who is already online among the people it shares a room with (small rooms only,
        // so connecting stays cheap; big rooms get presence changes as they happen).
        for (Long contact : chat.contactsOf(userId)) {
            if (presence.isOnline(contact)) socket.emit("user_online", Map.of("userId", Ids.format(contact), "lastSeen", Instant.ofEpochMilli(now)));
        }
    }

    @Override
    public void onDisconnect(SocketConnection socket) {
        long userId = socket.principal().userId();
        if (presence.disconnected(userId)) {
            long now = clock.millis();
            users.touchLastSeen(userId, now);
            announcePresence(userId, chat.conversationIdsOf(userId), "user_offline", now);
        }
    }

    private void announcePresence(long userId, List<Long> conversationIds, String event, long at) {
        Map<String, Object> body = Map.of("userId", Ids.format(userId), "lastSeen", Instant.ofEpochMilli(at));
        for (Long id : conversationIds) fanout.publish(RoomFanout.conversationRoom(id), event, body);
    }

    /** An over-long message is {@code too_large} on the socket (docs/protocol.md), which clients show as "too long". */
    private void requireLength(String text) {
        if (text != null && text.length() > messageMaxChars)
            throw ApiException.tooLarge("message must be at most " + messageMaxChars + " characters");
    }
}
