package dev.kiln.server.ai;

import dev.kiln.server.shared.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tokens spent per user per UTC day (the daily budget) and one audit row per answered request. */
@Repository
public class AiUsageRepository {
    private final JdbcClient jdbc;

    public AiUsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long tokensOn(long userId, int day) {
        return jdbc.sql("SELECT COALESCE(SUM(tokens), 0) FROM ai_usage WHERE user_id = ? AND day = ?").params(userId, day)
                .query(Long.class).single();
    }

    /** Adds atomically, so concurrent replies for one user never lose a count. */
    public void add(long userId, int day, long tokens) {
        jdbc.sql("""
                INSERT INTO ai_usage (user_id, day, tokens, requests) VALUES (?, ?, ?, 1)
                ON CONFLICT (user_id, day) DO UPDATE SET tokens = ai_usage.tokens + excluded.tokens, requests = ai_usage.requests + 1
                """).params(userId, day, tokens).update();
    }

    /** @param outcome "answered", "cancelled" or "failed" */
    public void logResponse(long conversationId, long requestedBy, Long promptMessage, Long replyMessage, String provider, String model,
                            int inputTokens, int outputTokens, long latencyMs, String outcome, long now) {
        jdbc.sql("""
                INSERT INTO ai_responses (id, conversation_id, requested_by, prompt_message, reply_message, provider, model,
                  input_tokens, output_tokens, latency_ms, outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(Ids.next(), conversationId, requestedBy, promptMessage, replyMessage, provider, model, inputTokens,
                outputTokens, latencyMs, outcome, now).update();
    }
}
