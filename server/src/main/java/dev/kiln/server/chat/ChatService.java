package dev.kiln.server.chat;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.account.User;
import dev.kiln.server.account.UserRepository;
import dev.kiln.server.chat.ChatCommands.AddMembers;
import dev.kiln.server.chat.ChatCommands.CreateConversation;
import dev.kiln.server.chat.ChatCommands.SendMessage;
import dev.kiln.server.chat.ChatCommands.UpdateConversation;
import dev.kiln.server.chat.ChatViews.ConversationPage;
import dev.kiln.server.chat.ChatViews.ConversationView;
import dev.kiln.server.chat.ChatViews.MessageDeleted;
import dev.kiln.server.chat.ChatViews.MessageView;
import dev.kiln.server.chat.ChatViews.ParticipantView;
import dev.kiln.server.chat.ChatViews.PublicRoom;
import dev.kiln.server.chat.ChatViews.ReactionsChanged;
import dev.kiln.server.chat.ChatViews.SearchHit;
import dev.kiln.server.chat.ChatViews.SearchResults;
import dev.kiln.server.chat.ChatViews.SendAck;
import dev.kiln.server.chat.ChatViews.ThreadView;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.realtime.RoomFanout;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import dev.kiln.server.shared.Rows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every chat rule in one place, so the REST API and the socket events behave identically: validation,
 * permissions, idempotent sends, and the room events that follow each committed change.
 */
