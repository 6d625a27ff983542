-- The note on how a model was made ("Meshy timed out; made with the built-in engine instead", "spec proposed by the
-- assistant (…)") belongs to the version the generation made, not to the model: a version saved from an edited spec
-- was made by its editor and carries none. Existing generated versions (always version 1) take their model's note.
ALTER TABLE model_versions ADD COLUMN note TEXT;
UPDATE model_versions SET note = (SELECT m.note FROM models m WHERE m.id = model_versions.model_id) WHERE version = 1;
