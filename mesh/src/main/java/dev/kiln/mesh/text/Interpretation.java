package dev.kiln.mesh.text;

import dev.kiln.mesh.spec.SceneSpec;
import java.util.List;

/**
 * The result of reading a description: the scene spec plus an account of how every word was used.
 *
 * @param description the input text
 * @param spec        the scene (may have no objects if nothing was recognised)
 * @param understood  phrases with the meaning given to them, in reading order
 * @param ignored     words or phrases that were not understood or could not be applied
 */
public record Interpretation(String description, SceneSpec spec, List<Understood> understood, List<String> ignored) {

    /**
     * One recognised phrase.
     *
     * @param phrase  the words as written (lower case)
     * @param meaning what the interpreter took them to mean
     */
    public record Understood(String phrase, String meaning) {
    }

    public Interpretation {
        understood = List.copyOf(understood);
        ignored = List.copyOf(ignored);
    }
}
