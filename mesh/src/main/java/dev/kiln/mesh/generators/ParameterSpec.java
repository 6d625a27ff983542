package dev.kiln.mesh.generators;

/**
 * Declaration of one shape parameter: its type, default, allowed range and meaning. The validator
 * enforces the range, the README and JSON schema list it, the interpreter fills it.
 *
 * @param name         parameter name as written in the spec's {@code params}
 * @param kind         number (metres unless stated), whole number, colour or text
 * @param defaultValue value used when the spec leaves it out
 * @param min          smallest allowed value (for text: minimum length)
 * @param max          largest allowed value (for text: maximum length)
 * @param description  one line for humans
 */
public record ParameterSpec(String name, Kind kind, Object defaultValue, double min, double max, String description) {

    /** Parameter value types. */
    public enum Kind { NUMBER, INTEGER, COLOR, TEXT }

    public static ParameterSpec number(String name, double defaultValue, double min, double max, String description) {
        return new ParameterSpec(name, Kind.NUMBER, defaultValue, min, max, description);
    }

    public static ParameterSpec integer(String name, int defaultValue, int min, int max, String description) {
        return new ParameterSpec(name, Kind.INTEGER, defaultValue, min, max, description);
    }

    public static ParameterSpec color(String name, String defaultHex, String description) {
        return new ParameterSpec(name, Kind.COLOR, defaultHex, 7, 7, description);
    }

    public static ParameterSpec text(String name, String defaultValue, int maxLength, String description) {
        return new ParameterSpec(name, Kind.TEXT, defaultValue, 0, maxLength, description);
    }
}
