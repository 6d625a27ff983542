package dev.kiln.mesh.generators;

import dev.kiln.mesh.geometry.Bounds;
import java.util.List;

/** What a shape generator returns: named parts in the shape's frame (standing on y = 0, centred on x/z). */
public record Model(List<Part> parts) {

    public Model {
        parts = List.copyOf(parts);
    }

    public Bounds bounds() {
        Bounds b = Bounds.EMPTY;
        for (Part p : parts) {
            b = b.union(Bounds.of(p.mesh()));
        }
        return b;
    }

    public long triangleCount() {
        long n = 0;
        for (Part p : parts) {
            n += p.mesh().triangleCount();
        }
        return n;
    }
}
