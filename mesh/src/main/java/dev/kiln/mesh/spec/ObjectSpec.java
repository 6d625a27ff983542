package dev.kiln.mesh.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One object in a scene: a named shape (primitive or template) with its parameters, placement,
 * material and child objects (placed relative to this one).
 *
 * @param name      display name, also the glTF node name
 * @param shape     primitive or template name from the shape catalog, e.g. "box", "table"
 * @param params    shape parameters by name (numbers, or strings for text parameters); missing ones take defaults
 * @param transform placement relative to the parent; defaults to identity
 * @param material  PBR material, or null for the shape's default (wood for a table); template parts may keep accent materials
 * @param children  objects attached to this one
 * @param parts     materials for named parts of a template, e.g. {@code {"roof": {"baseColor": "#ff0000"}}}: every part
 *                  whose name contains that word ("roof", "wheel" for "wheel 1".."wheel 4") takes it; the keys a shape
 *                  accepts are its {@link dev.kiln.mesh.generators.ShapeGenerator#partNames()}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ObjectSpec(String name, String shape, Map<String, Object> params, TransformSpec transform,
        MaterialSpec material, List<ObjectSpec> children, Map<String, MaterialSpec> parts) {

    public ObjectSpec {
        params = params == null ? Map.of() : params;
        transform = transform == null ? TransformSpec.IDENTITY : transform;
        children = children == null ? List.of() : children;
        parts = parts == null ? Map.of() : parts;
    }

    /** An object without part materials. */
    public ObjectSpec(String name, String shape, Map<String, Object> params, TransformSpec transform, MaterialSpec material,
            List<ObjectSpec> children) {
        this(name, shape, params, transform, material, children, null);
    }

    public static ObjectSpec of(String name, String shape) {
        return new ObjectSpec(name, shape, Map.of(), TransformSpec.IDENTITY, null, List.of());
    }

    public ObjectSpec withParams(Map<String, Object> p) {
        return new ObjectSpec(name, shape, p, transform, material, children, parts);
    }

    public ObjectSpec withTransform(TransformSpec t) {
        return new ObjectSpec(name, shape, params, t, material, children, parts);
    }

    public ObjectSpec withMaterial(MaterialSpec m) {
        return new ObjectSpec(name, shape, params, transform, m, children, parts);
    }

    public ObjectSpec withChildren(List<ObjectSpec> c) {
        return new ObjectSpec(name, shape, params, transform, material, c, parts);
    }

    public ObjectSpec withParts(Map<String, MaterialSpec> p) {
        return new ObjectSpec(name, shape, params, transform, material, children, p);
    }

    public ObjectSpec withName(String n) {
        return new ObjectSpec(n, shape, params, transform, material, children, parts);
    }
}
