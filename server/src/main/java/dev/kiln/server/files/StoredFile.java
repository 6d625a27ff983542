package dev.kiln.server.files;

/** An uploaded file's record. */
public record StoredFile(long id, long conversationId, long uploaderId, Long messageId, String name, String contentType,
                         long size, String sha256, String storageKey, String thumbnailKey, Integer width, Integer height,
                         long createdAt) {
}
