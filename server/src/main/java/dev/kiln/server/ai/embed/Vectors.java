package dev.kiln.server.ai.embed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Vector arithmetic and the stored form of a vector (little-endian float32, 4 bytes per dimension). */
public final class Vectors {
    private Vectors() {}

    public static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    /** Cosine similarity of two unit vectors (their dot product); 0 when the lengths differ. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) return 0;
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        return dot;
    }

    /** Scales to unit length (a zero vector stays zero). */
    public static float[] normalized(float[] v) {
        double norm = 0;
        for (float x : v) norm += x * x;
        norm = Math.sqrt(norm);
        if (norm == 0) return v.clone();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
        return out;
    }

    /** The normalized mean of unit vectors: the direction most of them share. */
    public static float[] centroid(List<float[]> vectors) {
        if (vectors.isEmpty()) return new float[0];
        float[] sum = new float[vectors.getFirst().length];
        for (float[] v : vectors) for (int i = 0; i < sum.length && i < v.length; i++) sum[i] += v[i];
        return normalized(sum);
    }
}
