package dev.kiln.mesh.geometry;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Axis-aligned bounding box in metres; {@link #EMPTY} has min > max and unions as a no-op. */
public record Bounds(double minX, double minY, double minZ, double maxX, double maxY, double maxZ) {

    public static final Bounds EMPTY = new Bounds(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);

    public static Bounds of(TriangleMesh mesh) {
        float[] p = mesh.positions();
        if (p.length == 0) {
            return EMPTY;
        }
        double x0 = p[0], y0 = p[1], z0 = p[2], x1 = x0, y1 = y0, z1 = z0;
        for (int i = 3; i < p.length; i += 3) {
            x0 = Math.min(x0, p[i]);
            x1 = Math.max(x1, p[i]);
            y0 = Math.min(y0, p[i + 1]);
            y1 = Math.max(y1, p[i + 1]);
            z0 = Math.min(z0, p[i + 2]);
            z1 = Math.max(z1, p[i + 2]);
        }
        return new Bounds(x0, y0, z0, x1, y1, z1);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return minX > maxX;
    }

    public double width() {
        return isEmpty() ? 0 : maxX - minX;
    }

    public double height() {
        return isEmpty() ? 0 : maxY - minY;
    }

    public double depth() {
        return isEmpty() ? 0 : maxZ - minZ;
    }

    @JsonIgnore
    public double largestSide() {
        return Math.max(width(), Math.max(height(), depth()));
    }

    public Bounds union(Bounds o) {
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        return new Bounds(Math.min(minX, o.minX), Math.min(minY, o.minY), Math.min(minZ, o.minZ),
                Math.max(maxX, o.maxX), Math.max(maxY, o.maxY), Math.max(maxZ, o.maxZ));
    }

    /** Bounds of this box's eight corners after {@code m}. */
    public Bounds transformed(Matrix4 m) {
        if (isEmpty()) {
            return this;
        }
        Bounds out = EMPTY;
        for (int i = 0; i < 8; i++) {
            double[] p = m.transformPoint((i & 1) == 0 ? minX : maxX, (i & 2) == 0 ? minY : maxY, (i & 4) == 0 ? minZ : maxZ);
            out = out.union(new Bounds(p[0], p[1], p[2], p[0], p[1], p[2]));
        }
        return out;
    }

    public boolean isFinite() {
        return Double.isFinite(minX) && Double.isFinite(minY) && Double.isFinite(minZ)
                && Double.isFinite(maxX) && Double.isFinite(maxY) && Double.isFinite(maxZ);
    }
}
