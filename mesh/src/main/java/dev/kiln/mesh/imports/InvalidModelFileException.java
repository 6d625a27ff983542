package dev.kiln.mesh.imports;

/** A model file that Kiln cannot read: not a GLB 2.0 file, malformed, an unsupported encoding, or over a limit. */
public class InvalidModelFileException extends IllegalArgumentException {
    public InvalidModelFileException(String message) {
        super(message);
    }
}
