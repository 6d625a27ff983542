-- The GLB of every model version, in the database that all instances share. Files used to live only in the data dir of
-- the instance that made them, so a download through another instance failed (or rebuilt the file, which an external
-- generator's model cannot be). The data dir is now a cache in front of this table; other formats and levels of detail
-- are derived from the GLB or the spec on any instance and cached there. BYTEA is PostgreSQL's binary type; SQLite
-- stores the bytes as a BLOB whatever the declared type. One GLB is at most KILN_MODEL3D_MAXMODELSIZE (64 MB).
CREATE TABLE model_files (
    file_key    VARCHAR(200) PRIMARY KEY,
    model_id    BIGINT       NOT NULL REFERENCES models (id),
    bytes       BYTEA        NOT NULL,
    size        BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL
);
CREATE INDEX model_files_model ON model_files (model_id);
