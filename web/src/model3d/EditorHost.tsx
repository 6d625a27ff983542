import { Suspense, lazy } from 'react';
import { useEditorUi } from './store';

const ModelEditor = lazy(() => import('./editor/ModelEditor'));

/** Mounts the (lazy) editor for the model being edited, outside the virtualized message list. */
export function EditorHost() {
  const id = useEditorUi((s) => s.editing);
  const close = useEditorUi((s) => s.close);
  if (!id) return null;
  return (
    <Suspense fallback={null}>
      <ModelEditor key={id} modelId={id} onClose={close} />
    </Suspense>
  );
}
