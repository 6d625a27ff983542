package dev.kiln.mesh.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.kiln.mesh.process.DegenerateTriangles;
import dev.kiln.mesh.process.MeshTopology;
import dev.kiln.mesh.process.Normals;
import dev.kiln.mesh.process.VertexWelder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** CSG, sweep, lathe, extrusion, terrain, relief and arrays: closedness, volumes and sizes. */
class GeometryOperationsTest {

    private static MeshTopology topology(TriangleMesh mesh) {
        return MeshTopology.analyze(mesh);
    }

    private static double volume(TriangleMesh mesh) {
        return MeshTopology.signedVolume(mesh);
    }

    @Test
    void csgOfTwoOverlappingBoxesIsWatertightWithTheRightVolume() {
        TriangleMesh a = BoxGeometry.create(2, 2, 2);
        TriangleMesh b = BoxGeometry.create(2, 2, 2).transformed(Matrix4.translation(1, 1, 1));
        // a spans [-1,1]x[0,2]x[-1,1], b spans [0,2]x[1,3]x[0,2]: the overlap is a unit cube
        TriangleMesh union = Csg.union(a, b), difference = Csg.difference(a, b), intersection = Csg.intersection(a, b);
        for (TriangleMesh m : new TriangleMesh[] {union, difference, intersection}) {
            assertThat(topology(m).isWatertight()).as(topology(m).toString()).isTrue();
        }
        assertThat(volume(union)).isCloseTo(15, offset(1e-6));
        assertThat(volume(difference)).isCloseTo(7, offset(1e-6));
        assertThat(volume(intersection)).isCloseTo(1, offset(1e-6));
        assertThat(Bounds.of(intersection)).isEqualTo(new Bounds(0, 1, 0, 1, 2, 1));
    }

    @Test
    void csgWithCurvedSolidsStaysClosed() {
        TriangleMesh box = BoxGeometry.create(1, 1, 1);
        TriangleMesh sphere = SphereGeometry.create(0.6, 16, 8).transformed(Matrix4.translation(0.3, 0.2, 0.25));
        for (TriangleMesh m : new TriangleMesh[] {Csg.union(box, sphere), Csg.difference(box, sphere), Csg.intersection(box, sphere)}) {
            MeshTopology t = topology(m);
            assertThat(t.isWatertight()).as(t.toString()).isTrue();
            assertThat(t.signedVolume()).isPositive();
        }
        double boxVolume = 1, sphereVolume = volume(sphere);
        double inter = volume(Csg.intersection(box, sphere));
        assertThat(volume(Csg.union(box, sphere))).isCloseTo(boxVolume + sphereVolume - inter, offset(1e-6));
        assertThat(volume(Csg.difference(box, sphere))).isCloseTo(boxVolume - inter, offset(1e-6));
    }

    @Test
    void primitivesHaveTheirTextbookVolumes() {
        assertThat(volume(BoxGeometry.create(1, 2, 3))).isCloseTo(6, offset(1e-9));
        assertThat(volume(SphereGeometry.create(1, 96, 48))).isCloseTo(4 * Math.PI / 3, offset(4 * Math.PI / 3 * 0.01));
        assertThat(volume(CylinderGeometry.create(1, 1, 2, 128))).isCloseTo(2 * Math.PI, offset(2 * Math.PI * 0.01));
        assertThat(volume(ConeGeometry.create(1, 3, 128))).isCloseTo(Math.PI, offset(Math.PI * 0.01));
        assertThat(volume(PyramidGeometry.create(2, 3, 4))).isCloseTo(4, offset(1e-9));
        assertThat(volume(WedgeGeometry.create(2, 1, 3))).isCloseTo(3, offset(1e-9));
        double torus = 2 * Math.PI * Math.PI * 1 * 0.25 * 0.25;
        assertThat(volume(TorusGeometry.create(1, 0.25, 64, 128))).isCloseTo(torus, offset(torus * 0.01));
    }

