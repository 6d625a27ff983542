package dev.kiln.mesh.spec;

import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.generators.ShapeGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The documented JSON Schema of a scene spec ({@code kiln-scene.schema.json}, version 1), and a compact guide to the
 * shapes of a catalog, for anything that writes specs without reading the README (a language model asked for one).
 *
 * <p>The object definition is named {@code sceneObject}, not {@code object}: llama.cpp's schema-to-grammar converter
 * gives a definition called "object" a different rule name than the references to it, so the grammar would not load.
 */
public final class SceneSchema {
    private static final String JSON = load();

    private SceneSchema() {
    }

    /** The schema text as committed. */
    public static String json() {
        return JSON;
    }

    /**
     * One line per shape: its name, what it makes, its parameters with default and range, and the part nouns a
     * {@code parts} map may colour; for example {@code table: a table with legs; params width=1.2 (0.1..20), …}.
     */
    public static String shapeGuide(ShapeCatalog catalog) {
        StringBuilder out = new StringBuilder();
        for (ShapeGenerator shape : catalog.all()) {
            out.append(shape.name()).append(": ").append(shape.summary());
            if (!shape.parameters().isEmpty()) {
                out.append("; params ");
                for (int i = 0; i < shape.parameters().size(); i++) {
                    if (i > 0) out.append(", ");
                    out.append(parameter(shape.parameters().get(i)));
                }
            }
            if (!shape.partNames().isEmpty()) out.append("; parts ").append(String.join(", ", shape.partNames()));
            out.append('\n');
        }
        return out.toString();
    }

    private static String parameter(ParameterSpec p) {
        return switch (p.kind()) {
            case NUMBER -> String.format(Locale.ROOT, "%s=%s (%s..%s)", p.name(), number(((Number) p.defaultValue()).doubleValue()),
                    number(p.min()), number(p.max()));
            case INTEGER -> String.format(Locale.ROOT, "%s=%s (whole %s..%s)", p.name(), p.defaultValue(), number(p.min()), number(p.max()));
            case COLOR -> p.name() + "=\"" + p.defaultValue() + "\" (colour #rrggbb)";
            case TEXT -> p.name() + "=\"" + p.defaultValue() + "\" (text, at most " + (int) p.max() + " characters)";
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String load() {
        try (InputStream in = SceneSchema.class.getResourceAsStream("/kiln-scene.schema.json")) {
            if (in == null) throw new IllegalStateException("kiln-scene.schema.json is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
