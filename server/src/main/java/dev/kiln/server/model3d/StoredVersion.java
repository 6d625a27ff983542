package dev.kiln.server.model3d;

/** One row of {@code model_versions}: a scene spec as built, with its stats and the stored GLB. */
record StoredVersion(long modelId, int version, String spec, String interpretation, long triangles, long vertices, int objects,
                     String bounds, String glbKey, long glbSize, long createdBy, long createdAt) {
}
