package dev.kiln.mesh.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Constructive solid geometry on closed meshes with BSP trees, after Evan Wallace's csg.js.
 *
 * <p>Each operand becomes a BSP tree of convex polygons; polygons of one are clipped against the
 * other and the survivors are merged. csg.js leaves T-junctions where a split edge meets an unsplit
 * neighbour; here every polygon edge is re-split at the vertices lying on it and polygons are fanned
 * from their centroid, so closed inputs give watertight output (every edge shared by two triangles).
 */
public final class Csg {

    private static final double EPSILON = 1e-5;
    private static final int COPLANAR = 0, FRONT = 1, BACK = 2, SPANNING = 3;

    private Csg() {
    }

    /** Everything inside a or b. */
    public static TriangleMesh union(TriangleMesh a, TriangleMesh b) {
        Node na = new Node(polygons(a)), nb = new Node(polygons(b));
        na.clipTo(nb);
        nb.clipTo(na);
        nb.invert();
        nb.clipTo(na);
        nb.invert();
        na.build(nb.allPolygons());
        return toMesh(na.allPolygons());
    }

    /** Inside a but not inside b. */
    public static TriangleMesh difference(TriangleMesh a, TriangleMesh b) {
        Node na = new Node(polygons(a)), nb = new Node(polygons(b));
        na.invert();
        na.clipTo(nb);
        nb.clipTo(na);
        nb.invert();
        nb.clipTo(na);
        nb.invert();
        na.build(nb.allPolygons());
        na.invert();
        return toMesh(na.allPolygons());
    }

    /** Inside both a and b. */
    public static TriangleMesh intersection(TriangleMesh a, TriangleMesh b) {
        Node na = new Node(polygons(a)), nb = new Node(polygons(b));
        na.invert();
        nb.clipTo(na);
        nb.invert();
        na.clipTo(nb);
        nb.clipTo(na);
        na.build(nb.allPolygons());
        na.invert();
        return toMesh(na.allPolygons());
    }

    private record Vertex(double x, double y, double z, double nx, double ny, double nz) {

        Vertex flipped() {
            return new Vertex(x, y, z, -nx, -ny, -nz);
        }

        Vertex lerp(Vertex o, double t) {
            return new Vertex(x + (o.x - x) * t, y + (o.y - y) * t, z + (o.z - z) * t,
                    nx + (o.nx - nx) * t, ny + (o.ny - ny) * t, nz + (o.nz - nz) * t);
        }
    }

    private record Plane(double nx, double ny, double nz, double w) {

        static Plane of(Vertex a, Vertex b, Vertex c) {
            double ux = b.x - a.x, uy = b.y - a.y, uz = b.z - a.z, vx = c.x - a.x, vy = c.y - a.y, vz = c.z - a.z;
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            nx /= len;
            ny /= len;
            nz /= len;
            return new Plane(nx, ny, nz, nx * a.x + ny * a.y + nz * a.z);
        }

        Plane flipped() {
            return new Plane(-nx, -ny, -nz, -w);
        }

        double distance(Vertex v) {
            return nx * v.x + ny * v.y + nz * v.z - w;
        }

        /** Puts the polygon (or its pieces) into the lists by which side of this plane it lies on. */
        void split(Polygon p, List<Polygon> coplanarFront, List<Polygon> coplanarBack, List<Polygon> front, List<Polygon> back) {
            int polygonType = 0;
            int[] types = new int[p.vertices.size()];
            for (int i = 0; i < types.length; i++) {
                double t = distance(p.vertices.get(i));
                types[i] = t < -EPSILON ? BACK : t > EPSILON ? FRONT : COPLANAR;
                polygonType |= types[i];
            }
            switch (polygonType) {
                case COPLANAR -> (nx * p.plane.nx + ny * p.plane.ny + nz * p.plane.nz > 0 ? coplanarFront : coplanarBack).add(p);
                case FRONT -> front.add(p);
                case BACK -> back.add(p);
                default -> {
                    List<Vertex> f = new ArrayList<>(), b = new ArrayList<>();
                    int n = p.vertices.size();
                    for (int i = 0; i < n; i++) {
                        int j = (i + 1) % n;
                        int ti = types[i], tj = types[j];
                        Vertex vi = p.vertices.get(i), vj = p.vertices.get(j);
                        if (ti != BACK) {
                            f.add(vi);
                        }
                        if (ti != FRONT) {
                            b.add(vi);
                        }
                        if ((ti | tj) == SPANNING) {
                            double t = (w - (nx * vi.x + ny * vi.y + nz * vi.z)) / (nx * (vj.x - vi.x) + ny * (vj.y - vi.y) + nz * (vj.z - vi.z));
                            Vertex v = vi.lerp(vj, t);
                            f.add(v);
                            b.add(v);
                        }
                    }
                    if (f.size() >= 3) {
                        front.add(new Polygon(f, p.plane));
                    }
                    if (b.size() >= 3) {
                        back.add(new Polygon(b, p.plane));
                    }
                }
            }
        }
    }