    @Test
    void extrusionOfAConcaveOutlineIsClosed() {
        double[] l = {0, 0, 2, 0, 2, 1, 1, 1, 1, 3, 0, 3}; // an L: area 2 + 2 = 4
        TriangleMesh m = ExtrudeGeometry.create(l, 0.5);
        assertThat(topology(VertexWelder.weldPositions(m, 1e-6)).isWatertight()).isTrue();
        assertThat(volume(m)).isCloseTo(2, offset(1e-9));
        assertThat(DegenerateTriangles.count(m, 1e-12)).isZero();
    }

    @Test
    void sweepAlongAHelixIsAClosedTubeOfTheRightLength() {
        double[] path = SweepGeometry.helix(1, 2, 3, 64);
        TriangleMesh tube = SweepGeometry.create(SweepGeometry.circle(0.05, 16), path, false);
        assertThat(topology(VertexWelder.weldPositions(tube, 1e-7)).isWatertight()).isTrue();
        double pathLength = Math.sqrt(Math.pow(2 * Math.PI * 3, 2) + 4);
        double crossSection = 0.5 * 16 * 0.05 * 0.05 * Math.sin(2 * Math.PI / 16);
        assertThat(volume(tube)).isCloseTo(crossSection * pathLength, offset(crossSection * pathLength * 0.02));
        assertThat(Normals.maxUnitLengthError(tube)).isLessThan(1e-5);
    }

    @Test
    void closedSweepMakesARing() {
        double[] path = new double[64 * 3];
        for (int i = 0; i < 64; i++) {
            path[i * 3] = Math.cos(2 * Math.PI * i / 64);
            path[i * 3 + 2] = Math.sin(2 * Math.PI * i / 64);
        }
        TriangleMesh ring = SweepGeometry.create(SweepGeometry.circle(0.1, 12), path, true);
        assertThat(topology(ring).isWatertight()).isTrue();
        assertThat(volume(ring)).isPositive();
    }

    @Test
    void latheWithCreasesKeepsSharpAndSmoothNormals() {
        TriangleMesh cup = LatheGeometry.smooth(new double[] {0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1}, null, 32);
        assertThat(topology(VertexWelder.weldPositions(cup, 1e-9)).isWatertight()).isTrue();
        // the bottom ring copy keeps a downward normal, its twin an outward one
        boolean down = false, out = false;
        for (int v = 0; v < cup.vertexCount(); v++) {
            if (cup.positions()[v * 3 + 1] == 0 && cup.positions()[v * 3 + 2] == 1) {
                down |= cup.normals()[v * 3 + 1] < -0.99;
                out |= cup.normals()[v * 3 + 2] > 0.99;
            }
        }
        assertThat(down).isTrue();
        assertThat(out).isTrue();
    }

    @Test
    void terrainIsAClosedBlockAndDeterministicPerSeed() {
        var terrain = dev.kiln.mesh.generators.ShapeCatalog.standard().find("terrain").orElseThrow();
        TriangleMesh a = terrain.generate(Map.of("seed", 3), dev.kiln.mesh.Complexity.LOW).parts().get(0).mesh();
        TriangleMesh b = terrain.generate(Map.of("seed", 3), dev.kiln.mesh.Complexity.LOW).parts().get(0).mesh();
        TriangleMesh c = terrain.generate(Map.of("seed", 4), dev.kiln.mesh.Complexity.LOW).parts().get(0).mesh();
        assertThat(a.positions()).isEqualTo(b.positions());
        assertThat(a.positions()).isNotEqualTo(c.positions());
        assertThat(topology(a).isWatertight()).isTrue();
        assertThat(Bounds.of(a).width()).isCloseTo(10, offset(1e-5));
    }

