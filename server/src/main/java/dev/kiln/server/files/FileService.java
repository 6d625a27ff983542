package dev.kiln.server.files;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.chat.ChatService;
import dev.kiln.server.chat.ChatViews.AttachmentView;
import dev.kiln.server.chat.Conversation;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads: checks size and the type sniffed from the bytes, stores the file under the data dir
 * (written to a temp file and moved into place, so a failed upload leaves nothing half-stored), makes
 * image thumbnails, and lets only the conversation's members read it back.
 */
@Service
public class FileService {
    private final FileRepository files;
    private final ChatService chat;
    private final ContentSniffer sniffer;
    private final Thumbnailer thumbnailer;
    private final KilnProperties.Files settings;
    private final Path root;
    private final Clock clock;

    public FileService(FileRepository files, ChatService chat, ContentSniffer sniffer, Thumbnailer thumbnailer,
                       KilnProperties props, Clock clock) {
        this.files = files;
        this.chat = chat;
        this.sniffer = sniffer;
        this.thumbnailer = thumbnailer;
        this.settings = props.files();
        this.root = props.dataDir().resolve("uploads");
        this.clock = clock;
    }

    public AttachmentView upload(AuthUser caller, String conversationId, MultipartFile upload) throws IOException {
        if (conversationId == null || conversationId.isBlank()) throw ApiException.invalidField("conversationId", "is required");
        Conversation c = chat.requireConversation(conversationId);
        chat.requireMember(c, caller.id());
        if (upload == null || upload.isEmpty()) throw ApiException.invalidField("file", "is required and must not be empty");
        long max = settings.maxSize().toBytes();
        if (upload.getSize() > max) {
            throw ApiException.tooLarge("file is " + upload.getSize() + " bytes; the limit is " + settings.maxSize().toMegabytes() + " MB");
        }
        String name = cleanName(upload.getOriginalFilename());
        String type;
        try (InputStream in = upload.getInputStream()) {
            type = sniffer.detect(in, name);
        }
        if (!settings.allowedTypes().contains(type)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "files of type " + type + " are not allowed; allowed: " + String.join(", ", settings.allowedTypes()));
        }

        long id = Ids.next();
        String key = Ids.format(id);
        Files.createDirectories(root);
        Path tmp = Files.createTempFile(root, "upload-", ".part");
        String sha256;
        try {
            try (InputStream in = new DigestInputStream(upload.getInputStream(), sha256Digest())) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                sha256 = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            }
            Integer width = null;
            Integer height = null;
            String thumbKey = null;
            if (type.startsWith("image/")) {
                Thumbnailer.Result image = thumbnailer.read(tmp, settings.thumbnailSize());
                if (image != null) {
                    width = image.width();
                    height = image.height();
                    thumbKey = key + ".thumb.png";
                    try (OutputStream out = Files.newOutputStream(root.resolve(thumbKey))) {
                        thumbnailer.writePng(image.thumbnail(), out);
                    }
                }
            }
            Files.move(tmp, root.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            StoredFile file = new StoredFile(id, c.id(), caller.id(), null, name, type, Files.size(root.resolve(key)), sha256, key,
                    thumbKey, width, height, clock.millis());
            files.insert(file);
            return view(file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file and where its bytes are, if the caller may read it. */
    public record Readable(StoredFile file, Path path) {}

    public Readable open(AuthUser caller, String fileId, boolean thumbnail) {
        StoredFile f = files.findById(Ids.parse("fileId", fileId)).orElseThrow(() -> ApiException.notFound("no such file"));
        Conversation c = chat.requireConversation(Ids.format(f.conversationId()));
        chat.requireMember(c, caller.id());
        if (thumbnail && f.thumbnailKey() == null) throw ApiException.notFound("this file has no thumbnail");
        Path path = root.resolve(thumbnail ? f.thumbnailKey() : f.storageKey());
        if (!Files.exists(path)) throw ApiException.notFound("the file's content is missing from storage");
        return new Readable(f, path);
    }

    public static AttachmentView view(StoredFile f) {
        String url = "/api/files/" + Ids.format(f.id());
        return new AttachmentView(Ids.format(f.id()), f.name(), f.contentType(), f.size(), url,
                f.thumbnailKey() == null ? null : url + "/thumbnail", f.width(), f.height());
    }

    private static String cleanName(String original) {
        String name = original == null ? "file" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty()) name = "file";
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
