package dev.kiln.mesh.text;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.PartNames;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.geometry.Bounds;
import dev.kiln.mesh.spec.MaterialPresets;
import dev.kiln.mesh.spec.MaterialSpec;
import dev.kiln.mesh.spec.ObjectSpec;
import dev.kiln.mesh.spec.SceneSpec;
import dev.kiln.mesh.spec.TransformSpec;
import dev.kiln.mesh.spec.Vec3;
import dev.kiln.mesh.text.Interpretation.Understood;
import dev.kiln.mesh.text.Lexicon.Arrangement;
import dev.kiln.mesh.text.Lexicon.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Deterministic reader of English scene descriptions ("three red balls in a row on a wooden table").
 *
 * <p>The text is read left to right as noun groups — {@code [count] [size] [colour] [material] shape
 * [with N feature]} — joined by "and" or by spatial relations ("on top of", "left of", "around", ...).
 * A relation ties the group before it to the group after it (or to the previous group for "it").
 * Groups are then laid out: unrelated groups in a row along x, related ones placed against their
 * reference's bounds so that "on top of" means resting exactly on the top face. Every word is either
 * used (listed in {@link Interpretation#understood()}), a grammar word, or reported in
 * {@link Interpretation#ignored()}.
 */
public final class DescriptionInterpreter {

    private static final Map<String, MaterialSpec> MATERIALS = MaterialPresets.byWord();
    private static final int MAX_COUNT = 100;

    private final ShapeCatalog catalog;

    public DescriptionInterpreter(ShapeCatalog catalog) {
        this.catalog = catalog;
    }

    public DescriptionInterpreter() {
        this(ShapeCatalog.standard());
    }

    /** One noun group being read. */
    private static final class Group {
        ShapeGenerator shape;
        String noun;
        int count = 1;
        boolean countGiven;
        double size = 1;
        double[] stretch = {1, 1, 1};
        Double explicitSize;
        String explicitDimension;
        String color;
        String colorWord;
        MaterialSpec material;
        String materialWord;
        Double roughness;
        Double opacity;
        Arrangement arrangement;
        Relation relation;
        int reference = -1;
        boolean referencePrevious;
        final Map<String, Object> params = new LinkedHashMap<>();
        /** Materials of named parts ("with a red roof"), in the order given. */
        final Map<String, MaterialSpec> parts = new LinkedHashMap<>();
        /** Parts the description named, checked against what the template builds at this complexity. */
        final List<PartMention> mentions = new ArrayList<>();
        /** Token index right after the last "with …" feature, so "and a blue door" there may name a part too. */
        int featureEnd = -1;
        // filled during layout
        Bounds instanceBounds;
        List<Vec3> offsets;
        Vec3 position = Vec3.ZERO;
        boolean placed;

        boolean hasModifiers() {
            return countGiven || size != 1 || color != null || material != null || explicitSize != null;
        }
    }

    /** Reads {@code description} into a scene; never throws for odd input, it reports instead. */
    public Interpretation interpret(String description, Complexity complexity) {
        List<String> tokens = tokenize(description == null ? "" : description);
        List<Understood> understood = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        Group current = new Group();
        Relation pendingRelation = null;
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            // arrangement of the current group's copies ("in a row")
            Map.Entry<Integer, Arrangement> arrangement = matchPhrase(tokens, i, Lexicon.ARRANGEMENTS);
            if (arrangement != null && (current.shape != null || current.countGiven || !groups.isEmpty())) {
                // "four stacked crates" names it before the noun, "crates stacked" after
                Group target = current.shape != null || current.countGiven ? current : groups.get(groups.size() - 1);
                target.arrangement = arrangement.getValue();
                understood.add(new Understood(join(tokens, i, arrangement.getKey()), "arrangement: " + describe(arrangement.getValue())));
                i += arrangement.getKey();
                continue;
            }
            // explicit size: number + unit (+ dimension word)
            if (isNumber(t) && i + 1 < tokens.size() && Lexicon.UNITS.containsKey(tokens.get(i + 1))) {
                double metres = Double.parseDouble(t) * Lexicon.UNITS.get(tokens.get(i + 1));
                int used = 2;
                String dimension = "largest";
                if (i + 2 < tokens.size() && Lexicon.DIMENSIONS.containsKey(tokens.get(i + 2))) {
                    dimension = Lexicon.DIMENSIONS.get(tokens.get(i + 2));
                    used = 3;
                } else if (i + 3 < tokens.size() && tokens.get(i + 2).equals("in") && tokens.get(i + 3).equals("diameter")) {
                    dimension = "width";
                    used = 4;
                }
                current.explicitSize = metres;
                current.explicitDimension = dimension;
                understood.add(new Understood(join(tokens, i, used), "size: " + fmt(metres) + " m " + dimension));
                i += used;
                continue;
            }
            // spatial relation to the next (or, with "it", the previous) group
            Map.Entry<Integer, Relation> relation = matchPhrase(tokens, i, Lexicon.RELATIONS);
            if (relation != null && current.shape != null) {
                String phrase = join(tokens, i, relation.getKey());
                i += relation.getKey();
                while (i < tokens.size() && tokens.get(i).equals("the")) {
                    i++;
                }
                current.relation = relation.getValue();
                if (i < tokens.size() && (Lexicon.PRONOUNS.contains(tokens.get(i)) || tokens.get(i).equals("each"))) {
                    current.referencePrevious = true;
                    understood.add(new Understood(phrase + " " + tokens.get(i), "relation: " + describe(relation.getValue()) + " the previous object"));
                    i++;
                    if (i < tokens.size() && (tokens.get(i).equals("other") || tokens.get(i).equals("another"))) {
                        i++;
                    }
                } else {
                    understood.add(new Understood(phrase, "relation: " + describe(relation.getValue()) + " the next object"));
                }
                groups.add(current);
                current = new Group();
                continue;
            }
            if (Lexicon.JOINERS.contains(t)) {
                // "a car with blue wheels and a red cabin": the cabin is the car's, not a new object
                if (current.shape != null && current.featureEnd == i && t.equals("and")) {
                    int used = readFeature(tokens, i + 1, current, understood, ignored, "and");
                    if (used > 0) {
                        i += 1 + used;
                        current.featureEnd = i;
                        continue;
                    }
                }
                if (current.shape != null) {
                    groups.add(current);
                    current = new Group();
                }
                i++;
                continue;
            }
            // "with four legs": a feature of the current shape
            if (t.equals("with") && current.shape != null) {
                int used = readFeature(tokens, i + 1, current, understood, ignored, "with");
                if (used > 0) {
                    i += 1 + used;
                    current.featureEnd = i;
                    continue;
                }
                groups.add(current); // "a table with a lamp": another object, placed next to it
                current = new Group();
                i++;
                continue;
            }
            // "two-story" / "4-legged"
            if (t.matches("[a-z0-9]+-(story|storey|storied|floor|legged)") && current.shape == null) {
                String[] parts = t.split("-");
                Integer n = parseCount(parts[0]);
                if (n != null) {
                    current.params.put(parts[1].equals("legged") ? "legs" : "floors", n);
                    understood.add(new Understood(t, (parts[1].equals("legged") ? "legs" : "floors") + " = " + n));
                    i++;
                    continue;
                }
            }
            // quantities
            Map.Entry<Integer, Integer> quantity = matchPhrase(tokens, i, Lexicon.QUANTITY_PHRASES);
            Integer count = quantity != null ? quantity.getValue() : parseCount(t);
            if (count != null && !(i + 1 < tokens.size() && Lexicon.UNITS.containsKey(tokens.get(i + 1)))) {
                int used = quantity != null ? quantity.getKey() : 1;
                if (current.shape != null) {
                    groups.add(current);
                    current = new Group();
                }
                current.count = Math.min(MAX_COUNT, Math.max(1, count));
                current.countGiven = count != 1 || !(t.equals("a") || t.equals("an"));
                if (current.countGiven) {
                    understood.add(new Understood(join(tokens, i, used), "count: " + current.count
                            + (count > MAX_COUNT ? " (capped from " + count + ")" : "")));
                }
                i += used;
                continue;
            }
            if (t.equals("very") && i + 1 < tokens.size() && Lexicon.SIZES.containsKey(tokens.get(i + 1))) {
                double f = Lexicon.SIZES.get(tokens.get(i + 1));
                current.size *= Math.pow(f, 1.5);
                understood.add(new Understood("very " + tokens.get(i + 1), "size ×" + fmt(Math.pow(f, 1.5))));
                i += 2;
                continue;
            }
            if (Lexicon.SIZES.containsKey(t)) {
                current.size *= Lexicon.SIZES.get(t);
                understood.add(new Understood(t, "size ×" + fmt(Lexicon.SIZES.get(t))));
                i++;
                continue;
            }
            if (Lexicon.PROPORTIONS.containsKey(t)) {
                double[] s = Lexicon.PROPORTIONS.get(t);
                for (int a = 0; a < 3; a++) {
                    current.stretch[a] *= s[a];
                }
                understood.add(new Understood(t, "proportions ×(" + fmt(s[0]) + ", " + fmt(s[1]) + ", " + fmt(s[2]) + ")"));
                i++;
                continue;
            }
            // colours: "light blue", "sky blue", "red"
            if (ColorNames.isShadeWord(t) && i + 1 < tokens.size()) {
                Optional<String> shaded = ColorNames.shaded(t, tokens.get(i + 1));
                if (shaded.isPresent()) {
                    setColor(current, t + " " + tokens.get(i + 1), shaded.get(), understood);
                    i += 2;
                    continue;
                }
            }
            if (i + 1 < tokens.size() && !MATERIALS.containsKey(t)) {
                Optional<String> compound = ColorNames.lookup(t + tokens.get(i + 1));
                if (compound.isPresent() && !t.equals("light") && !t.equals("dark")) {
                    setColor(current, t + " " + tokens.get(i + 1), compound.get(), understood);
                    i += 2;
                    continue;
                }
            }
            // shape nouns, longest alias first ("pine tree" before "pine")
            Map.Entry<Integer, ShapeGenerator> shape = matchShape(tokens, i);
            boolean materialWord = MATERIALS.containsKey(t);
            if (shape != null && !(materialWord && shape.getKey() == 1 && nextIsShape(tokens, i + 1))) {
                if (current.shape != null) {
                    groups.add(current);
                    current = new Group();
                }
                current.shape = shape.getValue();
                current.noun = join(tokens, i, shape.getKey());
                understood.add(new Understood(current.noun, "shape: " + current.shape.name()));
                i += shape.getKey();
                continue;
            }
            if (materialWord) {
                current.material = MATERIALS.get(t);
                current.materialWord = t;
                understood.add(new Understood(t, "material: " + t + " " + describe(current.material)));
                i++;
                continue;
            }
            Optional<String> color = ColorNames.lookup(t);
            if (color.isPresent()) {
                setColor(current, t, color.get(), understood);
                i++;
                continue;
            }
            if (Lexicon.FINISHES.containsKey(t)) {
                String[] f = Lexicon.FINISHES.get(t).split(" ");
                if (f[0].equals("roughness")) {
                    current.roughness = Double.parseDouble(f[1]);
                } else {
                    current.opacity = Double.parseDouble(f[1]);
                }
                understood.add(new Understood(t, "finish: " + Lexicon.FINISHES.get(t)));
                i++;
                continue;
            }
            if (Lexicon.DETAIL_WORDS.containsKey(t)) {
                understood.add(new Understood(t, "detail hint: " + Lexicon.DETAIL_WORDS.get(t).toLowerCase(Locale.ROOT)
                        + " (complexity is set by the request options)"));
                i++;
                continue;
            }
            if (!Lexicon.FILLER.contains(t) && !Lexicon.PRONOUNS.contains(t)) {
                ignored.add(t);
            }
            i++;
        }
        if (current.shape != null) {
            groups.add(current);
        } else if (current.hasModifiers()) {
            ignored.add("(modifiers at the end with no object to apply to)");
        }
        resolveReferences(groups, ignored);
        List<ObjectSpec> objects = layout(groups, complexity, understood, ignored);
        return new Interpretation(description, SceneSpec.of(objects), understood, ignored);
    }

    private static void setColor(Group g, String word, String hex, List<Understood> understood) {
        g.color = hex;
        g.colorWord = word;
        understood.add(new Understood(word, "colour " + hex));
    }

    /** A part named in the description: the entry that reported it, and any parameter meaning in that same entry. */
    private record PartMention(String part, String phrase, Understood understood, List<String> otherMeanings) {}

    /** Colour, material, finish and size words in front of a part noun ("a shiny red roof"). */
    private static final class Adjectives {
        final List<String> words = new ArrayList<>();
        final List<String> sizeWords = new ArrayList<>();
        String color;
        MaterialSpec material;
        String materialWord;
        Double roughness;
        Double opacity;

        boolean coloursPart() {
            return color != null || material != null;
        }

        /** The part's material, built like an object's ({@link #material(Group)}). */
        MaterialSpec toMaterial() {
            MaterialSpec m = material != null ? material.withColor(color != null ? color : material.baseColor()) : MaterialSpec.color(color);
            if (roughness != null) m = new MaterialSpec(m.baseColor(), m.metalness(), roughness, m.opacity());
            if (opacity != null) m = m.withOpacity(opacity);
            return m;
        }

        String describe() {
            List<String> out = new ArrayList<>();
            if (materialWord != null) out.add("material " + materialWord);
            if (color != null) out.add("colour " + color);
            if (roughness != null) out.add("roughness " + fmt(roughness));
            if (opacity != null) out.add("opacity " + fmt(opacity));
            return String.join(", ", out);
        }
    }

    /** Reads adjectives from {@code start}; returns the tokens used. */
    private static int readAdjectives(List<String> tokens, int start, Adjectives a) {
        int i = start;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            Optional<String> shaded = next != null && ColorNames.isShadeWord(t) ? ColorNames.shaded(t, next) : Optional.empty();
            Optional<String> compound = next != null && !MATERIALS.containsKey(t) && !t.equals("light") && !t.equals("dark")
                    ? ColorNames.lookup(t + next) : Optional.empty();
            if (shaded.isPresent() || compound.isPresent()) {
                a.color = shaded.orElseGet(compound::get);
                a.words.add(t + " " + next);
                i += 2;
            } else if (MATERIALS.containsKey(t)) {
                a.material = MATERIALS.get(t);
                a.materialWord = t;
                a.words.add(t);
                i++;
            } else if (ColorNames.lookup(t).isPresent()) {
                a.color = ColorNames.lookup(t).get();
                a.words.add(t);
                i++;
            } else if (Lexicon.FINISHES.containsKey(t)) {
                String[] f = Lexicon.FINISHES.get(t).split(" ");
                if (f[0].equals("roughness")) {
                    a.roughness = Double.parseDouble(f[1]);
                } else {
                    a.opacity = Double.parseDouble(f[1]);
                }
                a.words.add(t);
                i++;
            } else if (Lexicon.SIZES.containsKey(t)) {
                a.sizeWords.add(t);
                a.words.add(t);
                i++;
            } else {
                break;
            }
        }
        return i - start;
    }

    /** The part of {@code shape} named at {@code i} ("roof", "wheels", "tail fin") and the tokens it takes, or null. */
    private static Map.Entry<Integer, String> partAt(ShapeGenerator shape, List<String> tokens, int i) {
        if (i >= tokens.size()) return null;
        if (i + 1 < tokens.size()) {
            String two = tokens.get(i) + " " + PartNames.singular(tokens.get(i + 1));
            if (shape.partNames().contains(two)) return Map.entry(2, two);
        }
        String one = tokens.get(i);
        if (shape.partNames().contains(one)) return Map.entry(1, one);
        String singular = PartNames.singular(one);
        return shape.partNames().contains(singular) ? Map.entry(1, singular) : null;
    }

    /**
     * Reads "[count] [adjectives] noun" after "with": a feature with a parameter ("with four legs"), a part's colour or
     * material ("with a red roof", "with blue wheels"), or both ("with four red legs"). Returns the tokens used, or 0 when
     * it is not about this shape (another object follows: "a table with a lamp"). After {@code lead} "and" (a previous
     * feature then "and"), only a part of the shape is accepted ("… and a red cabin").
     */
    private int readFeature(List<String> tokens, int start, Group g, List<Understood> understood, List<String> ignored, String lead) {
        boolean partsOnly = lead.equals("and");
        int i = start;
        Integer count = null;
        int countTokens = 0;
        Map.Entry<Integer, Integer> quantity = matchPhrase(tokens, i, Lexicon.QUANTITY_PHRASES);
        if (quantity != null) {
            count = quantity.getValue();
            countTokens = quantity.getKey();
        } else if (i < tokens.size() && parseCount(tokens.get(i)) != null) {
            count = parseCount(tokens.get(i));
            countTokens = 1;
        }
        i += countTokens;
        Adjectives adjectives = new Adjectives();
        int adjectiveTokens = readAdjectives(tokens, i, adjectives);
        int n = i + adjectiveTokens;
        if (n >= tokens.size()) {
            return 0;
        }
        String noun = tokens.get(n);
        Map.Entry<Integer, String> part = partAt(g.shape, tokens, n);
        String param = Lexicon.FEATURES.get(noun);
        if (part == null && (partsOnly || param == null)) {
            if (partsOnly || !adjectives.coloursPart() || matchShape(tokens, n) != null) {
                return 0;
            }
            // "a house with a red garage": colouring a part this shape does not have
            int used = countTokens + adjectiveTokens + 1;
            List<String> names = g.shape.partNames();
            ignored.add(lead + " " + join(tokens, start, used) + " (a " + g.shape.name().replace('_', ' ') + " has no part called '" + noun
                    + "'" + (names.isEmpty() ? "" : "; its parts: " + String.join(", ", names)) + ")");
            return used;
        }
        int used = countTokens + adjectiveTokens + (part != null ? part.getKey() : 1);
        String phrase = lead + " " + join(tokens, start, used);
        List<String> meanings = new ArrayList<>();
        Optional<ParameterSpec> spec = param == null ? Optional.empty()
                : g.shape.parameters().stream().filter(p -> p.name().equals(param)).findFirst();
        if (spec.isPresent()) {
            int value = count != null ? count : (spec.get().kind() == ParameterSpec.Kind.INTEGER ? Math.max(1, ((Number) spec.get().defaultValue()).intValue()) : 1);
            value = (int) Math.max(spec.get().min(), Math.min(spec.get().max(), value));
            g.params.put(param, value);
            meanings.add(param + " = " + value);
        } else if (part == null) {
            ignored.add(phrase + " (a " + g.shape.name() + " has no adjustable " + param + ")");
            return used;
        } else if (count != null && count > 1) {
            ignored.add(join(tokens, start, countTokens) + " (a " + g.shape.name().replace('_', ' ') + " has a fixed number of "
                    + part.getValue() + (part.getValue().endsWith("s") ? "es" : "s") + ")");
        }
        if (part != null && adjectives.coloursPart()) {
            g.parts.put(part.getValue(), adjectives.toMaterial());
            meanings.add(part.getValue() + ": " + adjectives.describe());
        } else if (adjectives.coloursPart()) {
            List<String> colourWords = new ArrayList<>(adjectives.words);
            colourWords.removeAll(adjectives.sizeWords);
            ignored.add(String.join(" ", colourWords) + " (a " + g.shape.name() + " has no part called '" + noun + "' to colour)");
        } else if (adjectives.roughness != null || adjectives.opacity != null) {
            ignored.add(String.join(" ", adjectives.words) + " (a finish alone needs a colour or material for the part)");
        }
        if (!adjectives.sizeWords.isEmpty()) {
            ignored.add(String.join(" ", adjectives.sizeWords) + " (sizes of parts are not adjustable)");
        }
        if (meanings.isEmpty()) {
            meanings.add("has its " + part.getValue() + " already");
        }
        Understood entry = new Understood(phrase, g.shape.name() + " " + String.join(", ", meanings));
        understood.add(entry);
        if (part != null) {
            String own = part.getValue() + ":";
            List<String> params = meanings.stream().filter(m -> !m.startsWith(own) && !m.startsWith("has its ")).toList();
            g.mentions.add(new PartMention(part.getValue(), phrase, entry, params));
        }
        return used;
    }

    private static void resolveReferences(List<Group> groups, List<String> ignored) {
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            if (group.relation == null) {
                continue;
            }
            int ref = group.referencePrevious ? g - 1 : g + 1;
            if (ref < 0 || ref >= groups.size()) {
                ignored.add("(" + describe(group.relation) + ": no object to relate to)");
                group.relation = null;
                continue;
            }
            group.reference = ref;
        }
        // "A under B" is "B on top of A": turn the link around so every placement works from a support upward
        for (int g = 0; g < groups.size(); g++) {
            Group a = groups.get(g);
            if (a.relation != Relation.UNDER) {
                continue;
            }
            Group b = groups.get(a.reference);
            Relation bRelation = b.relation;
            int bReference = b.reference;
            b.relation = Relation.ON_TOP;
            b.reference = g;
            if (bRelation != null && bReference != g && bReference >= 0) {
                a.relation = bRelation; // A takes B's old place in the scene
                a.reference = bReference;
            } else {
                a.relation = null;
                a.reference = -1;
            }
        }
    }

    /** Sizes, arrangements and relations to positions; returns one ObjectSpec per copy. */
    private List<ObjectSpec> layout(List<Group> groups, Complexity complexity, List<Understood> understood, List<String> ignored) {
        for (Group g : groups) {
            dev.kiln.mesh.generators.Model model = g.shape.generate(g.params, complexity);
            dropMissingParts(g, model, complexity, understood, ignored);
            Bounds base = model.bounds();
            double[] scale = {g.size * g.stretch[0], g.size * g.stretch[1], g.size * g.stretch[2]};
            if (g.explicitSize != null) {
                double current = switch (g.explicitDimension) {
                    case "height" -> base.height() * g.stretch[1];
                    case "width", "length" -> base.width() * g.stretch[0];
                    case "depth" -> base.depth() * g.stretch[2];
                    default -> Math.max(base.width() * g.stretch[0], Math.max(base.height() * g.stretch[1], base.depth() * g.stretch[2]));
                };
                double f = current > 0 ? g.explicitSize / current : 1;
                scale = new double[] {f * g.stretch[0], f * g.stretch[1], f * g.stretch[2]};
            }
            g.stretch = scale; // from here on: the full per-axis scale
            g.instanceBounds = scaled(base, scale);
            g.offsets = arrange(g);
        }
        // place groups whose reference is placed, until nothing changes; roots go in a row along x
        double cursor = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Group g : groups) {
                if (g.placed) {
                    continue;
                }
                if (g.relation == null || g.reference < 0 || wouldCycle(groups, g)) {
                    Bounds b = groupBounds(g, Vec3.ZERO);
                    g.position = new Vec3(cursor - b.minX(), 0, 0);
                    cursor += b.width() + gapBetween(b, b);
                    g.placed = true;
                    progress = true;
                } else if (groups.get(g.reference).placed) {
                    place(g, groups.get(g.reference));
                    g.placed = true;
                    progress = true;
                }
            }
        }
        // centre the scene on x/z so it sits in the middle of a viewer
        Bounds all = Bounds.EMPTY;
        for (Group g : groups) {
            all = all.union(groupBounds(g, g.position));
        }
        Vec3 shift = all.isEmpty() ? Vec3.ZERO : new Vec3(-(all.minX() + all.maxX()) / 2, 0, -(all.minZ() + all.maxZ()) / 2);
        List<ObjectSpec> objects = new ArrayList<>();
        for (Group g : groups) {
            for (int k = 0; k < g.offsets.size(); k++) {
                Vec3 p = g.position.plus(g.offsets.get(k)).plus(shift);
                String name = (g.colorWord != null ? g.colorWord + " " : g.materialWord != null ? g.materialWord + " " : "") + g.shape.name().replace('_', ' ')
                        + (g.offsets.size() > 1 ? " " + (k + 1) : "");
                Vec3 scale = new Vec3(round(g.stretch[0]), round(g.stretch[1]), round(g.stretch[2]));
                objects.add(new ObjectSpec(name, g.shape.name(), g.params.isEmpty() ? null : Map.copyOf(g.params),
                        new TransformSpec(new Vec3(round(p.x()), round(p.y()), round(p.z())), Vec3.ZERO, scale), material(g), null,
                        g.parts.isEmpty() ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(g.parts))));
            }
        }
        return objects;
    }

    /** A named part this template does not build here (a house's chimney below high complexity) is reported, not promised. */
    private static void dropMissingParts(Group g, dev.kiln.mesh.generators.Model model, Complexity complexity, List<Understood> understood,
            List<String> ignored) {
        for (PartMention m : g.mentions) {
            boolean built = model.parts().stream().anyMatch(p -> PartNames.matches(p.name(), m.part()));
            if (built) continue;
            g.parts.remove(m.part());
            int at = understood.indexOf(m.understood());
            if (at >= 0) {
                understood.remove(at);
                if (!m.otherMeanings().isEmpty()) {
                    understood.add(at, new Understood(m.understood().phrase(), g.shape.name() + " " + String.join(", ", m.otherMeanings())));
                }
            }
            ignored.add(m.phrase() + " (this " + g.shape.name().replace('_', ' ') + " has no " + m.part() + " at "
                    + complexity.name().toLowerCase(Locale.ROOT) + " complexity)");
        }
    }

    private static boolean wouldCycle(List<Group> groups, Group start) {
        Group g = start;
        for (int steps = 0; steps <= groups.size(); steps++) {
            if (g.relation == null || g.reference < 0) {
                return false;
            }
            g = groups.get(g.reference);
            if (g == start) {
                return true;
            }
        }
        return true;
    }

    private static void place(Group g, Group ref) {
        Bounds r = groupBounds(ref, ref.position);
        Bounds s = groupBounds(g, Vec3.ZERO);
        double gap = gapBetween(r, s);
        double cx = (r.minX() + r.maxX()) / 2 - (s.minX() + s.maxX()) / 2;
        double cz = (r.minZ() + r.maxZ()) / 2 - (s.minZ() + s.maxZ()) / 2;
        double base = r.minY() - s.minY();
        g.position = switch (g.relation) {
            case ON_TOP -> new Vec3(cx, r.maxY() - s.minY(), cz);
            case ABOVE -> new Vec3(cx, r.maxY() - s.minY() + Math.max(0.1, s.height() * 0.5), cz);
            case NEXT_TO, RIGHT_OF -> new Vec3(r.maxX() + gap - s.minX(), base, cz);
            case LEFT_OF -> new Vec3(r.minX() - gap - s.maxX(), base, cz);
            case IN_FRONT -> new Vec3(cx, base, r.maxZ() + gap - s.minZ());
            case BEHIND -> new Vec3(cx, base, r.minZ() - gap - s.maxZ());
            case INSIDE -> new Vec3(cx, r.minY() + r.height() * 0.05 - s.minY(), cz);
            case AROUND -> {
                // the copies go on a circle that clears the reference
                Bounds one = g.instanceBounds;
                double radius = Math.max(r.width(), r.depth()) / 2 + Math.max(one.width(), one.depth()) / 2 + gap;
                List<Vec3> ring = new ArrayList<>();
                int n = g.offsets.size();
                for (int k = 0; k < n; k++) {
                    double a = 2 * Math.PI * k / n;
                    ring.add(new Vec3(radius * Math.cos(a), 0, radius * Math.sin(a)));
                }
                g.offsets = ring;
                yield new Vec3((r.minX() + r.maxX()) / 2 - (one.minX() + one.maxX()) / 2, r.minY() - one.minY(),
                        (r.minZ() + r.maxZ()) / 2 - (one.minZ() + one.maxZ()) / 2);
            }
            case UNDER -> new Vec3(cx, r.minY() - s.maxY(), cz); // only reached if the swap could not apply
        };
    }

    private static double gapBetween(Bounds a, Bounds b) {
        return Math.max(0.05, 0.2 * Math.min(Math.max(a.width(), a.depth()), Math.max(b.width(), b.depth())));
    }

    /** Offsets of each copy within its group (group origin = first copy's origin). */
    private static List<Vec3> arrange(Group g) {
        List<Vec3> out = new ArrayList<>();
        Bounds b = g.instanceBounds;
        int n = g.count;
        double stepX = b.width() * 1.3, stepZ = b.depth() * 1.3;
        Arrangement a = g.arrangement != null ? g.arrangement : Arrangement.ROW;
        for (int k = 0; k < n; k++) {
            out.add(switch (a) {
                case ROW -> new Vec3(k * stepX, 0, 0);
                case COLUMN -> new Vec3(0, 0, k * stepZ);
                case STACK -> new Vec3(0, k * b.height(), 0);
                case GRID -> {
                    int cols = (int) Math.ceil(Math.sqrt(n));
                    yield new Vec3((k % cols) * stepX, 0, (k / cols) * stepZ);
                }
                case CIRCLE -> {
                    double radius = n == 1 ? 0 : Math.max(b.width(), b.depth()) * 1.3 * n / (2 * Math.PI) + Math.max(b.width(), b.depth()) * 0.5;
                    double angle = 2 * Math.PI * k / n;
                    yield new Vec3(radius * Math.cos(angle), 0, radius * Math.sin(angle));
                }
            });
        }
        return out;
    }

    private static Bounds groupBounds(Group g, Vec3 at) {
        Bounds out = Bounds.EMPTY;
        Bounds b = g.instanceBounds;
        for (Vec3 o : g.offsets) {
            double x = at.x() + o.x(), y = at.y() + o.y(), z = at.z() + o.z();
            out = out.union(new Bounds(b.minX() + x, b.minY() + y, b.minZ() + z, b.maxX() + x, b.maxY() + y, b.maxZ() + z));
        }
        return out;
    }

    private static Bounds scaled(Bounds b, double[] s) {
        return new Bounds(b.minX() * s[0], b.minY() * s[1], b.minZ() * s[2], b.maxX() * s[0], b.maxY() * s[1], b.maxZ() * s[2]);
    }

    private static MaterialSpec material(Group g) {
        if (g.material == null && g.color == null && g.roughness == null && g.opacity == null) {
            return null; // the shape's own default (wood for a table, green for a tree)
        }
        MaterialSpec m = g.material != null ? g.material : g.shape.defaultMaterial();
        if (g.color != null) {
            m = m.withColor(g.color);
            if (g.material == null && m.metalness() > 0.5) {
                m = new MaterialSpec(g.color, 0.0, 0.5, m.opacity()); // "a red trophy": painted, not gold
            }
        }
        if (g.roughness != null) {
            m = new MaterialSpec(m.baseColor(), m.metalness(), g.roughness, m.opacity());
        }
        if (g.opacity != null) {
            m = m.withOpacity(g.opacity);
        }
        return m;
    }

    private boolean nextIsShape(List<String> tokens, int i) {
        for (int k = i; k < tokens.size() && k < i + 4; k++) {
            if (matchShape(tokens, k) != null) {
                return true;
            }
            if (Lexicon.JOINERS.contains(tokens.get(k)) || matchPhrase(tokens, k, Lexicon.RELATIONS) != null) {
                return false;
            }
        }
        return false;
    }

    /** Longest catalog name or alias at position i (up to four words), allowing a plural last word. */
    private Map.Entry<Integer, ShapeGenerator> matchShape(List<String> tokens, int i) {
        for (int len = Math.min(4, tokens.size() - i); len >= 1; len--) {
            String phrase = join(tokens, i, len);
            for (String candidate : singulars(phrase)) {
                // in speech "a plane" flies; the flat primitive is still reachable as "ground" or by name in specs
                Optional<ShapeGenerator> s = catalog.find(candidate.equals("plane") || candidate.equals("planes") ? "airplane" : candidate);
                if (s.isPresent()) {
                    return Map.entry(len, s.get());
                }
            }
        }
        return null;
    }

    private static List<String> singulars(String word) {
        List<String> out = new ArrayList<>();
        out.add(word);
        if (word.endsWith("men")) {
            out.add(word.substring(0, word.length() - 3) + "man");
        }
        if (word.endsWith("ies")) {
            out.add(word.substring(0, word.length() - 3) + "y");
        }
        if (word.endsWith("ves")) {
            out.add(word.substring(0, word.length() - 3) + "f");
        }
        if (word.endsWith("es")) {
            out.add(word.substring(0, word.length() - 2));
        }
        if (word.endsWith("s") && word.length() > 3) {
            out.add(word.substring(0, word.length() - 1));
        }
        if (word.equals("dice")) {
            out.add("die");
        }
        return out;
    }

    private static <T> Map.Entry<Integer, T> matchPhrase(List<String> tokens, int i, List<Map.Entry<List<String>, T>> phrases) {
        for (Map.Entry<List<String>, T> p : phrases) {
            List<String> words = p.getKey();
            if (i + words.size() <= tokens.size() && tokens.subList(i, i + words.size()).equals(words)) {
                return Map.entry(words.size(), p.getValue());
            }
        }
        return null;
    }

    private static Integer parseCount(String t) {
        if (t.matches("\\d{1,6}")) {
            return Integer.parseInt(t);
        }
        return Lexicon.NUMBERS.get(t);
    }

    private static boolean isNumber(String t) {
        return t.matches("\\d+(\\.\\d+)?");
    }

    /** Lower-cases, splits glued units ("30cm"), keeps hyphenated words, and makes punctuation its own token. */
    static List<String> tokenize(String text) {
        String s = text.toLowerCase(Locale.ROOT)
                .replaceAll("(\\d)(m|cm|mm|ft|in|km)\\b", "$1 $2")
                .replaceAll("(\\d+)'", "$1 ft")
                .replaceAll("[,;!?]", " , ")
                .replaceAll("\\.(?!\\d)", " . ")
                .replaceAll("[\"()\\[\\]]", " ");
        List<String> out = new ArrayList<>();
        for (String t : s.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String join(List<String> tokens, int i, int n) {
        return String.join(" ", tokens.subList(i, Math.min(tokens.size(), i + n)));
    }

    private static String describe(Relation r) {
        return switch (r) {
            case ON_TOP -> "on top of";
            case LEFT_OF -> "left of";
            case RIGHT_OF -> "right of";
            case IN_FRONT -> "in front of";
            default -> r.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static String describe(Arrangement a) {
        return switch (a) {
            case ROW -> "row along x";
            case COLUMN -> "column along z";
            case CIRCLE -> "circle";
            case GRID -> "grid";
            case STACK -> "stacked vertically";
        };
    }

    private static String describe(MaterialSpec m) {
        return "(" + m.baseColor() + ", metalness " + fmt(m.metalness()) + ", roughness " + fmt(m.roughness())
                + (m.opacity() < 1 ? ", opacity " + fmt(m.opacity()) : "") + ")";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3g", d);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
