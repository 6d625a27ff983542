package dev.kiln.mesh;

import dev.kiln.mesh.export.ExportFormat;
import dev.kiln.mesh.export.GltfExporter;
import dev.kiln.mesh.export.ObjExporter;
import dev.kiln.mesh.export.StlExporter;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.imports.GlbImporter;
import dev.kiln.mesh.imports.GlbLevelsOfDetail;
import dev.kiln.mesh.process.LevelsOfDetail;
import dev.kiln.mesh.process.Normals;
import dev.kiln.mesh.scene.MeshPart;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.scene.SceneBuilder;
import dev.kiln.mesh.scene.SceneNode;
import dev.kiln.mesh.spec.InvalidSceneSpecException;
import dev.kiln.mesh.spec.SceneLimits;
import dev.kiln.mesh.spec.SceneSpec;
import dev.kiln.mesh.spec.ValidationError;
import dev.kiln.mesh.text.DescriptionInterpreter;
import dev.kiln.mesh.text.Interpretation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's front door for the server: description or spec in, {@link GeneratedModel} out, then
 * export to any {@link ExportFormat}. Thread-safe and stateless apart from its configuration.
 */
public final class Mesh3dEngine {

    private final ShapeCatalog catalog;
    private final SceneLimits limits;
    private final DescriptionInterpreter interpreter;

    public Mesh3dEngine(ShapeCatalog catalog, SceneLimits limits) {
        this.catalog = catalog;
        this.limits = limits;
        this.interpreter = new DescriptionInterpreter(catalog);
    }

    public Mesh3dEngine() {
        this(ShapeCatalog.standard(), SceneLimits.DEFAULT);
    }

    /**
     * Reads an English description and builds it.
     *
     * @throws InvalidSceneSpecException when no object could be recognised (the message lists the ignored words)
     *                                   or the result breaks the limits
     * @throws dev.kiln.mesh.scene.SceneTooLargeException when the scene would exceed the triangle cap
     */
    public GeneratedModel generate(String description, Options options, ProgressListener progress) {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        listener.onProgress("interpret", 0);
        Interpretation interpretation = interpreter.interpret(description, options.complexity());
        if (interpretation.spec().objects().isEmpty()) {
            throw new InvalidSceneSpecException(List.of(new ValidationError("description",
                    "no object recognised; ignored: " + (interpretation.ignored().isEmpty() ? "(nothing)" : String.join(", ", interpretation.ignored()))
                            + "; try naming a shape such as " + String.join(", ", catalog.names().subList(0, 6)))));
        }
        listener.onProgress("interpret", 10);
        return build(interpretation.spec(), interpretation, options, listener, 10);
    }

    /** Builds a spec (for instance one a user edited). */
    public GeneratedModel generate(SceneSpec spec, Options options, ProgressListener progress) {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        return build(spec, null, options, listener, 0);
    }

    public GeneratedModel generate(SceneSpec spec) {
        return generate(spec, Options.DEFAULT, ProgressListener.NONE);
    }

    private GeneratedModel build(SceneSpec spec, Interpretation interpretation, Options options, ProgressListener listener, int start) {
        listener.onProgress("build", start);
        int span = 85 - start;
        Scene scene = new SceneBuilder(catalog, limits).build(spec, options.complexity(),
                percent -> listener.onProgress("build", start + span * percent / 100));
        listener.onProgress("process", 85);
        if (options.style() == Options.Style.FLAT) {
            scene = flatShaded(scene);
        }
        ModelStats stats = new ModelStats(scene.triangleCount(), scene.vertexCount(), scene.objectCount(), scene.bounds());
        listener.onProgress("process", 100);
        return new GeneratedModel(spec, interpretation, scene, stats);
    }

    /**
     * Reads a GLB made elsewhere (for instance by an external text-to-3D service) so that it can be exported to the
     * other formats and measured. The result has no spec and no interpretation.
     *
     * @throws dev.kiln.mesh.imports.InvalidModelFileException when the bytes are not a readable GLB 2.0 file or the
     *                                                         model has more triangles than the limits allow
     */
    public GeneratedModel importGlb(byte[] glb) {
        Scene scene = GlbImporter.read(glb, limits.maxTriangles());
        return new GeneratedModel(null, null, scene,
                new ModelStats(scene.triangleCount(), scene.vertexCount(), scene.objectCount(), scene.bounds()));
    }

    /**
     * A lower level of detail of {@code model}: every part over a few hundred triangles simplified to
     * about {@code ratio} of its triangles by quadric error metrics (names, materials and layout kept).
     */
    public GeneratedModel simplified(GeneratedModel model, double ratio) {
        Scene scene = LevelsOfDetail.simplify(model.scene(), ratio);
        return new GeneratedModel(model.spec(), model.interpretation(), scene,
                new ModelStats(scene.triangleCount(), scene.vertexCount(), scene.objectCount(), scene.bounds()));
    }

    /**
     * A lower level of detail of a GLB made elsewhere, as a GLB that keeps its node tree, materials, textures and vertex
     * attributes (see {@link GlbLevelsOfDetail}); the triangle cap applies as for {@link #importGlb}.
     */
    public byte[] simplifiedGlb(byte[] glb, double ratio) {
        return GlbLevelsOfDetail.simplify(glb, ratio, limits.maxTriangles());
    }

    /** Writes the model in {@code format}; OBJ references "model.mtl" (use {@link ObjExporter} for the MTL too). */
    public void export(GeneratedModel model, ExportFormat format, OutputStream out) {
        try {
            switch (format) {
                case GLB -> GltfExporter.writeGlb(model.scene(), out);
                case GLTF -> GltfExporter.writeEmbedded(model.scene(), out);
                case OBJ -> ObjExporter.write(model.scene(), out, null, "model.mtl");
                case STL -> StlExporter.writeBinary(model.scene(), out);
                case STL_ASCII -> StlExporter.writeAscii(model.scene(), "kiln", out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("export to " + format + " failed", e);
        }
    }

    /** Export with progress reported under the "export" stage. */
    public void export(GeneratedModel model, ExportFormat format, OutputStream out, ProgressListener progress) {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        listener.onProgress("export", 0);
        export(model, format, out);
        listener.onProgress("export", 100);
    }

    private static Scene flatShaded(Scene scene) {
        List<SceneNode> roots = new ArrayList<>();
        for (SceneNode n : scene.roots()) {
            roots.add(flat(n));
        }
        return new Scene(roots);
    }

    private static SceneNode flat(SceneNode n) {
        List<MeshPart> parts = new ArrayList<>();
        for (MeshPart p : n.parts()) {
            parts.add(new MeshPart(p.name(), Normals.computeFlat(p.mesh()), p.material()));
        }
        List<SceneNode> children = new ArrayList<>();
        for (SceneNode c : n.children()) {
            children.add(flat(c));
        }
        return new SceneNode(n.name(), n.shape(), n.transform(), parts, children);
    }
}
