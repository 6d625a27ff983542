package dev.kiln.mesh.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a scene spec cannot be parsed or fails validation; carries every problem found. */
public class InvalidSceneSpecException extends IllegalArgumentException {

    private final List<ValidationError> errors;

    public InvalidSceneSpecException(List<ValidationError> errors) {
        super("invalid scene spec: " + errors.stream().map(ValidationError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