    private static final class Polygon {
        final List<Vertex> vertices;
        final Plane plane;

        Polygon(List<Vertex> vertices, Plane plane) {
            this.vertices = vertices;
            this.plane = plane;
        }

        Polygon flipped() {
            List<Vertex> v = new ArrayList<>(vertices.size());
            for (int i = vertices.size() - 1; i >= 0; i--) {
                v.add(vertices.get(i).flipped());
            }
            return new Polygon(v, plane.flipped());
        }
    }

    /** BSP tree node: a splitting plane, the polygons on it, and front/back subtrees. */
    private static final class Node {
        Plane plane;
        Node front;
        Node back;
        List<Polygon> polygons = new ArrayList<>();

        Node(List<Polygon> polygons) {
            build(polygons);
        }

        void invert() {
            // iterative walk: BSP trees of convex shapes degenerate into long chains
            List<Node> stack = new ArrayList<>(List.of(this));
            while (!stack.isEmpty()) {
                Node n = stack.remove(stack.size() - 1);
                n.polygons.replaceAll(Polygon::flipped);
                if (n.plane != null) {
                    n.plane = n.plane.flipped();
                }
                Node t = n.front;
                n.front = n.back;
                n.back = t;
                if (n.front != null) {
                    stack.add(n.front);
                }
                if (n.back != null) {
                    stack.add(n.back);
                }
            }
        }

        /** The parts of {@code input} outside the solid this tree describes. */
        List<Polygon> clipPolygons(List<Polygon> input) {
            if (plane == null) {
                return new ArrayList<>(input);
            }
            List<Polygon> f = new ArrayList<>(), b = new ArrayList<>();
            for (Polygon p : input) {
                plane.split(p, f, b, f, b);
            }
            List<Polygon> out = front != null ? front.clipPolygons(f) : f;
            if (back != null) {
                out.addAll(back.clipPolygons(b));
            }
            return out;
        }

        void clipTo(Node other) {
            List<Node> stack = new ArrayList<>(List.of(this));
            while (!stack.isEmpty()) {
                Node n = stack.remove(stack.size() - 1);
                n.polygons = other.clipPolygons(n.polygons);
                if (n.front != null) {
                    stack.add(n.front);
                }
                if (n.back != null) {
                    stack.add(n.back);
                }
            }
        }

        List<Polygon> allPolygons() {
            List<Polygon> out = new ArrayList<>();
            List<Node> stack = new ArrayList<>(List.of(this));
            while (!stack.isEmpty()) {
                Node n = stack.remove(stack.size() - 1);
                out.addAll(n.polygons);
                if (n.front != null) {
                    stack.add(n.front);
                }
                if (n.back != null) {
                    stack.add(n.back);
                }
            }
            return out;
        }

        void build(List<Polygon> input) {
            // iterative version of csg.js's recursive build
            List<Object[]> work = new ArrayList<>();
            work.add(new Object[] {this, input});
            while (!work.isEmpty()) {
                Object[] item = work.remove(work.size() - 1);
                Node n = (Node) item[0];
                @SuppressWarnings("unchecked")
                List<Polygon> list = (List<Polygon>) item[1];
                if (list.isEmpty()) {
                    continue;
                }
                if (n.plane == null) {
                    n.plane = list.get(0).plane;
                }
                List<Polygon> f = new ArrayList<>(), b = new ArrayList<>();
                for (Polygon p : list) {
                    n.plane.split(p, n.polygons, n.polygons, f, b);
                }
                if (!f.isEmpty()) {
                    if (n.front == null) {
                        n.front = new Node(List.of());
                    }
                    work.add(new Object[] {n.front, f});
                }
                if (!b.isEmpty()) {
                    if (n.back == null) {
                        n.back = new Node(List.of());
                    }
                    work.add(new Object[] {n.back, b});
                }
            }
        }
    }

    private static List<Polygon> polygons(TriangleMesh mesh) {
        float[] p = mesh.positions(), n = mesh.normals();
        int[] idx = mesh.indices();
        List<Polygon> out = new ArrayList<>(idx.length / 3);
        for (int t = 0; t < idx.length; t += 3) {
            Vertex[] v = new Vertex[3];
            for (int k = 0; k < 3; k++) {
                int i = idx[t + k] * 3;
                v[k] = new Vertex(p[i], p[i + 1], p[i + 2], n[i], n[i + 1], n[i + 2]);
            }
            double area = Math.abs((v[1].x - v[0].x) * (v[2].y - v[0].y) - (v[1].y - v[0].y) * (v[2].x - v[0].x))
                    + Math.abs((v[1].y - v[0].y) * (v[2].z - v[0].z) - (v[1].z - v[0].z) * (v[2].y - v[0].y))
                    + Math.abs((v[1].z - v[0].z) * (v[2].x - v[0].x) - (v[1].x - v[0].x) * (v[2].z - v[0].z));
            if (area < 1e-14) {
                continue; // a degenerate triangle has no plane
            }
            out.add(new Polygon(new ArrayList<>(Arrays.asList(v)), Plane.of(v[0], v[1], v[2])));
        }
        return out;
    }