@Service
public class ChatService {
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9_.-]{3,32})");
    private static final int LIST_PARTICIPANTS_MAX = 50;
    private static final int REPLAY_MAX = 5_000;

    /** The outcome of a send: the ack, and whether this call stored it (false for a retried client id). */
    public record SendOutcome(SendAck ack, boolean created, MessageView message) {}

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageViews views;
    private final MessageSearch search;
    private final UserRepository users;
    private final RoomFanout fanout;
    private final TransactionTemplate tx;
    private final KilnProperties.Limits limits;
    private final Clock clock;
    private final SendRateLimiter sendLimiter;
    private final Counter messagesStored;
    private final ApplicationEventPublisher events;
    private final GroupCommit groupCommit;
    private final MessageAnalyser analyser;
    private final ConversationTypes conversationTypes;

    public ChatService(ConversationRepository conversations, MessageRepository messages, MessageViews views,
                       MessageSearch search, UserRepository users, RoomFanout fanout, TransactionTemplate tx,
                       KilnProperties props, Clock clock, SendRateLimiter sendLimiter, MeterRegistry metrics,
                       ApplicationEventPublisher events, GroupCommit groupCommit, MessageAnalyser analyser,
                       ConversationTypes conversationTypes) {
        this.analyser = analyser;
        this.conversationTypes = conversationTypes;
        this.events = events;
        this.groupCommit = groupCommit;
        this.conversations = conversations;
        this.messages = messages;
        this.views = views;
        this.search = search;
        this.users = users;
        this.fanout = fanout;
        this.tx = tx;
        this.limits = props.limits();
        this.clock = clock;
        this.sendLimiter = sendLimiter;
        this.messagesStored = Counter.builder("kiln.messages.stored").description("messages durably stored").register(metrics);
    }

    // ---- conversations -------------------------------------------------------------------------------

    /** Creates a room or a DM; a repeated DM returns the existing conversation ({@code created=false}). */
    public record Created(ConversationView conversation, boolean created) {}

    public Created createConversation(AuthUser caller, CreateConversation cmd) {
        if (cmd == null) throw ApiException.badRequest("request body is required");
        String type = cmd.type() == null ? Conversation.GROUP : cmd.type();
        if (!type.equals(Conversation.GROUP) && !type.equals(Conversation.DIRECT))
            throw ApiException.invalidField("type", "must be \"group\" or \"direct\"");
        String visibility = cmd.visibility() == null ? Conversation.PRIVATE : cmd.visibility();
        if (!visibility.equals(Conversation.PRIVATE) && !visibility.equals(Conversation.PUBLIC))
            throw ApiException.invalidField("visibility", "must be \"private\" or \"public\"");
        Set<Long> others = parseUserIds("participantIds", cmd.participantIds());
        others.remove(caller.id());
        requireUsersExist(others);
        long now = clock.millis();

        if (type.equals(Conversation.DIRECT)) {
            if (others.size() != 1) throw ApiException.invalidField("participantIds", "must name exactly one other user for a direct conversation");
            if (Conversation.PUBLIC.equals(cmd.visibility())) throw ApiException.invalidField("visibility", "direct conversations are private");
            return directConversation(caller, others.iterator().next());
        }

        String name = validName(cmd.name(), true);
        if (name == null) name = "New room";
        Conversation c = new Conversation(Ids.next(), name, Conversation.GROUP, visibility, caller.id(), now, null);
        tx.executeWithoutResult(s -> {
            conversations.insert(c, null);
            conversations.addMembers(c.id(), List.of(caller.id()), Member.OWNER, now);
            conversations.addMembers(c.id(), others, Member.MEMBER, now);
        });
        List<Long> everyone = new ArrayList<>(others);
        everyone.add(caller.id());
        announceNewMembers(c.id(), everyone);
        return new Created(viewFor(caller.id(), c), true);
    }

    /**
     * The one direct conversation between the caller and another account (a person, or a bot such as the
     * assistant), created on first use; {@code created} says whether this call made it.
     */
    public Created directConversation(AuthUser caller, long otherUserId) {
        String key = Math.min(caller.id(), otherUserId) + ":" + Math.max(caller.id(), otherUserId);
        var existing = conversations.findByDirectKey(key);
        if (existing.isPresent()) return new Created(viewFor(caller.id(), existing.get()), false);
        long now = clock.millis();
        Conversation c = new Conversation(Ids.next(), null, Conversation.DIRECT, Conversation.PRIVATE, caller.id(), now, null);
        try {
            tx.executeWithoutResult(s -> {
                conversations.insert(c, key);
                conversations.addMembers(c.id(), List.of(caller.id(), otherUserId), Member.MEMBER, now);
            });
        } catch (DuplicateKeyException race) {
            return new Created(viewFor(caller.id(), conversations.findByDirectKey(key).orElseThrow()), false);
        }
        announceNewMembers(c.id(), List.of(caller.id(), otherUserId));
        return new Created(viewFor(caller.id(), c), true);
    }

    /** Adds a bot account (the assistant) to a room, announced like any new member; a no-op when it is one. */
    public void addBotMember(long conversationId, long botUserId) {
        if (conversations.member(conversationId, botUserId).isPresent()) return;
        conversations.addMembers(conversationId, List.of(botUserId), Member.MEMBER, clock.millis());
        announceNewMembers(conversationId, List.of(botUserId));
    }

    public List<ConversationView> listConversations(AuthUser caller) {
        List<ConversationRepository.Summary> summaries = conversations.summariesFor(caller.id());
        List<Long> small = summaries.stream().filter(s -> s.memberCount() <= LIST_PARTICIPANTS_MAX).map(s -> s.conversation().id()).toList();
        Map<Long, List<ParticipantView>> participants = conversations.membersOfAll(small).stream()
                .collect(Collectors.groupingBy(Member::conversationId, Collectors.mapping(ChatService::participant, Collectors.toList())));
        List<Long> lastIds = summaries.stream().map(ConversationRepository.Summary::lastMessageId).filter(Objects::nonNull).toList();
        Map<String, MessageView> lastMessages = views.of(messages.findAllById(lastIds)).stream()
                .collect(Collectors.toMap(MessageView::id, Function.identity()));
        return summaries.stream().map(s -> toView(s.conversation(), participants.get(s.conversation().id()), s.memberCount(),
                s.unread(), s.lastMessageId() == null ? null : lastMessages.get(Ids.format(s.lastMessageId())), s.myRole())).toList();
    }

    public List<PublicRoom> publicRooms(AuthUser caller, String query) {
        String q = query == null ? "" : query.trim();
        if (q.length() > limits.nameMaxChars()) throw ApiException.invalidField("q", "must be at most " + limits.nameMaxChars() + " characters");
        return conversations.publicRooms(caller.id(), q, 50).stream()
                .map(s -> new PublicRoom(Ids.format(s.conversation().id()), s.conversation().name(), s.memberCount(), s.myRole() != null))
                .toList();
    }

    public ConversationPage page(AuthUser caller, String conversationId, String before, String after, Integer limit) {
        Conversation c = requireConversation(conversationId);
        requireMember(c, caller.id());
        int n = limit == null ? limits.pageDefault() : limit;
        if (n < 1 || n > limits.pageMax()) throw ApiException.invalidField("limit", "must be between 1 and " + limits.pageMax());
        Long beforeId = Ids.parseOptional("before", before);
        Long afterId = Ids.parseOptional("after", after);
        if (beforeId != null && afterId != null) throw ApiException.badRequest("give either before or after, not both");
        List<StoredMessage> rows = afterId != null ? messages.pageAfter(c.id(), afterId, n + 1) : messages.pageBefore(c.id(), beforeId, n + 1);
        boolean hasMore = rows.size() > n;
        if (hasMore) rows = afterId != null ? rows.subList(0, n) : rows.subList(1, rows.size());
        List<ParticipantView> participants = conversations.members(c.id()).stream().map(ChatService::participant).toList();
        return new ConversationPage(Ids.format(c.id()), c.name(), c.type(), c.visibility(), views.of(rows), participants, hasMore);
    }

    public ConversationView update(AuthUser caller, String conversationId, UpdateConversation cmd) {
        Conversation c = requireConversation(conversationId);
        requireManager(c, caller.id());
        if (cmd == null) throw ApiException.badRequest("request body is required");
        if (Conversation.DIRECT.equals(c.type())) throw ApiException.badRequest("direct conversations cannot be renamed");
        String name = cmd.name() == null ? c.name() : validName(cmd.name(), false);
        String visibility = cmd.visibility() == null ? c.visibility() : cmd.visibility();
        if (!visibility.equals(Conversation.PRIVATE) && !visibility.equals(Conversation.PUBLIC))
            throw ApiException.invalidField("visibility", "must be \"private\" or \"public\"");
        conversations.update(c.id(), name, visibility);
        return announceUpdate(c.id());
    }

    public ConversationView addMembers(AuthUser caller, String conversationId, AddMembers cmd) {
        Conversation c = requireConversation(conversationId);
        Member me = requireManager(c, caller.id());
        if (Conversation.DIRECT.equals(c.type())) throw ApiException.badRequest("direct conversations have exactly two members");
        if (cmd == null) throw ApiException.badRequest("request body is required");
        String role = cmd.role() == null ? Member.MEMBER : cmd.role();
        if (!role.equals(Member.MEMBER) && !role.equals(Member.ADMIN)) throw ApiException.invalidField("role", "must be \"member\" or \"admin\"");
        if (role.equals(Member.ADMIN) && !Member.OWNER.equals(me.role())) throw ApiException.forbidden("only the owner can add admins");
        Set<Long> ids = parseUserIds("userIds", cmd.userIds());
        if (ids.isEmpty()) throw ApiException.invalidField("userIds", "must name at least one user");
        requireUsersExist(ids);
        tx.executeWithoutResult(s -> conversations.addMembers(c.id(), ids, role, clock.millis()));
        announceNewMembers(c.id(), ids);
        return viewFor(caller.id(), conversations.findById(c.id()).orElseThrow());
    }

    public void removeMember(AuthUser caller, String conversationId, String userId) {
        Conversation c = requireConversation(conversationId);
        long target = Ids.parse("userId", userId);
        if (target == caller.id()) {
            leave(caller, conversationId);
            return;
        }
        Member me = requireManager(c, caller.id());
        Member them = conversations.member(c.id(), target).orElseThrow(() -> ApiException.notFound("that user is not a member"));
        if (Member.OWNER.equals(them.role())) throw ApiException.forbidden("the owner cannot be removed");
        if (Member.ADMIN.equals(them.role()) && !Member.OWNER.equals(me.role())) throw ApiException.forbidden("only the owner can remove admins");
        conversations.removeMember(c.id(), target);
        departed(c.id(), target);
    }

    public ConversationView join(AuthUser caller, String conversationId) {
        Conversation c = requireConversation(conversationId);
        if (conversations.member(c.id(), caller.id()).isPresent()) return viewFor(caller.id(), c);
        if (!c.isPublic() || !Conversation.GROUP.equals(c.type())) throw ApiException.forbidden("this room is private; ask a member to add you");
        conversations.addMembers(c.id(), List.of(caller.id()), Member.MEMBER, clock.millis());
        announceNewMembers(c.id(), List.of(caller.id()));
        return viewFor(caller.id(), c);
    }

    public void leave(AuthUser caller, String conversationId) {
        Conversation c = requireConversation(conversationId);
        Member me = requireMember(c, caller.id());
        tx.executeWithoutResult(s -> {
            conversations.removeMember(c.id(), caller.id());
            if (Member.OWNER.equals(me.role())) {
                // Hand the room to the longest-standing admin, else the longest-standing member.
                List<Member> rest = conversations.members(c.id());
                rest.stream().filter(m -> Member.ADMIN.equals(m.role())).findFirst()
                        .or(() -> rest.stream().findFirst())
                        .ifPresent(heir -> conversations.setRole(c.id(), heir.userId(), Member.OWNER));
            }
        });
        departed(c.id(), caller.id());
    }

    public void markRead(AuthUser caller, String conversationId, String messageId) {
        Conversation c = requireConversation(conversationId);
        requireMember(c, caller.id());
        StoredMessage m = requireMessage(messageId);
        if (m.conversationId() != c.id()) throw ApiException.badRequest("that message is not in this conversation");
        conversations.markRead(c.id(), caller.id(), m.id());
        fanout.publish(RoomFanout.conversationRoom(c.id()), "read_receipt",
                Map.of("conversationId", Ids.format(c.id()), "userId", caller.idString(), "messageId", Ids.format(m.id())));
    }

    public ThreadView thread(AuthUser caller, String conversationId, String rootId) {
        Conversation c = requireConversation(conversationId);
        requireMember(c, caller.id());
        StoredMessage root = requireMessage(rootId);
        if (root.conversationId() != c.id()) throw ApiException.notFound("no such thread in this conversation");
        List<StoredMessage> replies = messages.thread(root.id(), 1000);
        return new ThreadView(Ids.format(root.id()), views.one(root), views.of(replies));
    }

    // ---- messages -------------------------------------------------------------------------------------

    public SendOutcome send(AuthUser caller, SendMessage cmd) {
        return send(caller, cmd, true);
    }

    /** Sends as a bot account: the same rules, minus the per-user send rate (a bot answers many people). */
    public SendOutcome sendAsBot(AuthUser bot, SendMessage cmd) {
        return send(bot, cmd, false);
    }

    private SendOutcome send(AuthUser caller, SendMessage cmd, boolean rateLimited) {
        if (cmd == null) throw ApiException.badRequest("message payload is required");
        long conversationId = Ids.parse("conversationId", cmd.conversationId());
        String conversationType = conversationTypes.typeOf(conversationId); // 404 for no such conversation
        String text = cmd.message() == null ? "" : cmd.message();
        List<String> attachmentIds = cmd.attachmentIds() == null ? List.of() : cmd.attachmentIds();
        if (text.isBlank() && attachmentIds.isEmpty()) throw ApiException.invalidField("message", "must not be blank");
        if (text.length() > limits.messageMaxChars())
            throw ApiException.invalidField("message", "must be at most " + limits.messageMaxChars() + " characters");
        String clientId = cmd.clientMessageId();
        if (clientId != null && (clientId.isBlank() || clientId.length() > 100))
            throw ApiException.invalidField("clientMessageId", "must be 1-100 characters");
        if (attachmentIds.size() > limits.attachmentsPerMessage())
            throw ApiException.invalidField("attachmentIds", "at most " + limits.attachmentsPerMessage() + " attachments per message");
        Set<Long> fileIds = new LinkedHashSet<>();
        for (String id : attachmentIds) fileIds.add(Ids.parse("attachmentIds", id));
        requireMember(conversationId, caller.id());

        if (clientId != null) {
            var existing = messages.findByClientId(caller.id(), clientId);
            if (existing.isPresent()) return retried(existing.get(), conversationId);
        }
        Long replyTo = Ids.parseOptional("replyTo", cmd.replyTo());
        StoredMessage repliedTo = replyTo == null ? null : requireMessage(cmd.replyTo());
        if (repliedTo != null && repliedTo.conversationId() != conversationId)
            throw ApiException.invalidField("replyTo", "must be a message in this conversation");
        Long threadId = Ids.parseOptional("threadId", cmd.threadId());
        if (threadId != null) {
            StoredMessage root = requireMessage(cmd.threadId());
            if (root.conversationId() != conversationId) throw ApiException.invalidField("threadId", "must be a message in this conversation");
            if (root.threadId() != null) throw ApiException.invalidField("threadId", "must be the thread's root message");
        }
        if (rateLimited) sendLimiter.check(caller.id());

        // Analysed here, on the sender's own thread, so the single group-commit writer never waits for it.
        MessageInsight insight = analyser.analyse(text);
        long now = clock.millis();
        StoredMessage m = new StoredMessage(Ids.next(), conversationId, caller.id(), caller.username(), text, replyTo, threadId, clientId,
                now, null, null, insight);
        Set<Long> mentioned = mentionedMembers(conversationId, text);
        Boolean inserted = groupCommit.execute(() -> {
            if (!messages.insert(m)) return false;
            if (!mentioned.isEmpty()) messages.insertMentions(m.id(), mentioned);
            if (messages.attachFiles(m.id(), conversationId, caller.id(), fileIds) != fileIds.size()) {
                throw ApiException.invalidField("attachmentIds", "must be your own uploads to this conversation, not yet attached");
            }
            conversations.touch(conversationId, now);
            return true;
        });
        if (!Boolean.TRUE.equals(inserted)) {
            // A concurrent retry with the same client id won the insert.
            return retried(messages.findByClientId(caller.id(), clientId).orElseThrow(), conversationId);
        }
        messagesStored.increment();
        MessageView view = views.fresh(m, mentioned, !fileIds.isEmpty(), repliedTo);
        fanout.publish(RoomFanout.conversationRoom(conversationId), "new_message", view);
        events.publishEvent(new MessageStored(view, conversationId, caller.id(), conversationType));
        return new SendOutcome(new SendAck(view.id(), view.conversationId(), view.createdAt()), true, view);
    }

    private SendOutcome retried(StoredMessage original, long conversationId) {
        if (original.conversationId() != conversationId) throw ApiException.conflict("clientMessageId was already used in another conversation");
        return new SendOutcome(new SendAck(Ids.format(original.id()), Ids.format(original.conversationId()), Rows.instant(original.createdAt())),
                false, null);
    }

    public MessageView edit(AuthUser caller, String messageId, String text) {
        StoredMessage m = requireMessage(messageId);
        requireMember(requireConversation(m.conversationId()), caller.id());
        if (m.userId() != caller.id()) throw ApiException.forbidden("you can only edit your own messages");
        if (m.deleted()) throw ApiException.badRequest("a deleted message cannot be edited");
        if (text == null || text.isBlank()) throw ApiException.invalidField("message", "must not be blank");
        if (text.length() > limits.messageMaxChars())
            throw ApiException.invalidField("message", "must be at most " + limits.messageMaxChars() + " characters");
        long now = clock.millis();
        Set<Long> mentioned = mentionedMembers(m.conversationId(), text);
        MessageInsight insight = analyser.analyse(text);
        tx.executeWithoutResult(s -> {
            messages.edit(m.id(), text, insight, now);
            messages.replaceMentions(m.id(), mentioned);
        });
        MessageView view = views.one(messages.findById(m.id()).orElseThrow());
        fanout.publish(RoomFanout.conversationRoom(m.conversationId()), "message_edited", view);
        return view;
    }

    public void delete(AuthUser caller, String messageId) {
        StoredMessage m = requireMessage(messageId);
        Conversation c = requireConversation(m.conversationId());
        Member me = requireMember(c, caller.id());
        if (m.userId() != caller.id() && !me.canManage()) throw ApiException.forbidden("you can only delete your own messages");
        if (m.deleted()) return;
        long now = clock.millis();
        tx.executeWithoutResult(s -> messages.tombstone(m.id(), now));
        fanout.publish(RoomFanout.conversationRoom(c.id()), "message_deleted",
                new MessageDeleted(Ids.format(m.id()), Ids.format(c.id()), Rows.instant(now)));
    }

    public ReactionsChanged toggleReaction(AuthUser caller, String messageId, String emoji) {
        StoredMessage m = requireMessage(messageId);
        requireMember(requireConversation(m.conversationId()), caller.id());
        if (emoji == null || emoji.isBlank() || emoji.length() > 32 || emoji.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp)))
            throw ApiException.invalidField("emoji", "must be a single emoji or short name without spaces");
        if (m.deleted()) throw ApiException.badRequest("a deleted message cannot get reactions");
        tx.executeWithoutResult(s -> messages.toggleReaction(m.id(), caller.id(), emoji, clock.millis()));
        ReactionsChanged changed = new ReactionsChanged(Ids.format(m.id()), Ids.format(m.conversationId()),
                MessageViews.reactionViews(messages.reactions(List.of(m.id())).getOrDefault(m.id(), Map.of())));
        fanout.publish(RoomFanout.conversationRoom(m.conversationId()), "reaction_updated", changed);
        return changed;
    }

    /** @param mode "fulltext" (the default when null) or "hybrid" (full-text and meaning, fused) */
    public SearchResults search(AuthUser caller, String query, String conversationId, Integer limit, String mode) {
        boolean askedHybrid = "hybrid".equals(mode);
        if (mode != null && !askedHybrid && !"fulltext".equals(mode)) throw ApiException.invalidField("mode", "must be \"fulltext\" or \"hybrid\"");
        if (query == null || query.isBlank()) throw ApiException.invalidField("q", "must not be blank");
        if (query.length() > 200) throw ApiException.invalidField("q", "must be at most 200 characters");
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > limits.pageMax()) throw ApiException.invalidField("limit", "must be between 1 and " + limits.pageMax());
        Long scope = null;
        if (conversationId != null && !conversationId.isBlank()) {
            Conversation c = requireConversation(conversationId);
            requireMember(c, caller.id());
            scope = c.id();
        }
        boolean hybrid = askedHybrid && search.hybridAvailable();
        List<Long> ids = hybrid ? search.hybrid(caller.id(), query, scope, n) : search.search(caller.id(), query, scope, n);
        Map<Long, StoredMessage> byId = messages.findAllById(ids).stream().collect(Collectors.toMap(StoredMessage::id, Function.identity()));
        List<StoredMessage> ordered = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        Map<Long, String> names = new HashMap<>();
        List<MessageView> found = views.of(ordered);
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            long cid = ordered.get(i).conversationId();
            String name = names.computeIfAbsent(cid, k -> conversations.findById(k).map(this::displayName).orElse(null));
            hits.add(new SearchHit(found.get(i), name));
        }
        return new SearchResults(hits, hybrid ? "hybrid" : "fulltext");
    }

    /**
     * For join_conversation: makes sure the caller may read the room (joining it if public), then hands
     * every message after {@code since} to {@code sink}, oldest first. Returns the newest message id.
     */
    public Long replay(AuthUser caller, String conversationId, String since, Consumer<MessageView> sink) {
        Conversation c = requireConversation(conversationId);
        if (conversations.member(c.id(), caller.id()).isEmpty()) {
            if (!c.isPublic() || !Conversation.GROUP.equals(c.type())) throw ApiException.forbidden("you are not a member of this conversation");
            join(caller, conversationId);
        }
        Long sinceId = Ids.parseOptional("since", since);
        Long last = null;
        if (sinceId != null) {
            long cursor = sinceId;
            int sent = 0;
            while (sent < REPLAY_MAX) {
                List<StoredMessage> batch = messages.allAfter(c.id(), cursor, 200);
                if (batch.isEmpty()) break;
                for (MessageView v : views.of(batch)) sink.accept(v);
                cursor = batch.getLast().id();
                last = cursor;
                sent += batch.size();
            }
        }
        if (last == null) last = messages.latestId(c.id());
        return last;
    }

    /** People who share a conversation of at most 50 members with the user (whose presence a client shows). */
    public List<Long> contactsOf(long userId) {
        return conversations.contactsOf(userId, LIST_PARTICIPANTS_MAX);
    }

    /** Conversation ids the user belongs to (socket subscriptions). */
    public List<Long> conversationIdsOf(long userId) {
        return conversations.conversationIdsOf(userId);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    public Conversation requireConversation(String id) {
        return requireConversation(Ids.parse("conversationId", id));
    }

    private Conversation requireConversation(long id) {
        return conversations.findById(id).orElseThrow(() -> ApiException.notFound("no such conversation"));
    }

    public Member requireMember(Conversation c, long userId) {
        return requireMember(c.id(), userId);
    }

    private Member requireMember(long conversationId, long userId) {
        return conversations.member(conversationId, userId).orElseThrow(() -> ApiException.forbidden("you are not a member of this conversation"));
    }

    private Member requireManager(Conversation c, long userId) {
        Member me = requireMember(c, userId);
        if (!me.canManage()) throw ApiException.forbidden("only the owner or an admin can do that");
        return me;
    }

    private StoredMessage requireMessage(String id) {
        return messages.findById(Ids.parse("messageId", id)).orElseThrow(() -> ApiException.notFound("no such message"));
    }

    private String validName(String name, boolean optional) {
        if (name == null || name.isBlank()) {
            if (optional) return null;
            throw ApiException.invalidField("name", "must not be blank");
        }
        String trimmed = name.strip();
        if (trimmed.length() > limits.nameMaxChars())
            throw ApiException.invalidField("name", "must be at most " + limits.nameMaxChars() + " characters");
        return trimmed;
    }

    private Set<Long> parseUserIds(String field, List<String> raw) {
        if (raw == null) return new LinkedHashSet<>();
        if (raw.size() > limits.membersPerRequest())
            throw ApiException.invalidField(field, "at most " + limits.membersPerRequest() + " users per request");
        Set<Long> ids = new LinkedHashSet<>();
        for (String s : raw) ids.add(Ids.parse(field, s));
        return ids;
    }

    private void requireUsersExist(Collection<Long> ids) {
        if (ids.isEmpty()) return;
        Set<Long> found = users.findAllById(ids).stream().filter(u -> !u.bot()).map(User::id).collect(Collectors.toSet());
        List<String> missing = ids.stream().filter(id -> !found.contains(id)).map(Ids::format).toList();
        if (!missing.isEmpty()) throw ApiException.invalidField("participantIds", "unknown users: " + String.join(", ", missing));
    }

    private Set<Long> mentionedMembers(long conversationId, String text) {
        Matcher matcher = MENTION.matcher(text);
        Set<String> names = new LinkedHashSet<>();
        while (matcher.find() && names.size() < 50) names.add(matcher.group(1));
        Map<String, Long> members = conversations.memberIdsByUsernameKey(conversationId, names);
        Set<Long> ids = new LinkedHashSet<>();
        for (String name : names) {
            Long id = members.get(UserRepository.key(name));
            if (id != null) ids.add(id);
        }
        return ids;
    }

    /**
     * Subscribes the new members' sockets to the room, then announces the change to the room: the
     * subscriptions travel first on the same fan-out channel, so new members get the update exactly once.
     */
    private void announceNewMembers(long conversationId, Collection<Long> userIds) {
        String room = RoomFanout.conversationRoom(conversationId);
        for (Long u : userIds) fanout.subscribe(RoomFanout.userRoom(u), room);
        announceUpdate(conversationId);
    }

    private ConversationView announceUpdate(long conversationId) {
        Conversation c = requireConversation(conversationId);
        ConversationView view = toView(c, null, conversations.memberCount(c.id()), 0, null, null);
        ConversationView withParticipants = view.memberCount() <= LIST_PARTICIPANTS_MAX ? viewFor(-1, c) : view;
        fanout.publish(RoomFanout.conversationRoom(c.id()), "conversation_updated", withParticipants);
        return withParticipants;
    }

    private void departed(long conversationId, long userId) {
        fanout.unsubscribe(RoomFanout.userRoom(userId), RoomFanout.conversationRoom(conversationId));
        fanout.publish(RoomFanout.userRoom(userId), "conversation_removed", Map.of("conversationId", Ids.format(conversationId)));
        announceUpdate(conversationId);
    }

    private ConversationView viewFor(long userId, Conversation c) {
        List<Member> members = conversations.members(c.id(), LIST_PARTICIPANTS_MAX + 1);
        int count = members.size() > LIST_PARTICIPANTS_MAX ? conversations.memberCount(c.id()) : members.size();
        String myRole = members.stream().filter(m -> m.userId() == userId).map(Member::role).findFirst()
                .orElseGet(() -> userId < 0 ? null : conversations.member(c.id(), userId).map(Member::role).orElse(null));
        List<ParticipantView> participants = count <= LIST_PARTICIPANTS_MAX ? members.stream().map(ChatService::participant).toList() : null;
        return toView(c, participants, count, 0, null, myRole);
    }

    private ConversationView toView(Conversation c, List<ParticipantView> participants, int memberCount, int unread,
                                    MessageView last, String myRole) {
        return new ConversationView(Ids.format(c.id()), c.name(), c.type(), c.visibility(), Rows.instant(c.createdAt()),
                participants, memberCount, unread, last, myRole);
    }

    private String displayName(Conversation c) {
        if (c.name() != null) return c.name();
        return conversations.members(c.id()).stream().map(Member::username).collect(Collectors.joining(", "));
    }

    private static ParticipantView participant(Member m) {
        return new ParticipantView(Ids.format(m.userId()), m.username(), m.role(),
                m.lastReadMessageId() == null ? null : Ids.format(m.lastReadMessageId()));
    }
}
