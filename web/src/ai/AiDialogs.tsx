import { Suspense, lazy, useEffect, useState } from 'react';
import { useAiStore } from './store';
import { TranslateDialog } from './TranslateDialog';

// Owners and admins only, and rarely: loaded on first use.
const SettingsDialog = lazy(() => import('./SettingsDialog'));

/** The assistant's dialogs (one instance for the app; opened through the assistant store). */
export function AiDialogs() {
  const settingsFor = useAiStore((s) => s.settingsFor);
  const [settingsUsed, setSettingsUsed] = useState(false);
  useEffect(() => {
    if (settingsFor) setSettingsUsed(true);
  }, [settingsFor]);
  return (
    <>
      <TranslateDialog />
      {(settingsUsed || settingsFor) && (
        <Suspense fallback={null}>
          <SettingsDialog />
        </Suspense>
      )}
    </>
  );
}
