package dev.kiln.mesh.generators;

import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.spec.MaterialSpec;

/**
 * One named piece of a generated model, in the model's own frame.
 *
 * @param name     part name ("leg 1", "roof"), exported as a node name
 * @param mesh     geometry in metres
 * @param material the part's own material (a snowman's carrot nose), or null to take the object's material
 */
public record Part(String name, TriangleMesh mesh, MaterialSpec material) {
}
