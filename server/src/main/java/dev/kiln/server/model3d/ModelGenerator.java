package dev.kiln.server.model3d;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.GeneratedModel;
import dev.kiln.mesh.Mesh3dEngine;
import dev.kiln.mesh.Options;
import dev.kiln.mesh.ProgressListener;
import dev.kiln.mesh.export.ExportFormat;
import dev.kiln.mesh.export.ObjExporter;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.PrimitiveShapes;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.imports.GlbImporter;
import dev.kiln.mesh.imports.InvalidModelFileException;
import dev.kiln.mesh.scene.SceneTooLargeException;
import dev.kiln.mesh.spec.InvalidSceneSpecException;
import dev.kiln.mesh.spec.SceneLimits;
import dev.kiln.mesh.spec.SceneSchema;
import dev.kiln.mesh.spec.SceneSpec;
import dev.kiln.mesh.spec.SceneSpecJson;
import dev.kiln.mesh.spec.SceneSpecValidator;
import dev.kiln.mesh.spec.ValidationError;
import dev.kiln.mesh.text.DescriptionInterpreter;
import dev.kiln.mesh.text.Interpretation;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import dev.kiln.mesh.ModelStats;
import dev.kiln.mesh.geometry.ImageRelief;
import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.scene.MeshPart;
import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.scene.SceneNode;
import dev.kiln.mesh.spec.MaterialSpec;
import dev.kiln.mesh.spec.TransformSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The server's adapter to the mesh engine: the configured hard caps ({@link SceneLimits}, largest GLB),
 * spec parsing and validation as 400s with the validator's messages, and exports.
 */
@Component
class ModelGenerator {
    private final ShapeCatalog catalog = ShapeCatalog.standard();
    private final SceneLimits limits;
    private final Mesh3dEngine engine;
    private final DescriptionInterpreter interpreter;
    private final SceneSpecValidator validator;
    private final long maxModelBytes;

    ModelGenerator(KilnProperties props) {
        KilnProperties.Model3d cfg = props.model3d();
        SceneLimits d = SceneLimits.DEFAULT;
        this.limits = new SceneLimits(cfg.maxObjects(), cfg.maxTriangles(), d.maxDepth(), d.maxCoordinate(), d.maxScale(), d.maxTextLength());
        this.engine = new Mesh3dEngine(catalog, limits);
        this.interpreter = new DescriptionInterpreter(catalog);
        this.validator = new SceneSpecValidator(catalog, limits);
        this.maxModelBytes = cfg.maxModelSize().toBytes();
    }

    /** Thrown when an export would exceed the configured size (the per-job memory cap). */
    static final class ModelTooLargeException extends IllegalArgumentException {
        ModelTooLargeException(String message) {
            super(message);
        }
    }

    /** Pictures above this many pixels are refused for reliefs (as the file service refuses to decode them for thumbnails). */
    static final long RELIEF_MAX_PIXELS = 40_000_000L;
    /** The longer side a picture is decoded at for a relief: more pixels than the finest grid needs is memory for nothing. */
    private static final int RELIEF_DECODE_SIDE = 1024;

    /** Thrown when an uploaded picture cannot be decoded. */
    static final class UnreadablePictureException extends IllegalArgumentException {
        UnreadablePictureException(String message) {
            super(message);
        }
    }

    static Complexity complexity(String value) {
        return Complexity.valueOf(value.toUpperCase(Locale.ROOT));
    }

