package dev.kiln.server.ai;

/**
 * A room's assistant settings; null fields mean "the server default".
 *
 * @param provider    the provider tried first for this room
 * @param model       the model for that provider (or for the chain's first provider when {@code provider} is null)
 */
public record AiRoomSettings(long conversationId, boolean enabled, String systemPrompt, String provider, String model, Double temperature) {
    static AiRoomSettings defaults(long conversationId) {
        return new AiRoomSettings(conversationId, true, null, null, null, null);
    }
}
