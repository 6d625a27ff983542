-- Text-to-3D: generation jobs (one row per model; the generation id is the model id), their versions,
-- tags and the conversations they are shared in. Portable SQL for SQLite and PostgreSQL: ids are
-- time-ordered BIGINTs (TSID), times are epoch milliseconds.
CREATE TABLE models (
    id               BIGINT PRIMARY KEY,
    owner_id         BIGINT       NOT NULL REFERENCES users (id),
    conversation_id  BIGINT REFERENCES conversations (id),
    name             VARCHAR(100) NOT NULL,
    description      TEXT         NOT NULL,
    complexity       VARCHAR(10)  NOT NULL,
    style            VARCHAR(10)  NOT NULL,
    -- queued | running | completed | failed | cancelled
    status           VARCHAR(10)  NOT NULL,
    progress         INTEGER      NOT NULL DEFAULT 0,
    stage            VARCHAR(20)  NOT NULL,
    error            TEXT,
    current_version  INTEGER,
    message_id       BIGINT,
    created_at       BIGINT       NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    updated_at       BIGINT       NOT NULL,
    deleted_at       BIGINT
);
CREATE INDEX models_owner ON models (owner_id, status);
CREATE INDEX models_status ON models (status, id);

CREATE TABLE model_versions (
    model_id        BIGINT       NOT NULL REFERENCES models (id),
    version         INTEGER      NOT NULL,
    spec            TEXT         NOT NULL,
    -- JSON {understood:[{phrase, meaning}], ignored:[…]} for versions read from a description; null for edits
    interpretation  TEXT,
    triangles       BIGINT       NOT NULL,
    vertices        BIGINT       NOT NULL,
    objects         INTEGER      NOT NULL,
    -- JSON {min:[x,y,z], max:[x,y,z]}
    bounds          TEXT         NOT NULL,
    glb_key         VARCHAR(200) NOT NULL,
    glb_size        BIGINT       NOT NULL,
    created_by      BIGINT       NOT NULL REFERENCES users (id),
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (model_id, version)
);

CREATE TABLE model_tags (
    model_id BIGINT      NOT NULL REFERENCES models (id),
    tag      VARCHAR(40) NOT NULL,
    PRIMARY KEY (model_id, tag)
);
CREATE INDEX model_tags_tag ON model_tags (tag);

CREATE TABLE model_shares (
    model_id        BIGINT NOT NULL REFERENCES models (id),
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    shared_by       BIGINT NOT NULL REFERENCES users (id),
    shared_at       BIGINT NOT NULL,
    PRIMARY KEY (model_id, conversation_id)
);
CREATE INDEX model_shares_conversation ON model_shares (conversation_id);
