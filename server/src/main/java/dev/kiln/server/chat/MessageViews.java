package dev.kiln.server.chat;

import dev.kiln.server.chat.ChatViews.AttachmentView;
import dev.kiln.server.chat.ChatViews.MessageView;
import dev.kiln.server.chat.ChatViews.ReactionView;
import dev.kiln.server.chat.ChatViews.ReplyPreview;
import dev.kiln.server.shared.Ids;
import dev.kiln.server.shared.Rows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Turns stored messages into what clients see, loading reactions, attachments and previews in batches. */
@Component
public class MessageViews {
    private static final int PREVIEW_CHARS = 140;
    private final MessageRepository messages;

    public MessageViews(MessageRepository messages) {
        this.messages = messages;
    }

    public MessageView one(StoredMessage m) {
        return of(List.of(m)).getFirst();
    }

    /**
     * The view of a message just stored, from what the sender's path already knows: a new message has no
     * reactions or thread replies yet, so only its attachments (if it has any) are read back. This keeps the
     * send path, which every message takes, at one query where {@link #one} needs five.
     */
    public MessageView fresh(StoredMessage m, Collection<Long> mentions, boolean hasAttachments, StoredMessage repliedTo) {
        List<MessageRepository.Attachment> files = hasAttachments ? messages.attachments(List.of(m.id())).getOrDefault(m.id(), List.of()) : List.of();
        return view(m, Map.of(), files, List.copyOf(mentions), 0, repliedTo);
    }

    public List<MessageView> of(List<StoredMessage> rows) {
        if (rows.isEmpty()) return List.of();
        List<Long> ids = rows.stream().map(StoredMessage::id).toList();
        Map<Long, Map<String, List<Long>>> reactions = messages.reactions(ids);
        Map<Long, List<MessageRepository.Attachment>> attachments = messages.attachments(ids);
        Map<Long, List<Long>> mentions = messages.mentions(ids);
        Map<Long, Integer> threadCounts = messages.threadReplyCounts(ids);
        List<Long> replyIds = rows.stream().map(StoredMessage::replyTo).filter(Objects::nonNull).distinct().toList();
        Map<Long, StoredMessage> replied = messages.findAllById(replyIds).stream()
                .collect(Collectors.toMap(StoredMessage::id, Function.identity()));
        List<MessageView> views = new ArrayList<>(rows.size());
        for (StoredMessage m : rows) {
            views.add(view(m, reactions.getOrDefault(m.id(), Map.of()), attachments.getOrDefault(m.id(), List.of()),
                    mentions.getOrDefault(m.id(), List.of()), threadCounts.getOrDefault(m.id(), 0),
                    m.replyTo() == null ? null : replied.get(m.replyTo())));
        }
        return views;
    }

    private static MessageView view(StoredMessage m, Map<String, List<Long>> reactions, List<MessageRepository.Attachment> files,
                                    List<Long> mentions, int threadReplies, StoredMessage repliedTo) {
        boolean deleted = m.deleted();
        ReplyPreview preview = repliedTo == null ? null : new ReplyPreview(Ids.format(repliedTo.id()), repliedTo.username(),
                repliedTo.deleted() ? "" : truncate(repliedTo.body()));
        return new MessageView(Ids.format(m.id()), Ids.format(m.conversationId()), Ids.format(m.userId()), m.username(),
                deleted ? "" : m.body(), Rows.id(m.replyTo()), preview, Rows.id(m.threadId()), threadReplies,
                m.clientMessageId(), deleted ? List.of() : files.stream().map(MessageViews::attachment).toList(),
                deleted ? List.of() : reactionViews(reactions), deleted ? List.of() : mentions.stream().map(Ids::format).toList(),
                Rows.instant(m.editedAt()), Rows.instant(m.deletedAt()), Rows.instant(m.createdAt()),
                deleted || m.insight() == null ? null : m.insight().sentiment(), deleted || m.insight() == null ? null : m.insight().language());
    }

    static List<ReactionView> reactionViews(Map<String, List<Long>> byEmoji) {
        return byEmoji.entrySet().stream()
                .map(e -> new ReactionView(e.getKey(), e.getValue().size(), e.getValue().stream().map(Ids::format).toList()))
                .toList();
    }

    private static AttachmentView attachment(MessageRepository.Attachment a) {
        String url = "/api/files/" + Ids.format(a.id());
        return new AttachmentView(Ids.format(a.id()), a.name(), a.contentType(), a.size(), url,
                a.hasThumbnail() ? url + "/thumbnail" : null, a.width(), a.height());
    }

    private static String truncate(String s) {
        return s.length() <= PREVIEW_CHARS ? s : s.substring(0, PREVIEW_CHARS) + "…";
    }
}
