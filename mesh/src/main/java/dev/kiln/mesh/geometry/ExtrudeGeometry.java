package dev.kiln.mesh.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Extrusion of a simple 2D outline (no holes) into a closed prism: the outline lies in the XY plane
 * and is pushed along +z from 0 to {@code depth}. Caps are triangulated by ear clipping, so concave
 * outlines work; side walls are flat-shaded.
 */
public final class ExtrudeGeometry {

    private ExtrudeGeometry() {
    }

    /**
     * @param outline x, y pairs of a simple polygon (either winding; it is made counter-clockwise)
     * @param depth   extrusion length along +z (m)
     */
    public static TriangleMesh create(double[] outline, double depth) {
        double[] poly = counterClockwise(outline);
        int n = poly.length / 2;
        int[] caps = triangulate(poly);
        MeshBuilder b = new MeshBuilder();
        int front = b.vertexCount();
        for (int i = 0; i < n; i++) {
            b.vertex(poly[i * 2], poly[i * 2 + 1], depth, 0, 0, 1);
        }
        int back = b.vertexCount();
        for (int i = 0; i < n; i++) {
            b.vertex(poly[i * 2], poly[i * 2 + 1], 0, 0, 0, -1);
        }
        for (int t = 0; t < caps.length; t += 3) {
            b.triangle(front + caps[t], front + caps[t + 1], front + caps[t + 2]);
            b.triangle(back + caps[t], back + caps[t + 2], back + caps[t + 1]);
        }
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double x0 = poly[i * 2], y0 = poly[i * 2 + 1], x1 = poly[j * 2], y1 = poly[j * 2 + 1];
            if (x0 == x1 && y0 == y1) {
                continue;
            }
            b.flatPolygon(x0, y0, 0, x1, y1, 0, x1, y1, depth, x0, y0, depth);
        }
        return b.build();
    }

    /** Signed area of a polygon (positive when counter-clockwise). */
    public static double signedArea(double[] poly) {
        int n = poly.length / 2;
        double a = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            a += poly[i * 2] * poly[j * 2 + 1] - poly[j * 2] * poly[i * 2 + 1];
        }
        return a / 2;
    }

    static double[] counterClockwise(double[] poly) {
        if (signedArea(poly) >= 0) {
            return poly;
        }
        int n = poly.length / 2;
        double[] r = new double[poly.length];
        for (int i = 0; i < n; i++) {
            r[i * 2] = poly[(n - 1 - i) * 2];
            r[i * 2 + 1] = poly[(n - 1 - i) * 2 + 1];
        }
        return r;
    }

    /** Ear-clipping triangulation of a counter-clockwise simple polygon; returns index triples. */
    public static int[] triangulate(double[] poly) {
        int n = poly.length / 2;
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            remaining.add(i);
        }
        List<Integer> out = new ArrayList<>();
        int guard = 0;
        while (remaining.size() > 3 && guard < n * n) {
            guard++;
            boolean clipped = false;
            for (int k = 0; k < remaining.size(); k++) {
                int a = remaining.get((k + remaining.size() - 1) % remaining.size());
                int b = remaining.get(k);
                int c = remaining.get((k + 1) % remaining.size());
                if (cross(poly, a, b, c) <= 1e-15) {
                    continue; // reflex or collinear corner: not an ear
                }
                boolean contains = false;
                for (int v : remaining) {
                    if (v != a && v != b && v != c && inside(poly, v, a, b, c)) {
                        contains = true;
                        break;
                    }
                }
                if (contains) {
                    continue;
                }
                out.add(a);
                out.add(b);
                out.add(c);
                remaining.remove(k);
                clipped = true;
                break;
            }
            if (!clipped) {
                // numerically stuck (collinear run): drop a collinear middle vertex, it adds no area
                int drop = -1;
                for (int k = 0; k < remaining.size() && drop < 0; k++) {
                    int a = remaining.get((k + remaining.size() - 1) % remaining.size());
                    int c = remaining.get((k + 1) % remaining.size());
                    if (Math.abs(cross(poly, a, remaining.get(k), c)) <= 1e-15) {
                        drop = k;
                    }
                }
                if (drop < 0) {
                    break;
                }
                remaining.remove(drop);
            }
        }
        if (remaining.size() == 3 && cross(poly, remaining.get(0), remaining.get(1), remaining.get(2)) > 1e-15) {
            out.add(remaining.get(0));
            out.add(remaining.get(1));
            out.add(remaining.get(2));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double cross(double[] p, int a, int b, int c) {
        return (p[b * 2] - p[a * 2]) * (p[c * 2 + 1] - p[a * 2 + 1]) - (p[b * 2 + 1] - p[a * 2 + 1]) * (p[c * 2] - p[a * 2]);
    }

    private static boolean inside(double[] p, int v, int a, int b, int c) {
        return cross(p, a, b, v) >= 0 && cross(p, b, c, v) >= 0 && cross(p, c, a, v) >= 0;
    }
}
