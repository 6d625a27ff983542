import { useUiStore } from '../app/uiStore';
import { PresenceDot } from '../shared/ui/Avatar';
import { IconButton } from '../shared/ui/Button';
import { BackIcon, HashIcon, LockIcon, SettingsIcon, UserPlusIcon } from '../shared/ui/icons';
import { Composer } from './Composer';
import { conversationTitle, dmPeer, useChatStore } from './chatStore';
import { MessageList } from './MessageList';
import { TypingIndicator } from './TypingIndicator';
import { GenerationCards } from '../model3d/GenerationCards';
import { EditorHost } from '../model3d/EditorHost';
import { AiNotices } from '../ai/AiNotices';
import { AiSettingsButton } from '../ai/AiSettingsButton';

export function ConversationView({ conversationId, onBack }: { conversationId: string; onBack: () => void }) {
  const c = useChatStore((s) => s.conversations[conversationId]);
  const me = useChatStore((s) => s.me);
  const error = useChatStore((s) => {
    const t = s.timelines[conversationId];
    return t && t.loaded && t.ids.length === 0 && t.error ? t.error : null;
  });
  const peer = dmPeer(c, me);
  const online = useChatStore((s) => (peer ? !!s.online[peer.userId] : false));
  const open = useUiStore((s) => s.open);
  const title = c ? conversationTitle(c, me) : '';
  const canManage = c?.type === 'group' && (c.myRole === 'owner' || c.myRole === 'admin');

  return (
    <>
      <div className="flex h-14 shrink-0 items-center gap-2 border-b border-line bg-surface px-2 sm:px-4">
        <IconButton label="Back to conversations" onClick={onBack} className="md:hidden">
          <BackIcon />
        </IconButton>
        {c?.type === 'group' && (
          <span className="text-muted" aria-hidden="true">
            {c.visibility === 'private' ? <LockIcon /> : <HashIcon />}
          </span>
        )}
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base font-semibold" data-testid="conversation-title">
            {title || 'Conversation'}
          </h1>
          <p className="flex items-center gap-1.5 truncate text-xs text-muted">
            {peer ? (
              <>
                <PresenceDot online={online} className="border-0" />
                {online ? 'Online' : 'Offline'}
              </>
            ) : c ? (
              `${c.memberCount} ${c.memberCount === 1 ? 'member' : 'members'} · ${c.visibility === 'public' ? 'Public room' : 'Private room'}`
            ) : null}
          </p>
        </div>
        <AiSettingsButton conversationId={conversationId} />
        {canManage && (
          <>
            <IconButton label="Add members" onClick={() => open('addMembers')}>
              <UserPlusIcon />
            </IconButton>
            <IconButton label="Room settings" onClick={() => open('roomSettings')}>
              <SettingsIcon />
            </IconButton>
          </>
        )}
      </div>
      {error ? (
        <div className="m-auto max-w-sm px-6 text-center" role="alert">
          <p className="font-medium">{error}</p>
          <button type="button" className="mt-2 text-sm font-medium text-accent-text underline" onClick={onBack}>
            Back to conversations
          </button>
        </div>
      ) : (
        <>
          <MessageList conversationId={conversationId} />
          <GenerationCards conversationId={conversationId} />
          <AiNotices conversationId={conversationId} />
          <TypingIndicator conversationId={conversationId} />
          <Composer conversationId={conversationId} />
          <EditorHost />
        </>
      )}
    </>
  );
}
