import { useChatStore } from '../chat/chatStore';
import { IconButton } from '../shared/ui/Button';
import { SlidersIcon } from './icons';
import { useAiStore } from './store';

/** Opens the room's assistant settings; shown to the owner and admins of group rooms. */
export function AiSettingsButton({ conversationId }: { conversationId: string }) {
  const canManage = useChatStore((s) => {
    const c = s.conversations[conversationId];
    return c?.type === 'group' && (c.myRole === 'owner' || c.myRole === 'admin');
  });
  if (!canManage) return null;
  return (
    <IconButton
      label="Assistant settings"
      data-testid="ai-settings-open"
      onClick={() => useAiStore.getState().openSettings(conversationId)}
    >
      <SlidersIcon />
    </IconButton>
  );
}
