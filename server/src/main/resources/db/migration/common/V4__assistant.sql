-- The AI assistant. Portable SQL for SQLite and PostgreSQL: ids are time-ordered BIGINTs (TSID), times are epoch milliseconds.
-- The assistant's bot account (users.is_bot = 1) is created at startup, because TSIDs are made in Java.

-- Per-room assistant settings; a room without a row uses the server defaults (enabled, default prompt and chain).
CREATE TABLE ai_room_settings (
    conversation_id BIGINT PRIMARY KEY REFERENCES conversations (id),
    enabled         SMALLINT NOT NULL DEFAULT 1,
    system_prompt   TEXT,
    provider        VARCHAR(32),
    model           VARCHAR(100),
    temperature     DOUBLE PRECISION,
    updated_by      BIGINT NOT NULL REFERENCES users (id),
    updated_at      BIGINT NOT NULL
);

-- Tokens (input + output) each user spent per UTC day, for the daily budget.
CREATE TABLE ai_usage (
    user_id  BIGINT  NOT NULL REFERENCES users (id),
    day      INTEGER NOT NULL,
    tokens   BIGINT  NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
);

-- One row per answered request: who asked, which provider and model answered, cost and latency.
CREATE TABLE ai_responses (
    id              BIGINT PRIMARY KEY,
    conversation_id BIGINT      NOT NULL REFERENCES conversations (id),
    requested_by    BIGINT      NOT NULL REFERENCES users (id),
    prompt_message  BIGINT      REFERENCES messages (id),
    reply_message   BIGINT      REFERENCES messages (id),
    provider        VARCHAR(32),
    model           VARCHAR(100),
    input_tokens    INTEGER     NOT NULL,
    output_tokens   INTEGER     NOT NULL,
    latency_ms      BIGINT      NOT NULL,
    outcome         VARCHAR(16) NOT NULL,
    created_at      BIGINT      NOT NULL
);
CREATE INDEX ai_responses_conversation ON ai_responses (conversation_id, id);