    static Options.Style style(String value) {
        return Options.Style.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Reads a description (cheap, no geometry) so that a request can be refused before it is queued. */
    Interpretation interpret(String description, Complexity complexity) {
        return interpreter.interpret(description, complexity);
    }

    /** A description that names no shape, or whose reading breaks the limits, is a 400 with the reasons. */
    void requireBuildable(Interpretation interpretation) {
        if (interpretation.spec().objects().isEmpty()) {
            throw ApiException.invalidField("description", "names no object I can build; ignored: "
                    + (interpretation.ignored().isEmpty() ? "(nothing)" : String.join(", ", interpretation.ignored()))
                    + "; try naming a shape such as " + String.join(", ", catalog.names().subList(0, 8)));
        }
        requireValid(interpretation.spec(), "description: ");
    }

    void requireValid(SceneSpec spec, String prefix) {
        List<ValidationError> errors = validator.validate(spec);
        if (!errors.isEmpty()) throw invalid(errors, prefix);
    }

    /** Every problem of a spec under this server's caps (empty when it may be built). */
    List<ValidationError> problems(SceneSpec spec) {
        return validator.validate(spec);
    }

    /** The catalog's shapes, one line each, for whoever writes specs without the README (see {@link SceneSchema#shapeGuide}). */
    String shapeGuide() {
        return SceneSchema.shapeGuide(catalog);
    }

    /** Every shape with its parameters' kinds, defaults and the ranges {@link #requireValid} enforces (GET /api/3d/shapes). */
    List<ModelViews.ShapeView> shapes() {
        List<String> primitives = PrimitiveShapes.all().stream().map(ShapeGenerator::name).toList();
        return catalog.all().stream().map(s -> new ModelViews.ShapeView(s.name(), s.summary(), !primitives.contains(s.name()),
                s.parameters().stream().map(this::parameter).toList(), s.partNames())).toList();
    }

    private ModelViews.ParameterView parameter(ParameterSpec p) {
        // the validator caps text at the smaller of the shape's and the server's limit
        double max = p.kind() == ParameterSpec.Kind.TEXT ? Math.min(p.max(), limits.maxTextLength()) : p.max();
        return new ModelViews.ParameterView(p.name(), p.kind().name().toLowerCase(Locale.ROOT), p.defaultValue(), p.min(), max,
                p.description());
    }

    /** Parses an edited spec; malformed JSON or an invalid scene is a 400 listing every problem with its path. */
    SceneSpec parseSpec(String json) {
        try {
            SceneSpec spec = SceneSpecJson.read(json);
            requireValid(spec, "");
            return spec;
        } catch (InvalidSceneSpecException e) {
            throw invalid(e.errors(), "");
        }
    }

    static ApiException invalid(List<ValidationError> errors, String prefix) {
        List<ApiException.FieldError> fields = errors.stream()
                .map(e -> new ApiException.FieldError("spec." + e.path(), e.problem())).toList();
        String detail = "invalid scene: " + prefix + String.join("; ", errors.stream().map(ValidationError::toString).toList());
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", detail, fields, null);
    }

    /** A user-facing reason for a failed build, or null when the failure is not the input's fault. */
    static String reason(RuntimeException e) {
        if (e instanceof InvalidSceneSpecException || e instanceof SceneTooLargeException || e instanceof ModelTooLargeException
                || e instanceof InvalidModelFileException || e instanceof UnreadablePictureException) {
            return e.getMessage();
        }
        return null;
    }

    GeneratedModel fromDescription(String description, Options options, ProgressListener progress) {
        return engine.generate(description, options, progress);
    }

    GeneratedModel fromSpec(SceneSpec spec, Options options, ProgressListener progress) {
        return engine.generate(spec, options, progress);
    }

    /**
     * Image to 3D with the built-in engine: a relief (bright is high) or a lithophane (dark is thick, for backlit prints)
     * 10 cm across, one closed printable block; complexity sets the grid (100, 200 or 320 points along the longer side).
     *
     * @throws UnreadablePictureException when the bytes are not a PNG or JPEG of at most {@link #RELIEF_MAX_PIXELS}
     */
    GeneratedModel relief(byte[] picture, boolean lithophane, Complexity complexity) {
        BufferedImage image = decode(picture);
        int samples = switch (complexity) {
            case LOW -> 100;
            case MEDIUM -> 200;
            case HIGH -> 320;
        };
        ImageRelief.Options base = lithophane ? ImageRelief.Options.LITHOPHANE : ImageRelief.Options.RELIEF;
        TriangleMesh mesh = ImageRelief.fromImage(image, new ImageRelief.Options(base.width(), base.maxHeight(), base.base(), samples, lithophane));
        String name = lithophane ? "lithophane" : "relief";
        MaterialSpec material = lithophane ? new MaterialSpec("#f4f1ea", 0.0, 0.7, 1.0) : new MaterialSpec("#d8cfc0", 0.0, 0.65, 1.0);
        Scene scene = new Scene(List.of(new SceneNode(name, name, TransformSpec.IDENTITY, List.of(new MeshPart(name, mesh, material)), List.of())));
        if (scene.triangleCount() > limits.maxTriangles()) {
            throw new SceneTooLargeException("the relief needs more than " + limits.maxTriangles() + " triangles (the limit); use lower complexity");
        }
        return new GeneratedModel(null, null, scene, new ModelStats(scene.triangleCount(), scene.vertexCount(), scene.objectCount(), scene.bounds()));
    }

    /** Decodes a picture, subsampled while reading so that a large photo never sits in memory at full size. */
    private static BufferedImage decode(byte[] picture) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(picture))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new UnreadablePictureException("the picture is not a PNG or JPEG the engine can read");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                if ((long) w * h > RELIEF_MAX_PIXELS) {
                    throw new UnreadablePictureException("the picture has more than " + RELIEF_MAX_PIXELS / 1_000_000 + " megapixels");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, (int) Math.ceil((double) Math.max(w, h) / RELIEF_DECODE_SIDE));
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadablePictureException u) throw u;
            throw new UnreadablePictureException("the picture could not be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads a GLB made by an external generator (its scene and statistics; spec and interpretation are null).
     *
     * @throws InvalidModelFileException when it is not a readable GLB or breaks the triangle cap
     */
    GeneratedModel importGlb(byte[] glb) {
        if (glb.length > maxModelBytes) {
            throw new ModelTooLargeException("the model is larger than the limit of " + (maxModelBytes / (1024 * 1024)) + " MB");
        }
        return engine.importGlb(glb);
    }

    /** Converts a stored external GLB into a download format; glTF is converted losslessly (textures kept). */
    void exportImported(byte[] glb, String format, String baseName, OutputStream out) {
        if (format.equals("gltf")) {
            try {
                GlbImporter.toEmbeddedGltf(glb, new CappedStream(out, maxModelBytes * 4));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        export(importGlb(glb), format, baseName, out);
    }

    /** A lower level of detail: every large part simplified to about {@code ratio} of its triangles (quadric error metrics). */
    GeneratedModel simplified(GeneratedModel model, double ratio) {
        return engine.simplified(model, ratio);
    }

    /**
     * A lower level of detail of an external generator's GLB, as a GLB that keeps its materials, textures and UVs (vertices
     * are removed, never moved; see mesh/'s GlbLevelsOfDetail).
     */
    byte[] simplifiedGlb(byte[] glb, double ratio) {
        return engine.simplifiedGlb(glb, ratio);
    }

    /** The GLB in memory, refused once it grows past the configured size. */
    byte[] glb(GeneratedModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        engine.export(model, ExportFormat.GLB, new CappedStream(bytes, maxModelBytes));
        return bytes.toByteArray();
    }

    /** Writes one download format: glb, gltf (embedded buffer), obj (text), obj.zip (.obj + .mtl), stl (binary). */
    void export(GeneratedModel model, String format, String baseName, OutputStream out) {
        OutputStream capped = new CappedStream(out, maxModelBytes * 4);
        switch (format) {
            case "glb" -> engine.export(model, ExportFormat.GLB, capped);
            case "gltf" -> engine.export(model, ExportFormat.GLTF, capped);
            case "obj" -> engine.export(model, ExportFormat.OBJ, capped);
            case "stl" -> engine.export(model, ExportFormat.STL, capped);
            case "obj.zip" -> {
                try (ZipOutputStream zip = new ZipOutputStream(capped)) {
                    ByteArrayOutputStream obj = new ByteArrayOutputStream();
                    ByteArrayOutputStream mtl = new ByteArrayOutputStream();
                    ObjExporter.write(model.scene(), obj, mtl, baseName + ".mtl");
                    zip.putNextEntry(new ZipEntry(baseName + ".obj"));
                    obj.writeTo(zip);
                    zip.closeEntry();
                    zip.putNextEntry(new ZipEntry(baseName + ".mtl"));
                    mtl.writeTo(zip);
                    zip.closeEntry();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
    }

    private static final class CappedStream extends OutputStream {
        private final OutputStream out;
        private final long cap;
        private long written;

        CappedStream(OutputStream out, long cap) {
            this.out = out;
            this.cap = cap;
        }

        private void count(long n) {
            written += n;
            if (written > cap) {
                throw new ModelTooLargeException("the exported model is larger than the limit of " + (cap / (1024 * 1024))
                        + " MB; use lower complexity or fewer objects");
            }
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
