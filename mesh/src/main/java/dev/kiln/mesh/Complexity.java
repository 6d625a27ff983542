package dev.kiln.mesh;

/** Level of detail for generation: drives tessellation (segments) and how many small details templates add. */
public enum Complexity {
    LOW(12, 0),
    MEDIUM(24, 1),
    HIGH(48, 2);

    private final int radialSegments;
    private final int detail;

    Complexity(int radialSegments, int detail) {
        this.radialSegments = radialSegments;
        this.detail = detail;
    }

    /** Segments around a full circle for a round part of ordinary size. */
    public int radialSegments() {
        return radialSegments;
    }

    /** Segments for a small round part (handles, knobs), half of {@link #radialSegments()} but at least 8. */
    public int smallSegments() {
        return Math.max(8, radialSegments / 2);
    }

    /** Segments from pole to pole of a sphere. */
    public int heightSegments() {
        return radialSegments / 2;
    }

    /** 0 for low, 1 for medium, 2 for high: templates add optional parts when this is high enough. */
    public int detail() {
        return detail;
    }
}
