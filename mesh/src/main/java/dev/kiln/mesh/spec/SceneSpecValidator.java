package dev.kiln.mesh.spec;

import dev.kiln.mesh.generators.ParameterSpec;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.generators.ShapeGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a {@link SceneSpec} before anything is built: structure, known shapes, parameter types and
 * ranges, finite transforms, material ranges and the {@link SceneLimits}. Reports every problem with
 * its path rather than stopping at the first. (The triangle cap is enforced while building, where the
 * real count is known.)
 */
public final class SceneSpecValidator {

    private static final int MAX_NAME_LENGTH = 100;
    private static final double MAX_ROTATION_DEGREES = 36_000;

    private final ShapeCatalog catalog;
    private final SceneLimits limits;

    public SceneSpecValidator(ShapeCatalog catalog, SceneLimits limits) {
        this.catalog = catalog;
        this.limits = limits;
    }

    public SceneSpecValidator() {
        this(ShapeCatalog.standard(), SceneLimits.DEFAULT);
    }

    /** All problems found; empty when the spec is valid. */
    public List<ValidationError> validate(SceneSpec spec) {
        List<ValidationError> errors = new ArrayList<>();
        if (spec == null) {
            errors.add(new ValidationError("$", "no scene spec given"));
            return errors;
        }
        if (spec.version() != SceneSpec.CURRENT_VERSION) {
            errors.add(new ValidationError("version", "unsupported version " + spec.version() + " (expected " + SceneSpec.CURRENT_VERSION + ")"));
        }
        if (spec.objects().isEmpty()) {
            errors.add(new ValidationError("objects", "a scene needs at least one object"));
        }
        int total = countObjects(spec.objects());
        if (total > limits.maxObjects()) {
            errors.add(new ValidationError("objects", total + " objects exceed the limit of " + limits.maxObjects()));
            return errors; // validating each of a million objects would itself be the attack
        }
        for (int i = 0; i < spec.objects().size(); i++) {
            validateObject(spec.objects().get(i), "objects[" + i + "]", 1, errors);
        }
        return errors;
    }

    /** Throws {@link InvalidSceneSpecException} listing every problem, if there are any. */
    public void requireValid(SceneSpec spec) {
        List<ValidationError> errors = validate(spec);
        if (!errors.isEmpty()) {
            throw new InvalidSceneSpecException(errors);
        }
    }

    private void validateObject(ObjectSpec o, String path, int depth, List<ValidationError> errors) {
        if (o == null) {
            errors.add(new ValidationError(path, "null object"));
            return;
        }
        if (depth > limits.maxDepth()) {
            errors.add(new ValidationError(path, "nested " + depth + " levels deep, the limit is " + limits.maxDepth()));
            return;
        }
        if (o.name() != null && o.name().length() > MAX_NAME_LENGTH) {
            errors.add(new ValidationError(path + ".name", "longer than " + MAX_NAME_LENGTH + " characters"));
        }
        Optional<ShapeGenerator> shape = Optional.empty();
        if (o.shape() == null || o.shape().isBlank()) {
            errors.add(new ValidationError(path + ".shape", "missing; name a shape such as 'box' or 'table'"));
        } else {
            shape = catalog.find(o.shape());
            if (shape.isEmpty()) {
                errors.add(new ValidationError(path + ".shape", "unknown shape '" + o.shape() + "'" + suggestion(o.shape())));
            }
        }
        shape.ifPresent(s -> validateParams(s, o.params(), path + ".params", errors));
        validateTransform(o.transform(), path + ".transform", errors);
        if (o.material() != null) {
            validateMaterial(o.material(), path + ".material", errors);
        }
        for (Map.Entry<String, MaterialSpec> e : o.parts().entrySet()) {
            String p = path + ".parts." + e.getKey();
            if (shape.isPresent() && !shape.get().partNames().contains(e.getKey())) {
                List<String> names = shape.get().partNames();
                errors.add(new ValidationError(p, names.isEmpty() ? "a " + shape.get().name() + " has no named parts"
                        : "a " + shape.get().name() + " has no part '" + e.getKey() + "' (its parts: " + String.join(", ", names) + ")"));
            }
            if (e.getValue() == null) {
                errors.add(new ValidationError(p, "expected a material object"));
            } else {
                validateMaterial(e.getValue(), p, errors);
            }
        }
        for (int i = 0; i < o.children().size(); i++) {
            validateObject(o.children().get(i), path + ".children[" + i + "]", depth + 1, errors);
        }
    }

