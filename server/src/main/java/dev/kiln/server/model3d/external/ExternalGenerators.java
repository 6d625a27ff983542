package dev.kiln.server.model3d.external;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The external generators this server has keys for, in preference order (Meshy, then Stable Fast 3D), and which one a
 * request gets when it does not name one. "procedural" is the built-in engine and is always there, and so are its two
 * picture generators, "relief" and "lithophane" (a heightmap of the uploaded picture).
 */
public final class ExternalGenerators {
    public static final String PROCEDURAL = "procedural";
    /** The built-in engine's picture generators: bright is high, or (lithophane, for backlit prints) dark is thick. */
    public static final String RELIEF = "relief";
    public static final String LITHOPHANE = "lithophane";
    /** Every generator id a request may name (whether or not configured here). */
    public static final List<String> KNOWN = List.of(PROCEDURAL, "meshy", "stability", RELIEF, LITHOPHANE);

    /** One generator as the API lists it. */
    public record Info(String id, String name, String input, boolean preferred) {}

    private final Map<String, ExternalGenerator> configured = new LinkedHashMap<>();
    private final String preferred;

    public ExternalGenerators(List<ExternalGenerator> generators, String preferred) {
        for (ExternalGenerator g : generators) configured.put(g.id(), g);
        String p = preferred == null ? "" : preferred.strip().toLowerCase(Locale.ROOT);
        if (!p.isEmpty() && !p.equals(PROCEDURAL) && !configured.containsKey(p)) {
            throw new IllegalArgumentException("KILN_MODEL3D_GENERATOR=" + p + " but that generator is not configured: "
                    + (KNOWN.contains(p) ? "set its API key (KILN_" + p.toUpperCase(Locale.ROOT) + "_API_KEY)" : "use one of " + KNOWN));
        }
        this.preferred = p;
    }

    /** The configured adapters, built from the settings (a generator without an API key is left out). */
    public static ExternalGenerators fromSettings(GeneratorSettings settings, tools.jackson.databind.json.JsonMapper json, long maxModelBytes) {
        List<ExternalGenerator> list = new ArrayList<>();
        if (settings.meshy().enabled()) list.add(new MeshyTextTo3d(settings.meshy(), json, maxModelBytes));
        if (settings.stability().enabled()) list.add(new StableFast3d(settings.stability(), json, maxModelBytes));
        return new ExternalGenerators(list, settings.preferred());
    }

    public Optional<ExternalGenerator> find(String id) {
        return Optional.ofNullable(configured.get(id));
    }

    public boolean available(String id) {
        return builtIn(id) || configured.containsKey(id);
    }

    /** True for the generators of the built-in engine, which need no key. */
    public static boolean builtIn(String id) {
        return PROCEDURAL.equals(id) || RELIEF.equals(id) || LITHOPHANE.equals(id);
    }

    /**
     * The generator for a request that names none: the preferred one if it takes this kind of input, else the first
     * configured external one that does, else the built-in engine (a relief for a picture).
     */
    public String defaultFor(boolean image) {
        ExternalGenerator.Input input = image ? ExternalGenerator.Input.IMAGE : ExternalGenerator.Input.TEXT;
        if (!preferred.isEmpty()) {
            if (preferred.equals(PROCEDURAL) && !image) return PROCEDURAL;
            ExternalGenerator p = configured.get(preferred);
            if (p != null && p.input() == input) return p.id();
        }
        for (ExternalGenerator g : configured.values()) if (g.input() == input) return g.id();
        return image ? RELIEF : PROCEDURAL;
    }

    /** The input a generator takes. */
    public ExternalGenerator.Input input(String id) {
        if (RELIEF.equals(id) || LITHOPHANE.equals(id)) return ExternalGenerator.Input.IMAGE;
        ExternalGenerator g = configured.get(id);
        return g == null ? ExternalGenerator.Input.TEXT : g.input();
    }

    /** Every usable generator: the built-in engine, the configured external ones, then the built-in picture ones. */
    public List<Info> list() {
        List<Info> out = new ArrayList<>();
        out.add(new Info(PROCEDURAL, "Built-in engine", "text", PROCEDURAL.equals(defaultFor(false))));
        for (ExternalGenerator g : configured.values()) {
            boolean image = g.input() == ExternalGenerator.Input.IMAGE;
            out.add(new Info(g.id(), g.label(), image ? "image" : "text", g.id().equals(defaultFor(image))));
        }
        out.add(new Info(RELIEF, "Relief", "image", RELIEF.equals(defaultFor(true))));
        out.add(new Info(LITHOPHANE, "Lithophane", "image", false));
        return out;
    }
}
