package dev.kiln.mesh.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.Mesh3dEngine;
import dev.kiln.mesh.Options;
import dev.kiln.mesh.geometry.BoxGeometry;
import dev.kiln.mesh.geometry.Bounds;
import dev.kiln.mesh.geometry.MeshBuilder;
import dev.kiln.mesh.geometry.SphereGeometry;
import dev.kiln.mesh.geometry.TorusGeometry;
import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.scene.Scene;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshProcessingTest {

    /** A box as 12 separate triangles: 36 vertices, nothing shared (what STL readers produce). */
    private static TriangleMesh soup(TriangleMesh mesh) {
        MeshBuilder b = new MeshBuilder();
        for (int t = 0; t < mesh.triangleCount(); t++) {
            int first = b.vertexCount();
            for (int k = 0; k < 3; k++) {
                int v = mesh.indices()[t * 3 + k] * 3;
                b.vertex(mesh.positions()[v], mesh.positions()[v + 1], mesh.positions()[v + 2], mesh.normals()[v], mesh.normals()[v + 1],
                        mesh.normals()[v + 2]);
            }
            b.triangle(first, first + 1, first + 2);
        }
        return b.build();
    }

    @Test
    void weldingMergesExactlyTheSharedCorners() {
        TriangleMesh box = soup(BoxGeometry.create(1, 1, 1));
        assertThat(box.vertexCount()).isEqualTo(36);
        assertThat(VertexWelder.weld(box, 1e-6).vertexCount()).as("keeps hard-edge normals: 4 per face").isEqualTo(24);
        TriangleMesh positions = VertexWelder.weldPositions(box, 1e-6);
        assertThat(positions.vertexCount()).as("the 8 corners").isEqualTo(8);
        assertThat(MeshTopology.analyze(box).isWatertight()).isTrue();
        assertThat(positions.triangleCount()).isEqualTo(12);
    }

    @Test
    void weldingHealsFloatNoiseAtSeams() {
        TriangleMesh torus = TorusGeometry.create(1, 0.3, 16, 32);
        TriangleMesh noisy = new TriangleMesh(torus.positions().clone(), torus.normals(), torus.indices());
        noisy.positions()[0] += 3e-7f; // a seam vertex off by float noise
        assertThat(VertexWelder.positionClasses(noisy, 1e-5)[0]).isEqualTo(0);
        assertThat(MeshTopology.analyze(noisy, 1e-5).isWatertight()).isTrue();
    }

    @Test
    void degenerateTrianglesAreRemovedWithTheirUnusedVertices() {
        MeshBuilder b = new MeshBuilder();
        int a = b.vertex(0, 0, 0, 0, 0, 1), c = b.vertex(1, 0, 0, 0, 0, 1), d = b.vertex(0, 1, 0, 0, 0, 1);
        int e = b.vertex(2, 0, 0, 0, 0, 1), f = b.vertex(3, 0, 0, 0, 0, 1);
        b.triangle(a, c, d);
        b.triangle(a, c, e); // collinear: zero area
        b.triangle(c, f, f); // repeated index
        TriangleMesh mesh = b.build();
        assertThat(DegenerateTriangles.count(mesh, 1e-12)).isEqualTo(2);
        TriangleMesh clean = DegenerateTriangles.remove(mesh, 1e-12);
        assertThat(clean.triangleCount()).isEqualTo(1);
        assertThat(clean.vertexCount()).isEqualTo(3);
    }

    @Test
    void windingIsMadeConsistentAndOutward() {
        TriangleMesh box = soup(BoxGeometry.create(1, 1, 1));
        int[] idx = box.indices().clone();
        for (int t = 0; t < idx.length / 3; t += 2) { // flip every other triangle
            int tmp = idx[t * 3 + 1];
            idx[t * 3 + 1] = idx[t * 3 + 2];
            idx[t * 3 + 2] = tmp;
        }
        TriangleMesh broken = new TriangleMesh(box.positions(), box.normals(), idx);
        assertThat(MeshTopology.analyze(broken).misorientedEdges()).isPositive();
        TriangleMesh fixed = ConsistentWinding.orient(broken);
        assertThat(MeshTopology.analyze(fixed).isWatertight()).isTrue();
        assertThat(MeshTopology.signedVolume(fixed)).isCloseTo(1, offset(1e-9));
        // an inside-out box is turned outward as a whole
        int[] inverted = box.indices().clone();
        for (int t = 0; t < inverted.length; t += 3) {
            int tmp = inverted[t + 1];
            inverted[t + 1] = inverted[t + 2];
            inverted[t + 2] = tmp;
        }
        assertThat(MeshTopology.signedVolume(ConsistentWinding.orient(new TriangleMesh(box.positions(), box.normals(), inverted))))
                .isCloseTo(1, offset(1e-9));
    }

    @Test
    void openSurfacesAreReportedAsNotWatertight() {
        TriangleMesh box = BoxGeometry.create(1, 1, 1);
        int[] idx = java.util.Arrays.copyOf(box.indices(), box.indices().length - 6); // drop one face
        MeshTopology t = MeshTopology.analyze(new TriangleMesh(box.positions(), box.normals(), idx));
        assertThat(t.isWatertight()).isFalse();
        assertThat(t.boundaryEdges()).isEqualTo(4);
    }

    @Test
    void quadricSimplificationHitsTheTargetAndKeepsTheShape() {
        TriangleMesh sphere = SphereGeometry.create(1, 96, 48);
        int target = sphere.triangleCount() / 10;
        TriangleMesh simple = QuadricSimplifier.simplify(sphere, target);
        assertThat(simple.triangleCount()).isLessThanOrEqualTo(target).isGreaterThan(target / 2);
        Bounds before = Bounds.of(sphere), after = Bounds.of(simple);
        assertThat(after.width()).isCloseTo(before.width(), offset(0.05));
        assertThat(after.height()).isCloseTo(before.height(), offset(0.05));
        assertThat(MeshTopology.signedVolume(simple)).isCloseTo(MeshTopology.signedVolume(sphere), offset(MeshTopology.signedVolume(sphere) * 0.05));
        assertThat(MeshTopology.analyze(simple).isWatertight()).isTrue();
        assertThat(Normals.maxUnitLengthError(simple)).isLessThan(1e-5);
        assertThat(DegenerateTriangles.count(simple, DegenerateTriangles.DEFAULT_MIN_AREA)).isZero();
    }

    @Test
    void simplifyingAFlatGridCollapsesItAlmostCompletelyWithoutMovingTheBorder() {
        TriangleMesh grid = dev.kiln.mesh.geometry.PlaneGeometry.create(2, 2, 20);
        TriangleMesh simple = QuadricSimplifier.simplify(grid, 10);
        assertThat(simple.triangleCount()).isLessThanOrEqualTo(10);
        Bounds b = Bounds.of(simple);
        assertThat(new double[] {b.minX(), b.maxX(), b.minZ(), b.maxZ(), b.height()}).containsExactly(new double[] {-1, 1, -1, 1, 0}, offset(1e-9));
    }

    @Test
    void levelsOfDetailShrinkASceneButKeepItsStructure() {
        Scene scene = new Mesh3dEngine().generate("a snowman", Options.of(Complexity.HIGH), null).scene();
        Scene half = LevelsOfDetail.simplify(scene, 0.5);
        Scene quarter = LevelsOfDetail.simplify(scene, 0.25);
        assertThat(half.triangleCount()).isLessThan(scene.triangleCount());
        assertThat(quarter.triangleCount()).isLessThan(half.triangleCount());
        assertThat(quarter.worldParts()).hasSameSizeAs(scene.worldParts());
        assertThat(quarter.bounds().height()).isCloseTo(scene.bounds().height(), offset(scene.bounds().height() * 0.05));
        List<TriangleMesh> levels = LevelsOfDetail.levels(SphereGeometry.create(1, 64, 32), 1.0, 0.5, 0.1);
        assertThat(levels.get(0).triangleCount()).isGreaterThan(levels.get(1).triangleCount());
        assertThat(levels.get(1).triangleCount()).isGreaterThan(levels.get(2).triangleCount());
    }
}