    /** Snaps shared points together, splits edges at T-junctions and fans each polygon from its centroid. */
    private static TriangleMesh toMesh(List<Polygon> polygons) {
        List<Vertex> points = new ArrayList<>();
        for (Polygon p : polygons) {
            points.addAll(p.vertices);
        }
        Vertex[] sorted = points.toArray(new Vertex[0]);
        Arrays.sort(sorted, Comparator.comparingDouble(Vertex::x));
        double[] xs = new double[sorted.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = sorted[i].x;
        }
        MeshBuilder b = new MeshBuilder();
        for (Polygon p : polygons) {
            List<Vertex> ring = new ArrayList<>();
            int n = p.vertices.size();
            for (int i = 0; i < n; i++) {
                Vertex a = p.vertices.get(i), c = p.vertices.get((i + 1) % n);
                ring.add(a);
                ring.addAll(pointsOnEdge(a, c, sorted, xs));
            }
            ring = dedupe(ring);
            if (ring.size() < 3) {
                continue;
            }
            int[] ids = new int[ring.size()];
            double cx = 0, cy = 0, cz = 0;
            for (int i = 0; i < ring.size(); i++) {
                Vertex v = ring.get(i);
                ids[i] = b.vertexNormalized(v.x, v.y, v.z, v.nx, v.ny, v.nz);
                cx += v.x;
                cy += v.y;
                cz += v.z;
            }
            if (ring.size() == 3) {
                b.triangle(ids[0], ids[1], ids[2]);
                continue;
            }
            int centre = b.vertex(cx / ring.size(), cy / ring.size(), cz / ring.size(), p.plane.nx, p.plane.ny, p.plane.nz);
            for (int i = 0; i < ids.length; i++) {
                b.triangle(centre, ids[i], ids[(i + 1) % ids.length]);
            }
        }
        return b.build();
    }

    /** Points strictly inside segment a-c (within EPSILON of it), ordered from a to c. */
    private static List<Vertex> pointsOnEdge(Vertex a, Vertex c, Vertex[] sorted, double[] xs) {
        double minX = Math.min(a.x, c.x) - EPSILON, maxX = Math.max(a.x, c.x) + EPSILON;
        int from = lowerBound(xs, minX);
        double dx = c.x - a.x, dy = c.y - a.y, dz = c.z - a.z;
        double len2 = dx * dx + dy * dy + dz * dz;
        if (len2 < EPSILON * EPSILON) {
            return List.of();
        }
        List<double[]> hits = new ArrayList<>();
        List<Vertex> hitVertices = new ArrayList<>();
        for (int i = from; i < sorted.length && xs[i] <= maxX; i++) {
            Vertex v = sorted[i];
            double t = ((v.x - a.x) * dx + (v.y - a.y) * dy + (v.z - a.z) * dz) / len2;
            if (t <= 1e-9 || t >= 1 - 1e-9) {
                continue;
            }
            double px = a.x + dx * t - v.x, py = a.y + dy * t - v.y, pz = a.z + dz * t - v.z;
            if (px * px + py * py + pz * pz > EPSILON * EPSILON) {
                continue;
            }
            double along = Math.sqrt(len2) * t;
            if (along < EPSILON || Math.sqrt(len2) - along < EPSILON) {
                continue; // the end points themselves
            }
            hits.add(new double[] {t, hitVertices.size()});
            Vertex onEdge = a.lerp(c, t); // normal interpolated along the edge, position of the existing point
            hitVertices.add(new Vertex(v.x, v.y, v.z, onEdge.nx, onEdge.ny, onEdge.nz));
        }
        hits.sort(Comparator.comparingDouble(h -> h[0]));
        List<Vertex> out = new ArrayList<>();
        for (double[] h : hits) {
            out.add(hitVertices.get((int) h[1]));
        }
        return out;
    }

    private static List<Vertex> dedupe(List<Vertex> ring) {
        List<Vertex> out = new ArrayList<>();
        for (Vertex v : ring) {
            if (out.isEmpty() || !close(out.get(out.size() - 1), v)) {
                out.add(v);
            }
        }
        while (out.size() > 1 && close(out.get(0), out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static boolean close(Vertex a, Vertex b) {
        return Math.abs(a.x - b.x) < EPSILON && Math.abs(a.y - b.y) < EPSILON && Math.abs(a.z - b.z) < EPSILON;
    }

    private static int lowerBound(double[] xs, double key) {
        int lo = 0, hi = xs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
