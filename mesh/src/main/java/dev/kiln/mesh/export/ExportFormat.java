package dev.kiln.mesh.export;

/** Single-stream export formats, with the file extension and media type a server would send. */
public enum ExportFormat {
    /** Binary glTF 2.0: one self-contained file, the default for the web viewer. */
    GLB("glb", "model/gltf-binary"),
    /** glTF 2.0 JSON with the buffer embedded as a data URI (for separate .bin use {@link GltfExporter#writeSeparate}). */
    GLTF("gltf", "model/gltf+json"),
    /** Wavefront OBJ referencing {@code model.mtl} (for the MTL itself use {@link ObjExporter#write}). */
    OBJ("obj", "model/obj"),
    /** Binary STL of one merged, welded, outward-facing mesh. */
    STL("stl", "model/stl"),
    /** ASCII STL, same geometry as {@link #STL}. */
    STL_ASCII("stl", "model/stl");

    private final String extension;
    private final String mediaType;

    ExportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }
}
