package dev.kiln.mesh.geometry;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * A bracketed L-system and a 3D turtle that draws it as tapered cylinders. Symbols: {@code F} draw a
 * segment forward, {@code + -} yaw, {@code & ^} pitch, {@code / \} roll (by the angle), {@code [ ]}
 * push/pop the turtle (segments get thinner and shorter with each bracket depth), {@code L} or an
 * unexpanded {@code X} a leaf.
 */
public final class LSystem {

    /** The drawn result: wood and leaves as separate meshes. */
    public record Drawing(TriangleMesh branches, TriangleMesh leaves) {
    }

    private LSystem() {
    }

    /** Applies {@code rules} to {@code axiom} {@code iterations} times; the length is capped to keep output bounded. */
    public static String expand(String axiom, Map<Character, String> rules, int iterations, int maxLength) {
        String current = axiom;
        for (int i = 0; i < iterations; i++) {
            StringBuilder next = new StringBuilder();
            for (char c : current.toCharArray()) {
                next.append(rules.getOrDefault(c, String.valueOf(c)));
                if (next.length() > maxLength) {
                    return current; // stop growing rather than produce a runaway string
                }
            }
            current = next.toString();
        }
        return current;
    }

    /**
     * Draws {@code program} starting at the origin pointing up.
     *
     * @param length   length of a trunk segment (m)
     * @param radius   radius of a trunk segment (m)
     * @param angleDeg turn angle for + - & ^
     * @param rollDeg  roll angle for / \
     * @param shrink   factor applied to length and radius per bracket depth (0.5..0.95)
     * @param sides    sides of each branch cylinder
     * @param leafSize leaf radius (m), 0 for none
     */
    public static Drawing draw(String program, double length, double radius, double angleDeg, double rollDeg, double shrink, int sides,
            double leafSize) {
        MeshBuilder wood = new MeshBuilder();
        MeshBuilder leaves = new MeshBuilder();
        TriangleMesh leaf = leafSize > 0 ? SphereGeometry.create(leafSize, 8, 4).transformed(Matrix4.translation(0, -leafSize, 0)) : null;
        Deque<double[]> stack = new ArrayDeque<>();
        // turtle state: position (3), heading (3), left (3), up (3), depth, segment index at depth
        double[] s = {0, 0, 0, 0, 1, 0, -1, 0, 0, 0, 0, 1, 0, 0};
        double angle = Math.toRadians(angleDeg), roll = Math.toRadians(rollDeg);
        for (char c : program.toCharArray()) {
            switch (c) {
                case 'F' -> {
                    double scale = Math.pow(shrink, s[12]);
                    double len = length * scale;
                    // taper within a branch so consecutive segments never share a cap ring
                    double r0 = radius * scale * Math.pow(0.97, s[13]), r1 = r0 * 0.97;
                    double[] h = {s[3], s[4], s[5]};
                    Matrix4 m = Matrix4.translation(s[0], s[1], s[2]).multiply(alignYTo(h));
                    // 2% longer than the step so the next segment starts inside this one: no coincident caps
                    wood.append(CylinderGeometry.create(r1, r0, len * 1.02, sides), m);
                    s[0] += h[0] * len;
                    s[1] += h[1] * len;
                    s[2] += h[2] * len;
                    s[13]++;
                }
                case '+' -> turn(s, 9, 3, 6, angle);
                case '-' -> turn(s, 9, 3, 6, -angle);
                case '&' -> turn(s, 6, 3, 9, angle);
                case '^' -> turn(s, 6, 3, 9, -angle);
                case '/' -> turn(s, 3, 6, 9, roll);
                case '\\' -> turn(s, 3, 6, 9, -roll);
                case '[' -> {
                    stack.push(s.clone());
                    s[12]++;
                    s[13] = 0;
                }
                case ']' -> {
                    if (!stack.isEmpty()) {
                        s = stack.pop();
                    }
                }
                case 'L', 'X' -> {
                    if (leaf != null) {
                        leaves.append(leaf, Matrix4.translation(s[0], s[1], s[2]));
                    }
                }
                default -> {
                    // other symbols only steer the rewriting
                }
            }
        }
        return new Drawing(wood.build(), leaves.build());
    }

    /** Rotates the two turtle axes at offsets a and b about the axis at offset {@code about}. */
    private static void turn(double[] s, int about, int a, int b, double angle) {
        double[] k = {s[about], s[about + 1], s[about + 2]};
        double[] va = SweepGeometry.rotate(new double[] {s[a], s[a + 1], s[a + 2]}, k, angle);
        double[] vb = SweepGeometry.rotate(new double[] {s[b], s[b + 1], s[b + 2]}, k, angle);
        System.arraycopy(va, 0, s, a, 3);
        System.arraycopy(vb, 0, s, b, 3);
    }

    /** Rotation taking +y to direction d. */
    static Matrix4 alignYTo(double[] d) {
        double[] y = {0, 1, 0};
        double[] k = SweepGeometry.cross(y, d);
        double sin = Math.sqrt(SweepGeometry.dot(k, k)), cos = SweepGeometry.dot(y, d);
        if (sin < 1e-12) {
            return cos > 0 ? Matrix4.IDENTITY : Matrix4.scaling(1, -1, -1);
        }
        k = new double[] {k[0] / sin, k[1] / sin, k[2] / sin};
        double a = Math.atan2(sin, cos), c = Math.cos(a), s = Math.sin(a), t = 1 - c;
        return new Matrix4(new double[] {
            t * k[0] * k[0] + c, t * k[0] * k[1] + s * k[2], t * k[0] * k[2] - s * k[1], 0,
            t * k[0] * k[1] - s * k[2], t * k[1] * k[1] + c, t * k[1] * k[2] + s * k[0], 0,
            t * k[0] * k[2] + s * k[1], t * k[1] * k[2] - s * k[0], t * k[2] * k[2] + c, 0,
            0, 0, 0, 1});
    }
}
