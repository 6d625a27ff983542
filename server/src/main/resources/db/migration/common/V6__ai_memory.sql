-- Assistant memory. Portable SQL for SQLite and PostgreSQL (BYTEA is PostgreSQL's binary type; SQLite stores the
-- bytes as a BLOB whatever the declared type).

-- One sentence embedding per message: float32 little-endian, from the model named in `model`. `edited_at` is the
-- message's edited_at when it was embedded, so an edited message counts as not embedded until it is again.
CREATE TABLE message_embeddings (
    message_id      BIGINT      PRIMARY KEY REFERENCES messages (id),
    conversation_id BIGINT      NOT NULL REFERENCES conversations (id),
    model           VARCHAR(64) NOT NULL,
    edited_at       BIGINT,
    vector          BYTEA       NOT NULL,
    created_at      BIGINT      NOT NULL
);
CREATE INDEX message_embeddings_conversation ON message_embeddings (conversation_id, message_id);

-- The rolling summary of a conversation's older messages, which the assistant's prompt carries instead of them.
-- It covers every top-level message up to `covered_until` (a message id); `method` is 'generative' or 'extractive'.
CREATE TABLE ai_conversation_memory (
    conversation_id BIGINT      PRIMARY KEY REFERENCES conversations (id),
    summary         TEXT        NOT NULL,
    covered_until   BIGINT      NOT NULL,
    method          VARCHAR(16) NOT NULL,
    updated_at      BIGINT      NOT NULL
);