    private void validateParams(ShapeGenerator shape, Map<String, Object> params, String path, List<ValidationError> errors) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String p = path + "." + e.getKey();
            ParameterSpec spec = shape.parameters().stream().filter(s -> s.name().equals(e.getKey())).findFirst().orElse(null);
            if (spec == null) {
                errors.add(new ValidationError(p, "unknown parameter for " + shape.name() + " (known: "
                        + shape.parameters().stream().map(ParameterSpec::name).collect(Collectors.joining(", ")) + ")"));
                continue;
            }
            Object v = e.getValue();
            switch (spec.kind()) {
                case NUMBER, INTEGER -> {
                    if (!(v instanceof Number n)) {
                        errors.add(new ValidationError(p, "expected a number, got " + describe(v)));
                        continue;
                    }
                    double d = n.doubleValue();
                    if (!Double.isFinite(d)) {
                        errors.add(new ValidationError(p, "must be a finite number, got " + d));
                    } else if (spec.kind() == ParameterSpec.Kind.INTEGER && d != Math.rint(d)) {
                        errors.add(new ValidationError(p, "expected a whole number, got " + d));
                    } else if (d < spec.min()) {
                        errors.add(new ValidationError(p, format(d) + " is below the minimum " + format(spec.min())));
                    } else if (d > spec.max()) {
                        errors.add(new ValidationError(p, format(d) + " is above the maximum " + format(spec.max())));
                    }
                }
                case COLOR -> {
                    if (!(v instanceof String s) || !MaterialSpec.isHexColor(s)) {
                        errors.add(new ValidationError(p, "expected a colour like \"#ff8800\", got " + describe(v)));
                    }
                }
                case TEXT -> {
                    if (!(v instanceof String s)) {
                        errors.add(new ValidationError(p, "expected text, got " + describe(v)));
                    } else if (s.length() > Math.min(spec.max(), limits.maxTextLength())) {
                        errors.add(new ValidationError(p, "text of " + s.length() + " characters is longer than "
                                + (int) Math.min(spec.max(), limits.maxTextLength())));
                    }
                }
            }
        }
    }

    private void validateTransform(TransformSpec t, String path, List<ValidationError> errors) {
        checkVector(t.position(), path + ".position", limits.maxCoordinate(), "m", errors);
        checkVector(t.rotation(), path + ".rotation", MAX_ROTATION_DEGREES, "degrees", errors);
        Vec3 s = t.scale();
        double[] v = s.toArray();
        for (int i = 0; i < 3; i++) {
            String p = path + ".scale[" + i + "]";
            double a = Math.abs(v[i]);
            if (!Double.isFinite(v[i])) {
                errors.add(new ValidationError(p, "must be a finite number, got " + v[i]));
            } else if (a == 0) {
                errors.add(new ValidationError(p, "scale 0 flattens the object; use a small positive value"));
            } else if (a > limits.maxScale()) {
                errors.add(new ValidationError(p, format(v[i]) + " is above the maximum scale " + format(limits.maxScale())));
            } else if (a < 1 / limits.maxScale()) {
                errors.add(new ValidationError(p, format(v[i]) + " is below the minimum scale " + format(1 / limits.maxScale())));
            }
        }
    }

    private static void checkVector(Vec3 vec, String path, double max, String unit, List<ValidationError> errors) {
        double[] v = vec.toArray();
        for (int i = 0; i < 3; i++) {
            String p = path + "[" + i + "]";
            if (!Double.isFinite(v[i])) {
                errors.add(new ValidationError(p, "must be a finite number, got " + v[i]));
            } else if (Math.abs(v[i]) > max) {
                errors.add(new ValidationError(p, format(v[i]) + " " + unit + " is beyond the limit of " + format(max) + " " + unit));
            }
        }
    }

    private static void validateMaterial(MaterialSpec m, String path, List<ValidationError> errors) {
        if (!MaterialSpec.isHexColor(m.baseColor())) {
            errors.add(new ValidationError(path + ".baseColor", "expected a colour like \"#ff8800\", got \"" + m.baseColor() + "\""));
        }
        checkUnit(m.metalness(), path + ".metalness", errors);
        checkUnit(m.roughness(), path + ".roughness", errors);
        checkUnit(m.opacity(), path + ".opacity", errors);
    }

    private static void checkUnit(double v, String path, List<ValidationError> errors) {
        if (!Double.isFinite(v)) {
            errors.add(new ValidationError(path, "must be a finite number, got " + v));
        } else if (v < 0 || v > 1) {
            errors.add(new ValidationError(path, format(v) + " is outside 0..1"));
        }
    }

    private static int countObjects(List<ObjectSpec> objects) {
        int n = 0;
        for (ObjectSpec o : objects) {
            n++;
            if (o != null) {
                n += countObjects(o.children());
                if (n > 1_000_000) {
                    return n;
                }
            }
        }
        return n;
    }

    private String suggestion(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : catalog.names()) {
            int d = levenshtein(unknown.toLowerCase(), name);
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best != null && bestDistance <= 2 ? " (did you mean '" + best + "'?)" : " (known shapes: " + String.join(", ", catalog.names()) + ")";
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String describe(Object v) {
        return v == null ? "null" : v instanceof String s ? "\"" + s + "\"" : v.toString();
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
