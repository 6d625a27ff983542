package dev.kiln.mesh.export;

import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.spec.MaterialSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wavefront OBJ + MTL export. Every part becomes an {@code o} object (named by its node path) in world
 * space with positions, normals and {@code usemtl}; materials carry Kd/d plus the PBR extension keys
 * Pr (roughness) and Pm (metalness).
 */
public final class ObjExporter {

    private ObjExporter() {
    }

    /** Writes the OBJ to {@code objOut} and, if {@code mtlOut} is not null, the MTL named {@code mtlFileName}. */
    public static void write(Scene scene, OutputStream objOut, OutputStream mtlOut, String mtlFileName) throws IOException {
        Map<MaterialSpec, String> materials = new LinkedHashMap<>();
        Writer obj = new BufferedWriter(new OutputStreamWriter(objOut, StandardCharsets.UTF_8), 1 << 16);
        obj.write("# Kiln mesh engine export; units: metres, +Y up\n");
        obj.write("mtllib " + mtlFileName + "\n");
        int base = 1;
        StringBuilder line = new StringBuilder(64);
        for (Scene.WorldPart part : scene.worldParts()) {
            TriangleMesh mesh = part.worldMesh();
            if (mesh.isEmpty()) {
                continue;
            }
            String mtl = materials.computeIfAbsent(part.part().material(), m -> "material_" + materials.size());
            obj.write("o " + part.path().replaceAll("\\s+", "_") + "\n");
            float[] p = mesh.positions(), n = mesh.normals();
            for (int i = 0; i < p.length; i += 3) {
                line.setLength(0);
                line.append("v ").append(p[i]).append(' ').append(p[i + 1]).append(' ').append(p[i + 2]).append('\n');
                obj.append(line);
            }
            for (int i = 0; i < n.length; i += 3) {
                line.setLength(0);
                line.append("vn ").append(n[i]).append(' ').append(n[i + 1]).append(' ').append(n[i + 2]).append('\n');
                obj.append(line);
            }
            obj.write("usemtl " + mtl + "\n");
            int[] idx = mesh.indices();
            for (int t = 0; t < idx.length; t += 3) {
                int a = idx[t] + base, b = idx[t + 1] + base, c = idx[t + 2] + base;
                line.setLength(0);
                line.append("f ").append(a).append("//").append(a).append(' ').append(b).append("//").append(b)
                        .append(' ').append(c).append("//").append(c).append('\n');
                obj.append(line);
            }
            base += mesh.vertexCount();
        }
        obj.flush();
        if (mtlOut != null) {
            writeMtl(materials, mtlOut);
        }
    }

    private static void writeMtl(Map<MaterialSpec, String> materials, OutputStream out) throws IOException {
        Writer mtl = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        mtl.write("# Kiln mesh engine materials (PBR extension: Pr roughness, Pm metalness)\n");
        for (Map.Entry<MaterialSpec, String> e : materials.entrySet()) {
            MaterialSpec m = e.getKey();
            double[] c = m.srgb();
            mtl.write("newmtl " + e.getValue() + "\n");
            mtl.write(String.format(Locale.ROOT, "Kd %.4f %.4f %.4f%n", c[0], c[1], c[2]));
            mtl.write(String.format(Locale.ROOT, "Ka %.4f %.4f %.4f%n", c[0] * 0.1, c[1] * 0.1, c[2] * 0.1));
            double spec = m.metalness() > 0.5 ? 0.8 : 0.04 + 0.3 * (1 - m.roughness());
            mtl.write(String.format(Locale.ROOT, "Ks %.4f %.4f %.4f%n", spec, spec, spec));
            mtl.write(String.format(Locale.ROOT, "Ns %.1f%n", Math.max(1, 1000 * Math.pow(1 - m.roughness(), 2))));
            mtl.write(String.format(Locale.ROOT, "d %.4f%n", m.opacity()));
            mtl.write(String.format(Locale.ROOT, "Pr %.4f%nPm %.4f%n", m.roughness(), m.metalness()));
            mtl.write("illum 2\n\n");
        }
        mtl.flush();
    }
}
