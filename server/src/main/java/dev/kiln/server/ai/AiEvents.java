package dev.kiln.server.ai;

/** The JSON shapes of the assistant's socket events and REST answers (docs/protocol.md, "AI assistant"). */
public final class AiEvents {
    private AiEvents() {}

    /** {@code ai_response_chunk}: the next piece of a streaming reply, to the whole room. */
    public record Chunk(String responseId, String conversationId, String delta) {}

    /** Tokens of one reply. */
    public record UsageView(int inputTokens, int outputTokens, int totalTokens) {
        static UsageView of(AiProvider.Usage u) {
            return new UsageView(u.inputTokens(), u.outputTokens(), u.totalTokens());
        }
    }

    /**
     * {@code ai_response}: the reply is complete and stored.
     *
     * @param id        the stored message's id (null when a reply cancelled before its first word stored nothing)
     * @param message   the stored text (for a cancelled reply: the partial text plus a note)
     * @param cached    true when the answer came from the response cache (usage is then zero)
     */
    public record Response(String id, String responseId, String conversationId, String message, String provider, String model,
                           UsageView usage, long latencyMs, boolean cancelled, boolean cached) {}

    /** {@code ai_error}: the assistant could not answer, to the requester only. */
    public record Error(String conversationId, String responseId, String code, String message) {}

    /** The ack of {@code ai_chat_message}; {@code responseId} is null when a retried clientMessageId started nothing new. */
    public record Accepted(boolean ok, String messageId, String conversationId, String responseId) {}

    /** {@code POST /api/ai/chat}'s answer. */
    public record ChatAnswer(String aiResponse, String conversationId, String messageId, String responseId, String model,
                             UsageView usage, long latencyMs, boolean cached) {}
}
