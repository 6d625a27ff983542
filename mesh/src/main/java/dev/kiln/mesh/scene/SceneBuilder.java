package dev.kiln.mesh.scene;

import dev.kiln.mesh.Complexity;
import dev.kiln.mesh.generators.Model;
import dev.kiln.mesh.generators.Part;
import dev.kiln.mesh.generators.PartNames;
import dev.kiln.mesh.generators.ShapeCatalog;
import dev.kiln.mesh.generators.ShapeGenerator;
import dev.kiln.mesh.process.MeshCleanup;
import dev.kiln.mesh.spec.MaterialSpec;
import dev.kiln.mesh.spec.ObjectSpec;
import dev.kiln.mesh.spec.SceneLimits;
import dev.kiln.mesh.spec.SceneSpec;
import dev.kiln.mesh.spec.SceneSpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Turns a validated {@link SceneSpec} into a {@link Scene}: generates each object's parts, cleans them
 * and resolves materials, counting triangles against the cap as it goes.
 */
public final class SceneBuilder {

    private final ShapeCatalog catalog;
    private final SceneLimits limits;

    public SceneBuilder(ShapeCatalog catalog, SceneLimits limits) {
        this.catalog = catalog;
        this.limits = limits;
    }

    public SceneBuilder() {
        this(ShapeCatalog.standard(), SceneLimits.DEFAULT);
    }

    /** Validates and builds; {@code progress} receives 0..100 as objects complete (may be null). */
    public Scene build(SceneSpec spec, Complexity complexity, IntConsumer progress) {
        new SceneSpecValidator(catalog, limits).requireValid(spec);
        int total = countObjects(spec.objects());
        long[] triangles = {0};
        int[] done = {0};
        List<SceneNode> roots = new ArrayList<>();
        for (ObjectSpec o : spec.objects()) {
            roots.add(buildNode(o, complexity, triangles, done, total, progress));
        }
        return new Scene(roots);
    }

    public Scene build(SceneSpec spec, Complexity complexity) {
        return build(spec, complexity, null);
    }

    private SceneNode buildNode(ObjectSpec o, Complexity complexity, long[] triangles, int[] done, int total, IntConsumer progress) {
        ShapeGenerator shape = catalog.find(o.shape()).orElseThrow();
        Model model = shape.generate(o.params(), complexity);
        triangles[0] += model.triangleCount();
        if (triangles[0] > limits.maxTriangles()) {
            throw new SceneTooLargeException("the scene needs more than " + limits.maxTriangles()
                    + " triangles (the limit); use lower complexity, fewer objects or fewer segments");
        }
        MaterialSpec material = o.material() != null ? o.material() : shape.defaultMaterial();
        List<MeshPart> parts = new ArrayList<>();
        for (Part p : model.parts()) {
            MaterialSpec own = p.material() != null ? p.material() : material;
            parts.add(new MeshPart(p.name(), MeshCleanup.clean(p.mesh()), partMaterial(o, p.name(), own)));
        }
        done[0]++;
        if (progress != null) {
            progress.accept(done[0] * 100 / Math.max(1, total));
        }
        List<SceneNode> children = new ArrayList<>();
        for (ObjectSpec c : o.children()) {
            children.add(buildNode(c, complexity, triangles, done, total, progress));
        }
        String name = o.name() == null || o.name().isBlank() ? shape.name() : o.name();
        return new SceneNode(name, shape.name(), o.transform(), parts, children);
    }

    /** The spec's material for this part ("roof" for the part "roof", "wheel" for "wheel 3"), else its own. */
    private static MaterialSpec partMaterial(ObjectSpec o, String partName, MaterialSpec own) {
        for (Map.Entry<String, MaterialSpec> e : o.parts().entrySet()) {
            if (PartNames.matches(partName, e.getKey())) return e.getValue();
        }
        return own;
    }

    private static int countObjects(List<ObjectSpec> objects) {
        int n = 0;
        for (ObjectSpec o : objects) {
            n += 1 + countObjects(o.children());
        }
        return n;
    }
}
