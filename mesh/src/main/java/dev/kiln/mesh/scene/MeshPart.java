package dev.kiln.mesh.scene;

import dev.kiln.mesh.geometry.TriangleMesh;
import dev.kiln.mesh.spec.MaterialSpec;

/**
 * A mesh with the material it is drawn with, in its node's frame.
 *
 * @param name     part name, exported as a node or group name
 * @param mesh     geometry
 * @param material resolved material (never null)
 */
public record MeshPart(String name, TriangleMesh mesh, MaterialSpec material) {
}
