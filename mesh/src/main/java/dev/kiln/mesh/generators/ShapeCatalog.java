package dev.kiln.mesh.generators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every shape a spec can name: primitives, templates and procedural generators, looked up by name or alias. */
public final class ShapeCatalog {

    private static final ShapeCatalog STANDARD = new ShapeCatalog(standardShapes());

    private final Map<String, ShapeGenerator> byName = new LinkedHashMap<>();
    private final Map<String, ShapeGenerator> byAlias = new LinkedHashMap<>();

    public ShapeCatalog(List<ShapeGenerator> shapes) {
        for (ShapeGenerator s : shapes) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("duplicate shape name " + s.name());
            }
        }
        for (ShapeGenerator s : shapes) {
            for (String alias : s.aliases()) {
                if (!byName.containsKey(alias)) {
                    byAlias.putIfAbsent(alias, s);
                }
            }
        }
    }

    /** The built-in catalog. */
    public static ShapeCatalog standard() {
        return STANDARD;
    }

    /** Shape by canonical name or alias (case-insensitive, spaces or underscores). */
    public Optional<ShapeGenerator> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.toLowerCase(Locale.ROOT).trim();
        ShapeGenerator s = byName.get(key);
        if (s == null) {
            s = byName.get(key.replace(' ', '_'));
        }
        if (s == null) {
            s = byAlias.get(key);
        }
        if (s == null) {
            s = byAlias.get(key.replace('_', ' '));
        }
        return Optional.ofNullable(s);
    }

    public List<ShapeGenerator> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Every alias mapped to its shape (canonical names excluded). */
    public Map<String, ShapeGenerator> aliases() {
        return Collections.unmodifiableMap(byAlias);
    }

    private static List<ShapeGenerator> standardShapes() {
        List<ShapeGenerator> all = new ArrayList<>(PrimitiveShapes.all());
        all.addAll(Templates.all());
        all.addAll(ProceduralShapes.all());
        return all;
    }
}
