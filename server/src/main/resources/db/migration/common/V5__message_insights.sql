-- Message insights, computed in-process when a message is stored or edited and dropped with its content when it is
-- deleted: sentiment label (positive | neutral | negative) and compound score in [-1, 1], and the ISO 639-1 code of
-- its language (NULL when too short or unsure). Messages stored before this migration are analysed in the background
-- at startup (sentiment IS NULL on an undeleted message means "not analysed yet").
ALTER TABLE messages ADD COLUMN sentiment VARCHAR(8);
ALTER TABLE messages ADD COLUMN sentiment_score DOUBLE PRECISION;
ALTER TABLE messages ADD COLUMN language VARCHAR(8);
