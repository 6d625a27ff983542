-- External 3D generators (Meshy, Stable Fast 3D): which generator a job asked for, the note shown when it fell back to
-- the built-in engine, the uploaded image of an image-to-3D job, and what made each version ('procedural' versions are
-- built from their spec; others keep the GLB as delivered and have an empty spec).
ALTER TABLE models ADD COLUMN generator VARCHAR(20) NOT NULL DEFAULT 'procedural';
ALTER TABLE models ADD COLUMN note TEXT;
ALTER TABLE models ADD COLUMN image_file_id BIGINT;
ALTER TABLE model_versions ADD COLUMN source VARCHAR(20) NOT NULL DEFAULT 'procedural';
