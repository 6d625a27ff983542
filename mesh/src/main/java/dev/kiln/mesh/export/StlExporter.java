package dev.kiln.mesh.export;

import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.process.MeshCleanup;
import dev.kiln.mesh.process.Normals;
import dev.kiln.mesh.scene.Scene;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * STL export for printing: the whole scene merged into one world-space mesh, position-welded,
 * without degenerate triangles and wound outward, so closed shapes come out watertight.
 */
public final class StlExporter {

    private StlExporter() {
    }

    /** The mesh that STL export writes. */
    public static TriangleMesh printableMesh(Scene scene) {
        return MeshCleanup.printable(scene.mergedWorldMesh());
    }

    public static void writeBinary(Scene scene, OutputStream out) throws IOException {
        writeBinary(printableMesh(scene), out);
    }

    public static void writeBinary(TriangleMesh mesh, OutputStream out) throws IOException {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        int count = mesh.triangleCount();
        ByteBuffer header = ByteBuffer.allocate(84).order(ByteOrder.LITTLE_ENDIAN);
        byte[] title = "Kiln mesh engine STL, metres".getBytes(StandardCharsets.US_ASCII);
        header.put(title);
        header.position(80);
        header.putInt(count);
        out.write(header.array());
        ByteBuffer chunk = ByteBuffer.allocate(50 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < count; t++) {
            double[] n = Normals.faceNormal(p, idx[t * 3], idx[t * 3 + 1], idx[t * 3 + 2], true);
            chunk.putFloat((float) n[0]).putFloat((float) n[1]).putFloat((float) n[2]);
            for (int k = 0; k < 3; k++) {
                int v = idx[t * 3 + k] * 3;
                chunk.putFloat(p[v]).putFloat(p[v + 1]).putFloat(p[v + 2]);
            }
            chunk.putShort((short) 0);
            if (!chunk.hasRemaining()) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
        }
        out.write(chunk.array(), 0, chunk.position());
        out.flush();
    }

    public static void writeAscii(Scene scene, String solidName, OutputStream out) throws IOException {
        writeAscii(printableMesh(scene), solidName, out);
    }

    public static void writeAscii(TriangleMesh mesh, String solidName, OutputStream out) throws IOException {
        String name = solidName.replaceAll("\\s+", "_");
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        w.write("solid " + name + "\n");
        for (int t = 0; t < mesh.triangleCount(); t++) {
            double[] n = Normals.faceNormal(p, idx[t * 3], idx[t * 3 + 1], idx[t * 3 + 2], true);
            w.write(String.format(Locale.ROOT, "  facet normal %e %e %e%n    outer loop%n", n[0], n[1], n[2]));
            for (int k = 0; k < 3; k++) {
                int v = idx[t * 3 + k] * 3;
                // full float precision so shared vertices stay bit-identical after a round trip
                w.write("      vertex " + p[v] + " " + p[v + 1] + " " + p[v + 2] + "\n");
            }
            w.write("    endloop\n  endfacet\n");
        }
        w.write("endsolid " + name + "\n");
        w.flush();
    }
}
