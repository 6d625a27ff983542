-- PostgreSQL full-text search: a generated tsvector ('simple' config: no stemming, works for any language).
ALTER TABLE messages ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED;
CREATE INDEX messages_search ON messages USING GIN (search_vector);
