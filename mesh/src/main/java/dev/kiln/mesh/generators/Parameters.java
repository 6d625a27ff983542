package dev.kiln.mesh.generators;

import java.util.List;
import java.util.Map;

/** A shape's parameter values: what the spec gave, falling back to each parameter's declared default. */
public final class Parameters {

    private final Map<String, Object> values;
    private final List<ParameterSpec> specs;

    public Parameters(Map<String, Object> values, List<ParameterSpec> specs) {
        this.values = values == null ? Map.of() : values;
        this.specs = specs;
    }

    public double number(String name) {
        Object v = values.get(name);
        if (v instanceof Number n) {
            return clamp(name, n.doubleValue());
        }
        return ((Number) spec(name).defaultValue()).doubleValue();
    }

    public int integer(String name) {
        Object v = values.get(name);
        if (v instanceof Number n) {
            return (int) Math.round(clamp(name, n.doubleValue()));
        }
        return ((Number) spec(name).defaultValue()).intValue();
    }

    public String text(String name) {
        Object v = values.get(name);
        return v instanceof String s ? s : (String) spec(name).defaultValue();
    }

    /** The given value (or default) if it was provided explicitly. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    private double clamp(String name, double value) {
        // the validator rejects out-of-range values; clamping here only protects direct library callers
        ParameterSpec s = spec(name);
        return Double.isNaN(value) ? ((Number) s.defaultValue()).doubleValue() : Math.max(s.min(), Math.min(s.max(), value));
    }

    private ParameterSpec spec(String name) {
        for (ParameterSpec s : specs) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("shape has no parameter '" + name + "'");
    }
}
