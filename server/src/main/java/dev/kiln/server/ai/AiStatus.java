package dev.kiln.server.ai;

/**
 * {@code GET /api/ai/status} and the {@code ai_status} socket event: the state of the provider the assistant
 * tries first (docs/protocol.md, "AI assistant").
 *
 * @param provider null when no provider is configured
 * @param model    the model that provider uses by default (the local model's file name without ".gguf")
 * @param state    "ready", "downloading", "loading" or "unavailable"
 * @param percent  0-100 while downloading when the size is known, otherwise null
 * @param reason   null when ready; otherwise a sentence saying why and what to do
 */
public record AiStatus(String provider, String model, String state, Integer percent, String reason) {}
