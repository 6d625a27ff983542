package dev.kiln.server.model3d;

/**
 * One row of {@code model_versions}: a scene spec as built, with its stats and the stored GLB. {@code source} says what
 * made it: "procedural" versions are built from their spec; an external generator's version ("meshy", …) keeps its GLB
 * as delivered, other formats are converted from that GLB, and its spec is empty. {@code note} says how a generated
 * version was made when people should know (a fall-back, the assistant's proposal); null for versions saved from an edit.
 */
record StoredVersion(long modelId, int version, String spec, String interpretation, long triangles, long vertices, int objects,
                     String bounds, String glbKey, long glbSize, long createdBy, long createdAt, String source, String note) {
    static final String PROCEDURAL = "procedural";
    /** The spec stored for versions that were not built from one. */
    static final String EMPTY_SPEC = "{\"version\":1,\"objects\":[]}";

    boolean procedural() {
        return PROCEDURAL.equals(source);
    }
}
