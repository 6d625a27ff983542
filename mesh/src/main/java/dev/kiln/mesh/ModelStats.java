package dev.kiln.mesh;

import dev.kiln.mesh.geometry.Bounds;

/**
 * Size facts of a generated model.
 *
 * @param triangles triangles over all parts
 * @param vertices  vertices over all parts
 * @param objects   scene objects (nodes), children included
 * @param bounds    world-space bounds in metres
 */
public record ModelStats(long triangles, long vertices, int objects, Bounds bounds) {
}