    @Test
    void reliefFromAGeneratedPngFollowsBrightness() throws IOException {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, x < 20 ? 0x000000 : 0xffffff); // left half black, right half white
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        ImageRelief.Options options = new ImageRelief.Options(0.2, 0.01, 0.002, 100, false);
        TriangleMesh relief = ImageRelief.fromImage(new ByteArrayInputStream(png.toByteArray()), options);
        Bounds b = Bounds.of(relief);
        assertThat(b.width()).isCloseTo(0.2, offset(1e-6));
        assertThat(b.depth()).isCloseTo(0.1, offset(1e-6));
        assertThat(b.maxY()).isCloseTo(0.012, offset(1e-6));
        assertThat(topology(relief).isWatertight()).isTrue();
        // white (right, +x) is high, black (left) stays at the base
        assertThat(maxYWhere(relief, true)).isCloseTo(0.012, offset(1e-6));
        assertThat(maxYWhere(relief, false)).isLessThan(0.0025);
        TriangleMesh litho = ImageRelief.fromImage(new ByteArrayInputStream(png.toByteArray()),
                new ImageRelief.Options(0.2, 0.01, 0.002, 100, true));
        assertThat(maxYWhere(litho, false)).as("lithophane: dark is thick").isCloseTo(0.012, offset(1e-6));
    }

    private static double maxYWhere(TriangleMesh mesh, boolean rightHalf) {
        double max = 0;
        for (int v = 0; v < mesh.vertexCount(); v++) {
            double x = mesh.positions()[v * 3];
            if (rightHalf ? x > 0.02 : x < -0.02) {
                max = Math.max(max, mesh.positions()[v * 3 + 1]);
            }
        }
        return max;
    }

    @Test
    void textAndArraysProduceTheExpectedAmountOfGeometry() {
        TriangleMesh i = TextGeometry.create("I", 0.7, 0.1);
        // 'I' has 11 lit pixels; every pixel has front and back faces
        long frontFaces = 0;
        for (int t = 0; t < i.triangleCount(); t++) {
            double[] n = Normals.faceNormal(i.positions(), i.indices()[t * 3], i.indices()[t * 3 + 1], i.indices()[t * 3 + 2], true);
            if (n[2] > 0.99) {
                frontFaces++;
            }
        }
        assertThat(frontFaces).isEqualTo(11 * 2);
        assertThat(Bounds.of(i).height()).isCloseTo(0.7, offset(1e-6));
        assertThat(topology(i).isWatertight()).as("I has no diagonal pixels").isTrue();
        TriangleMesh cube = BoxGeometry.create(1, 1, 1);
        assertThat(MeshArrays.linear(cube, 5, 2, 0, 0).triangleCount()).isEqualTo(60);
        assertThat(Bounds.of(MeshArrays.linear(cube, 5, 2, 0, 0)).width()).isCloseTo(9, offset(1e-6));
        assertThat(Bounds.of(MeshArrays.grid(cube, 3, 2, 2, 2))).isEqualTo(new Bounds(-2.5, 0, -1.5, 2.5, 1, 1.5));
        TriangleMesh ring = MeshArrays.circular(cube, 8, 5, true);
        assertThat(ring.triangleCount()).isEqualTo(96);
        assertThat(Bounds.of(ring).width()).isBetween(10.0, 11.5);
    }

    @Test
    void lSystemExpansionAndDrawing() {
        String program = LSystem.expand("FX", Map.of('X', "[&FX]/[&FX]/[&FX]"), 3, 100_000);
        assertThat(program.chars().filter(ch -> ch == 'F').count()).isEqualTo(1 + 3 + 9 + 27);
        LSystem.Drawing d = LSystem.draw(program, 1, 0.05, 30, 120, 0.7, 6, 0.1);
        assertThat(d.leaves().triangleCount()).isEqualTo(27 * SphereGeometry.create(0.1, 8, 4).triangleCount());
        assertThat(Bounds.of(d.branches()).minY()).isCloseTo(0, offset(1e-9));
        assertThat(LSystem.expand("F", Map.of('F', "FF"), 40, 1000).length()).as("runaway growth is capped").isLessThanOrEqualTo(1000);
    }
}
