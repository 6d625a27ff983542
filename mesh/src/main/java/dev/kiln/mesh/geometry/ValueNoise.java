package dev.kiln.mesh.geometry;

/** Seeded 2D value noise with fractal octaves: deterministic, dependency-free terrain heights in 0..1. */
public final class ValueNoise {

    private final long seed;

    public ValueNoise(long seed) {
        this.seed = seed;
    }

    /** Fractal sum of {@code octaves} layers, each twice the frequency and half the amplitude; result in 0..1. */
    public double fractal(double x, double y, int octaves) {
        double sum = 0, amplitude = 1, total = 0, frequency = 1;
        for (int o = 0; o < octaves; o++) {
            sum += amplitude * smooth(x * frequency, y * frequency, o);
            total += amplitude;
            amplitude *= 0.5;
            frequency *= 2;
        }
        return sum / total;
    }

    private double smooth(double x, double y, int octave) {
        long xi = (long) Math.floor(x), yi = (long) Math.floor(y);
        double fx = x - xi, fy = y - yi;
        double u = fx * fx * (3 - 2 * fx), v = fy * fy * (3 - 2 * fy); // smoothstep hides the lattice
        double a = lattice(xi, yi, octave), b = lattice(xi + 1, yi, octave), c = lattice(xi, yi + 1, octave), d = lattice(xi + 1, yi + 1, octave);
        return a + (b - a) * u + (c - a) * v + (a - b - c + d) * u * v;
    }

    private double lattice(long x, long y, int octave) {
        long h = seed * 0x9E3779B97F4A7C15L + x * 0xBF58476D1CE4E5B9L + y * 0x94D049BB133111EBL + octave * 0x2545F4914F6CDD1DL;
        h ^= h >>> 31;
        h *= 0x7FB5D329728EA185L;
        h ^= h >>> 27;
        h *= 0x81DADEF4BC2DD44DL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
