-- Text-to-3D jobs across nodes and external generators.
--
-- owner_node / lease_until: the node that queued or runs a job, and until when it holds it (epoch ms). Nodes renew
-- their leases while alive and release them when they stop; a job whose lease has run out is recovered by any node
-- (queued: taken over and run; running: failed as interrupted), so a starting node never touches live nodes' jobs.
--
-- External 3D generators (Meshy, Stable Fast 3D): which generator a job asked for, the note shown when it fell back to
-- the built-in engine, the uploaded image of an image-to-3D job, and what made each version ('procedural' versions are
-- built from their spec; others keep the GLB as delivered and have an empty spec).
ALTER TABLE models ADD COLUMN generator VARCHAR(20) NOT NULL DEFAULT 'procedural';
ALTER TABLE models ADD COLUMN note TEXT;
ALTER TABLE models ADD COLUMN image_file_id BIGINT;
ALTER TABLE model_versions ADD COLUMN source VARCHAR(20) NOT NULL DEFAULT 'procedural';
ALTER TABLE models ADD COLUMN owner_node VARCHAR(64);
ALTER TABLE models ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
CREATE INDEX models_lease ON models (status, lease_until);
