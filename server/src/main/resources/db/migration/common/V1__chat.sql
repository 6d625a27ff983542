-- Portable SQL for SQLite and PostgreSQL: ids are time-ordered BIGINTs (TSID), times are epoch milliseconds.
CREATE TABLE users (
    id             BIGINT PRIMARY KEY,
    username       VARCHAR(32)  NOT NULL,
    username_key   VARCHAR(32)  NOT NULL UNIQUE,
    email          VARCHAR(254) NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    is_bot         SMALLINT     NOT NULL DEFAULT 0,
    created_at     BIGINT       NOT NULL,
    last_seen_at   BIGINT
);

CREATE TABLE token_families (
    id          BIGINT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

CREATE TABLE refresh_tokens (
    token_hash  VARCHAR(64) PRIMARY KEY,
    family_id   BIGINT NOT NULL REFERENCES token_families (id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE conversations (
    id              BIGINT PRIMARY KEY,
    name            VARCHAR(100),
    type            VARCHAR(10)  NOT NULL,
    visibility      VARCHAR(10)  NOT NULL,
    created_by      BIGINT       NOT NULL REFERENCES users (id),
    created_at      BIGINT       NOT NULL,
    last_message_at BIGINT,
    direct_key      VARCHAR(64) UNIQUE
);
CREATE INDEX conversations_public ON conversations (visibility, last_message_at);

CREATE TABLE conversation_members (
    conversation_id      BIGINT      NOT NULL REFERENCES conversations (id),
    user_id              BIGINT      NOT NULL REFERENCES users (id),
    role                 VARCHAR(10) NOT NULL,
    joined_at            BIGINT      NOT NULL,
    last_read_message_id BIGINT,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_user ON conversation_members (user_id);

CREATE TABLE messages (
    id                BIGINT PRIMARY KEY,
    conversation_id   BIGINT       NOT NULL REFERENCES conversations (id),
    user_id           BIGINT       NOT NULL REFERENCES users (id),
    body              TEXT         NOT NULL,
    reply_to          BIGINT,
    thread_id         BIGINT,
    client_message_id VARCHAR(100),
    created_at        BIGINT       NOT NULL,
    edited_at         BIGINT,
    deleted_at        BIGINT
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_thread ON messages (thread_id, id);
-- Retried sends carry the same client id: the unique index makes the retry a no-op.
CREATE UNIQUE INDEX messages_client_id ON messages (user_id, client_message_id);

CREATE TABLE message_mentions (
    message_id BIGINT NOT NULL REFERENCES messages (id),
    user_id    BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (message_id, user_id)
);

CREATE TABLE reactions (
    message_id BIGINT      NOT NULL REFERENCES messages (id),
    user_id    BIGINT      NOT NULL REFERENCES users (id),
    emoji      VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
);

CREATE TABLE files (
    id              BIGINT PRIMARY KEY,
    conversation_id BIGINT       NOT NULL REFERENCES conversations (id),
    uploader_id     BIGINT       NOT NULL REFERENCES users (id),
    message_id      BIGINT REFERENCES messages (id),
    name            VARCHAR(255) NOT NULL,
    content_type    VARCHAR(100) NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    sha256          VARCHAR(64)  NOT NULL,
    storage_key     VARCHAR(200) NOT NULL,
    thumbnail_key   VARCHAR(200),
    width           INTEGER,
    height          INTEGER,
    created_at      BIGINT       NOT NULL
);
CREATE INDEX files_message ON files (message_id);
