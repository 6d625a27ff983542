package dev.kiln.server.ai;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-room assistant settings in SQL. */
@Repository
public class AiSettingsRepository {
    private final JdbcClient jdbc;

    public AiSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AiRoomSettings> find(long conversationId) {
        return jdbc.sql("SELECT * FROM ai_room_settings WHERE conversation_id = ?").param(conversationId)
                .query((rs, i) -> {
                    double t = rs.getDouble("temperature");
                    Double temperature = rs.wasNull() ? null : t;
                    return new AiRoomSettings(rs.getLong("conversation_id"), rs.getInt("enabled") != 0, rs.getString("system_prompt"),
                            rs.getString("provider"), rs.getString("model"), temperature);
                }).optional();
    }

    public AiRoomSettings findOrDefaults(long conversationId) {
        return find(conversationId).orElseGet(() -> AiRoomSettings.defaults(conversationId));
    }

    public void save(AiRoomSettings s, long updatedBy, long now) {
        jdbc.sql("""
                INSERT INTO ai_room_settings (conversation_id, enabled, system_prompt, provider, model, temperature, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (conversation_id) DO UPDATE SET enabled = excluded.enabled, system_prompt = excluded.system_prompt,
                  provider = excluded.provider, model = excluded.model, temperature = excluded.temperature,
                  updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).params(s.conversationId(), s.enabled() ? 1 : 0, s.systemPrompt(), s.provider(), s.model(), s.temperature(),
                updatedBy, now).update();
    }
}
