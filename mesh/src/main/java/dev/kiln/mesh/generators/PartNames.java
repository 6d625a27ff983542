package dev.kiln.mesh.generators;

import java.util.Locale;
import java.util.Map;

/**
 * How a word for a part ("roof", "wheels") finds a template's parts ("roof", "wheel 1".."wheel 4"): a part matches
 * when its name contains the word as whole words, singular or plural. Hand-written because English plurals of a
 * few dozen part nouns need only these rules, not a stemming library.
 */
public final class PartNames {
    private static final Map<String, String> IRREGULAR = Map.of("leaves", "leaf", "shelves", "shelf", "feet", "foot", "knives", "knife");

    private PartNames() {
    }

    /** The singular of a lower-case English noun: "wheels" → "wheel", "branches" → "branch", "leaves" → "leaf". */
    public static String singular(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        String irregular = IRREGULAR.get(w);
        if (irregular != null) return irregular;
        if (w.length() > 4 && w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
        if (w.length() > 3 && w.endsWith("es") && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("sses"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 2 && w.endsWith("s") && !w.endsWith("ss")) return w.substring(0, w.length() - 1);
        return w;
    }

    /** Whether the part called {@code partName} ("back window 1") is one that {@code key} ("window") names. */
    public static boolean matches(String partName, String key) {
        String[] words = partName.toLowerCase(Locale.ROOT).split("\\s+");
        String[] k = key.toLowerCase(Locale.ROOT).split("\\s+");
        for (int i = 0; i + k.length <= words.length; i++) {
            boolean all = true;
            for (int j = 0; j < k.length && all; j++) {
                String w = words[i + j];
                all = w.equals(k[j]) || singular(w).equals(k[j]);
            }
            if (all) return true;
        }
        return false;
    }
}
