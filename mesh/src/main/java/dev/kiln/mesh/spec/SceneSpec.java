package dev.kiln.mesh.spec;

import java.util.List;

/**
 * A scene description: the document users edit and the interpreter produces. Schema:
 * {@code kiln-scene.schema.json} (version 1). Units are metres, +Y is up, every shape stands on y = 0
 * of its own frame.
 *
 * @param version schema version, currently {@value #CURRENT_VERSION}
 * @param objects top-level objects
 */
public record SceneSpec(int version, List<ObjectSpec> objects) {

    public static final int CURRENT_VERSION = 1;

    public SceneSpec {
        objects = objects == null ? List.of() : objects;
    }

    public static SceneSpec of(List<ObjectSpec> objects) {
        return new SceneSpec(CURRENT_VERSION, objects);
    }
}
