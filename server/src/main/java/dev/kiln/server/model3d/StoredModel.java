package dev.kiln.server.model3d;

/**
 * One row of {@code models}: a generation job and, once completed, the model it made. {@code generator} is what the job
 * asked for ("procedural", "meshy", …), {@code note} what people should know about how it was made (a fall-back to the
 * built-in engine), {@code imageFileId} the uploaded picture of an image-to-3D job.
 */
record StoredModel(long id, long ownerId, String ownerUsername, Long conversationId, String name, String description,
                   String complexity, String style, String status, int progress, String stage, String error,
                   Integer currentVersion, Long messageId, long createdAt, Long startedAt, Long finishedAt, long updatedAt,
                   Long deletedAt, String generator, String note, Long imageFileId) {

    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    boolean active() {
        return QUEUED.equals(status) || RUNNING.equals(status);
    }

    boolean completed() {
        return COMPLETED.equals(status);
    }
}
