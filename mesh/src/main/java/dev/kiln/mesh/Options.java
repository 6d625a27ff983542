package dev.kiln.mesh;

/**
 * How to generate: tessellation/detail level and a style hint.
 *
 * @param complexity tessellation and detail (LOW, MEDIUM, HIGH)
 * @param style      rendering style hint; {@link Style#FLAT} recomputes flat normals for a faceted look
 */
public record Options(Complexity complexity, Style style) {

    /** Shading style of the exported meshes. */
    public enum Style { SMOOTH, FLAT }

    public static final Options DEFAULT = new Options(Complexity.MEDIUM, Style.SMOOTH);

    public Options {
        complexity = complexity == null ? Complexity.MEDIUM : complexity;
        style = style == null ? Style.SMOOTH : style;
    }

    public static Options of(Complexity complexity) {
        return new Options(complexity, Style.SMOOTH);
    }
}
