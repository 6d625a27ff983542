package dev.kiln.mesh.spec;

/**
 * Hard caps that keep one request from eating the server: checked by {@link SceneSpecValidator}
 * (structure) and by the scene builder (triangles actually produced).
 *
 * @param maxObjects      objects in the whole tree, children included
 * @param maxTriangles    triangles in the built scene
 * @param maxDepth        nesting depth of children
 * @param maxCoordinate   largest absolute position value (m)
 * @param maxScale        largest absolute scale factor (and 1 / smallest)
 * @param maxTextLength   longest text parameter (characters)
 */
public record SceneLimits(int maxObjects, long maxTriangles, int maxDepth, double maxCoordinate, double maxScale, int maxTextLength) {

    public static final SceneLimits DEFAULT = new SceneLimits(500, 2_000_000, 8, 10_000, 1_000, 200);

    public SceneLimits {
        if (maxObjects < 1 || maxTriangles < 1 || maxDepth < 1 || !(maxCoordinate > 0) || !(maxScale >= 1) || maxTextLength < 1) {
            throw new IllegalArgumentException("scene limits must be positive");
        }
    }
}
