package dev.kiln.mesh;

import dev.kiln.mesh.scene.Scene;
import dev.kiln.mesh.spec.SceneSpec;
import dev.kiln.mesh.text.Interpretation;

/**
 * Everything one generation produced.
 *
 * @param spec           the scene spec that was built (edit it and call {@link Mesh3dEngine#generate(SceneSpec, Options, ProgressListener)});
 *                       null for a model imported with {@link Mesh3dEngine#importGlb(byte[])}
 * @param interpretation how the description was read, or null when generated from a spec
 * @param scene          the built meshes, ready for export
 * @param stats          triangle/vertex/object counts and bounds
 */
public record GeneratedModel(SceneSpec spec, Interpretation interpretation, Scene scene, ModelStats stats) {
}
