package dev.kiln.mesh.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Box with rounded edges and corners, standing on y = 0. Each face is a grid whose points are pushed
 * onto the inner box's offset surface, the usual "rounded cube" construction.
 */
public final class RoundedBoxGeometry {

    private RoundedBoxGeometry() {
    }

    /**
     * @param width    size along x (m)
     * @param height   size along y (m)
     * @param depth    size along z (m)
     * @param radius   corner radius (m), clamped to half the smallest side
     * @param segments steps per quarter circle of the rounding, >= 1
     */
    public static TriangleMesh create(double width, double height, double depth, double radius, int segments) {
        double[] half = {width / 2, height / 2, depth / 2};
        double r = Math.max(1e-6, Math.min(radius, Math.min(half[0], Math.min(half[1], half[2]))));
        double[] inner = {half[0] - r, half[1] - r, half[2] - r};
        MeshBuilder b = new MeshBuilder();
        // normal axis, u axis, v axis, chosen so that u x v is the outward normal for each sign
        int[][] faces = {{0, 1, 2}, {0, 2, 1}, {1, 2, 0}, {1, 0, 2}, {2, 0, 1}, {2, 1, 0}};
        double[] signs = {1, -1, 1, -1, 1, -1};
        for (int f = 0; f < 6; f++) {
            int na = faces[f][0], ua = faces[f][1], va = faces[f][2];
            double[] us = axisSamples(half[ua], inner[ua], r, segments);
            double[] vs = axisSamples(half[va], inner[va], r, segments);
            int[][] grid = new int[us.length][vs.length];
            for (int i = 0; i < us.length; i++) {
                for (int j = 0; j < vs.length; j++) {
                    double[] p = new double[3];
                    p[na] = signs[f] * half[na];
                    p[ua] = us[i];
                    p[va] = vs[j];
                    double[] n = new double[3];
                    double[] pos = new double[3];
                    for (int a = 0; a < 3; a++) {
                        double clamped = Math.max(-inner[a], Math.min(inner[a], p[a]));
                        n[a] = p[a] - clamped;
                        pos[a] = clamped;
                    }
                    double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
                    for (int a = 0; a < 3; a++) {
                        n[a] /= len;
                        pos[a] += n[a] * r;
                    }
                    grid[i][j] = b.vertex(pos[0], pos[1] + half[1], pos[2], n[0], n[1], n[2]);
                }
            }
            for (int i = 0; i + 1 < us.length; i++) {
                for (int j = 0; j + 1 < vs.length; j++) {
                    b.quad(grid[i][j], grid[i + 1][j], grid[i + 1][j + 1], grid[i][j + 1]);
                }
            }
        }
        return b.build();
    }

    /** Coordinates along one face axis: dense in the rounded margins (equal angles), sparse across the flat middle. */
    private static double[] axisSamples(double half, double inner, double r, int segments) {
        List<Double> values = new ArrayList<>();
        for (int j = segments; j >= 1; j--) {
            values.add(-inner - r * Math.tan(Math.PI / 4 * j / segments));
        }
        values.add(-inner);
        if (inner > 1e-9) {
            values.add(inner);
        }
        for (int j = 1; j <= segments; j++) {
            values.add(inner + r * Math.tan(Math.PI / 4 * j / segments));
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        out[0] = -half;
        out[out.length - 1] = half;
        return out;
    }
}
