package dev.kiln.mesh.text;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fixed vocabulary of the description interpreter (besides shape names and colours). */
final class Lexicon {

    private Lexicon() {
    }

    static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("single", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20),
            Map.entry("several", 3), Map.entry("few", 3), Map.entry("many", 6), Map.entry("dozen", 12), Map.entry("both", 2));

    /** Multi-word quantities, longest first. */
    static final List<Map.Entry<List<String>, Integer>> QUANTITY_PHRASES = List.of(
            Map.entry(List.of("a", "pair", "of"), 2), Map.entry(List.of("pair", "of"), 2), Map.entry(List.of("a", "couple", "of"), 2),
            Map.entry(List.of("couple", "of"), 2), Map.entry(List.of("a", "dozen"), 12), Map.entry(List.of("a", "few"), 3),
            Map.entry(List.of("a", "bunch", "of"), 5), Map.entry(List.of("a", "lot", "of"), 8), Map.entry(List.of("lots", "of"), 8));

    /** Uniform size factors relative to a shape's default size. */
    static final Map<String, Double> SIZES = Map.ofEntries(
            Map.entry("tiny", 0.25), Map.entry("miniature", 0.25), Map.entry("mini", 0.35), Map.entry("little", 0.5),
            Map.entry("small", 0.5), Map.entry("smaller", 0.6), Map.entry("medium", 1.0), Map.entry("normal", 1.0),
            Map.entry("regular", 1.0), Map.entry("large", 2.0), Map.entry("big", 2.0), Map.entry("bigger", 1.6),
            Map.entry("larger", 1.6), Map.entry("huge", 3.0), Map.entry("giant", 4.0), Map.entry("gigantic", 4.0),
            Map.entry("enormous", 4.0), Map.entry("massive", 4.0), Map.entry("colossal", 5.0));

    /** Per-axis stretch factors (x, y, z) for proportion words. */
    static final Map<String, double[]> PROPORTIONS = Map.ofEntries(
            Map.entry("tall", new double[] {1, 1.6, 1}), Map.entry("short", new double[] {1, 0.6, 1}),
            Map.entry("wide", new double[] {1.6, 1, 1.6}), Map.entry("narrow", new double[] {0.6, 1, 0.6}),
            Map.entry("thin", new double[] {0.6, 1, 0.6}), Map.entry("slim", new double[] {0.6, 1, 0.6}),
            Map.entry("long", new double[] {1.8, 1, 1}), Map.entry("flat", new double[] {1, 0.3, 1}),
            Map.entry("fat", new double[] {1.4, 1, 1.4}), Map.entry("chubby", new double[] {1.4, 1, 1.4}));

    /** Length units in metres. */
    static final Map<String, Double> UNITS = Map.ofEntries(
            Map.entry("m", 1.0), Map.entry("meter", 1.0), Map.entry("meters", 1.0), Map.entry("metre", 1.0), Map.entry("metres", 1.0),
            Map.entry("cm", 0.01), Map.entry("centimeter", 0.01), Map.entry("centimeters", 0.01), Map.entry("centimetre", 0.01),
            Map.entry("centimetres", 0.01), Map.entry("mm", 0.001), Map.entry("millimeter", 0.001), Map.entry("millimeters", 0.001),
            Map.entry("millimetre", 0.001), Map.entry("millimetres", 0.001), Map.entry("ft", 0.3048), Map.entry("foot", 0.3048),
            Map.entry("feet", 0.3048), Map.entry("in", 0.0254), Map.entry("inch", 0.0254), Map.entry("inches", 0.0254),
            Map.entry("km", 1000.0));

    /** Which dimension an explicit size refers to. */
    static final Map<String, String> DIMENSIONS = Map.ofEntries(
            Map.entry("tall", "height"), Map.entry("high", "height"), Map.entry("height", "height"),
            Map.entry("wide", "width"), Map.entry("width", "width"), Map.entry("across", "largest"),
            Map.entry("long", "length"), Map.entry("length", "length"), Map.entry("deep", "depth"),
            Map.entry("diameter", "width"), Map.entry("big", "largest"), Map.entry("large", "largest"));

    /** Surface finish words: roughness or opacity overrides. */
    static final Map<String, String> FINISHES = Map.ofEntries(
            Map.entry("shiny", "roughness 0.15"), Map.entry("glossy", "roughness 0.15"), Map.entry("polished", "roughness 0.1"),
            Map.entry("matte", "roughness 0.9"), Map.entry("dull", "roughness 0.9"), Map.entry("rough", "roughness 0.95"),
            Map.entry("translucent", "opacity 0.5"), Map.entry("see-through", "opacity 0.4"), Map.entry("clear", "opacity 0.3"));

    /** Feature nouns that set a template parameter ("with four legs"). */
    static final Map<String, String> FEATURES = Map.ofEntries(
            Map.entry("leg", "legs"), Map.entry("legs", "legs"), Map.entry("floor", "floors"), Map.entry("floors", "floors"),
            Map.entry("story", "floors"), Map.entry("stories", "floors"), Map.entry("storey", "floors"), Map.entry("storeys", "floors"),
            Map.entry("level", "floors"), Map.entry("levels", "floors"), Map.entry("petal", "petals"), Map.entry("petals", "petals"),
            Map.entry("shelf", "shelves"), Map.entry("shelves", "shelves"), Map.entry("step", "steps"), Map.entry("steps", "steps"),
            Map.entry("stair", "steps"), Map.entry("stairs", "steps"), Map.entry("fin", "fins"), Map.entry("fins", "fins"),
            Map.entry("ring", "rings"), Map.entry("rings", "rings"), Map.entry("post", "posts"), Map.entry("posts", "posts"),
            Map.entry("layer", "layers"), Map.entry("layers", "layers"), Map.entry("tier", "layers"), Map.entry("tiers", "layers"),
            Map.entry("slat", "slats"), Map.entry("slats", "slats"), Map.entry("side", "sides"), Map.entry("sides", "sides"),
            Map.entry("sail", "sail"), Map.entry("roof", "roof"));

    /** Spatial relations between a group and its reference. */
    enum Relation { ON_TOP, ABOVE, UNDER, NEXT_TO, LEFT_OF, RIGHT_OF, IN_FRONT, BEHIND, AROUND, INSIDE }

    /** Relation phrases, longest first so "to the left of" wins over "left". */
    static final List<Map.Entry<List<String>, Relation>> RELATIONS = List.of(
            Map.entry(List.of("on", "the", "top", "of"), Relation.ON_TOP), Map.entry(List.of("on", "top", "of"), Relation.ON_TOP),
            Map.entry(List.of("to", "the", "left", "of"), Relation.LEFT_OF), Map.entry(List.of("to", "the", "right", "of"), Relation.RIGHT_OF),
            Map.entry(List.of("on", "the", "left", "of"), Relation.LEFT_OF), Map.entry(List.of("on", "the", "right", "of"), Relation.RIGHT_OF),
            Map.entry(List.of("in", "front", "of"), Relation.IN_FRONT), Map.entry(List.of("in", "back", "of"), Relation.BEHIND),
            Map.entry(List.of("next", "to"), Relation.NEXT_TO), Map.entry(List.of("close", "to"), Relation.NEXT_TO),
            Map.entry(List.of("left", "of"), Relation.LEFT_OF), Map.entry(List.of("right", "of"), Relation.RIGHT_OF),
            Map.entry(List.of("sitting", "on"), Relation.ON_TOP), Map.entry(List.of("standing", "on"), Relation.ON_TOP),
            Map.entry(List.of("resting", "on"), Relation.ON_TOP), Map.entry(List.of("placed", "on"), Relation.ON_TOP),
            Map.entry(List.of("lying", "on"), Relation.ON_TOP), Map.entry(List.of("floating", "above"), Relation.ABOVE),
            Map.entry(List.of("hovering", "over"), Relation.ABOVE), Map.entry(List.of("hovering", "above"), Relation.ABOVE),
            Map.entry(List.of("on"), Relation.ON_TOP), Map.entry(List.of("atop"), Relation.ON_TOP), Map.entry(List.of("upon"), Relation.ON_TOP),
            Map.entry(List.of("onto"), Relation.ON_TOP), Map.entry(List.of("above"), Relation.ABOVE), Map.entry(List.of("over"), Relation.ABOVE),
            Map.entry(List.of("under"), Relation.UNDER), Map.entry(List.of("below"), Relation.UNDER), Map.entry(List.of("beneath"), Relation.UNDER),
            Map.entry(List.of("underneath"), Relation.UNDER), Map.entry(List.of("beside"), Relation.NEXT_TO),
            Map.entry(List.of("besides"), Relation.NEXT_TO), Map.entry(List.of("near"), Relation.NEXT_TO), Map.entry(List.of("by"), Relation.NEXT_TO),
            Map.entry(List.of("alongside"), Relation.NEXT_TO), Map.entry(List.of("behind"), Relation.BEHIND),
            Map.entry(List.of("around"), Relation.AROUND), Map.entry(List.of("surrounding"), Relation.AROUND),
            Map.entry(List.of("encircling"), Relation.AROUND), Map.entry(List.of("inside"), Relation.INSIDE),
            Map.entry(List.of("in"), Relation.INSIDE), Map.entry(List.of("within"), Relation.INSIDE));

    /** Group arrangements for several copies. */
    enum Arrangement { ROW, COLUMN, CIRCLE, GRID, STACK }

    static final List<Map.Entry<List<String>, Arrangement>> ARRANGEMENTS = List.of(
            Map.entry(List.of("on", "top", "of", "each", "other"), Arrangement.STACK),
            Map.entry(List.of("on", "top", "of", "one", "another"), Arrangement.STACK),
            Map.entry(List.of("next", "to", "each", "other"), Arrangement.ROW), Map.entry(List.of("side", "by", "side"), Arrangement.ROW),
            Map.entry(List.of("in", "a", "row"), Arrangement.ROW), Map.entry(List.of("in", "a", "line"), Arrangement.ROW),
            Map.entry(List.of("in", "a", "column"), Arrangement.COLUMN), Map.entry(List.of("in", "a", "circle"), Arrangement.CIRCLE),
            Map.entry(List.of("in", "a", "ring"), Arrangement.CIRCLE), Map.entry(List.of("in", "a", "grid"), Arrangement.GRID),
            Map.entry(List.of("in", "a", "square"), Arrangement.GRID), Map.entry(List.of("in", "a", "stack"), Arrangement.STACK),
            Map.entry(List.of("in", "a", "pile"), Arrangement.STACK), Map.entry(List.of("in", "rows"), Arrangement.GRID),
            Map.entry(List.of("lined", "up"), Arrangement.ROW), Map.entry(List.of("in", "line"), Arrangement.ROW),
            Map.entry(List.of("in", "circle"), Arrangement.CIRCLE), Map.entry(List.of("in", "grid"), Arrangement.GRID),
            Map.entry(List.of("stacked", "up"), Arrangement.STACK), Map.entry(List.of("stacked"), Arrangement.STACK),
            Map.entry(List.of("piled"), Arrangement.STACK), Map.entry(List.of("circular"), Arrangement.CIRCLE),
            Map.entry(List.of("row"), Arrangement.ROW));

    /** Words that refer back to the previous object ("next to it"). */
    static final Set<String> PRONOUNS = Set.of("it", "them", "this", "that", "these", "those", "him", "her");

    /** Words that join objects without a spatial relation. */
    static final Set<String> JOINERS = Set.of("and", ",", "plus", "also", "then", "&", ";");

    /** Grammar words that carry no meaning for the scene; skipped without being reported as ignored. */
    static final Set<String> FILLER = Set.of("the", "of", "is", "are", "there", "its", "their", "to", "made", "from", "out", "which",
            "that", "has", "have", "having", "each", "please", "make", "create", "draw", "build", "render", "generate", "show", "me",
            "i", "want", "need", "scene", "model", "3d", "some", "just", "very", "really", "quite", "kind", "sort", "looking", "like",
            "who", "stands", "sits", "standing", "sitting", "placed", "set", "put", "something", "object", "objects", ".", "!", "?",
            "other", "another", "and", "with", "side", "together", "all", "at", "for");

    /** Complexity hints. */
    static final Map<String, String> DETAIL_WORDS = Map.ofEntries(
            Map.entry("detailed", "HIGH"), Map.entry("intricate", "HIGH"), Map.entry("smooth", "HIGH"), Map.entry("hi-poly", "HIGH"),
            Map.entry("high-poly", "HIGH"), Map.entry("simple", "LOW"), Map.entry("low-poly", "LOW"), Map.entry("lowpoly", "LOW"),
            Map.entry("blocky", "LOW"), Map.entry("basic", "LOW"));
}
