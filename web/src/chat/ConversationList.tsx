import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useUiStore } from '../app/uiStore';
import { formatShort } from '../shared/format';
import { Avatar, Spinner } from '../shared/ui/Avatar';
import { IconButton } from '../shared/ui/Button';
import { CompassIcon, HashIcon, LockIcon, MessageIcon, PlusIcon } from '../shared/ui/icons';
import type { Conversation } from '../shared/types';
import { conversationTitle, dmPeer, selectConversationList, useChatStore } from './chatStore';

export function ConversationList() {
  const conversations = useChatStore(useShallow((s) => s.conversations));
  const loaded = useChatStore((s) => s.conversationsLoaded);
  const list = useMemo(() => selectConversationList({ conversations }), [conversations]);
  const open = useUiStore((s) => s.open);
  const rooms = list.filter((c) => c.type === 'group');
  const dms = list.filter((c) => c.type === 'direct');

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-1 px-3 pt-3 pb-2">
        <h2 className="mr-auto px-1 text-sm font-semibold tracking-wide text-muted uppercase">Chats</h2>
        <IconButton label="Browse rooms" onClick={() => open('browse')}>
          <CompassIcon />
        </IconButton>
        <IconButton label="New direct chat" onClick={() => open('newDm')}>
          <MessageIcon />
        </IconButton>
        <IconButton
          label="New room"
          onClick={() => open('newRoom')}
          className="bg-accent text-accent-fg hover:bg-accent-hover hover:text-accent-fg"
        >
          <PlusIcon />
        </IconButton>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {!loaded ? (
          <div className="p-4">
            <Spinner label="Loading conversations" />
          </div>
        ) : list.length === 0 ? (
          <p className="px-3 py-6 text-sm text-muted">
            No conversations yet. Create a room, browse public rooms, or start a direct message.
          </p>
        ) : (
          <>
            <Section title="Rooms" items={rooms} />
            <Section title="Direct messages" items={dms} />
          </>
        )}
      </div>
    </div>
  );
}

function Section({ title, items }: { title: string; items: Conversation[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={title} className="mt-2">
      <h3 className="px-3 pt-2 pb-1 text-xs font-semibold text-muted">{title}</h3>
      <ul className="space-y-0.5">
        {items.map((c) => (
          <li key={c.conversationId}>
            <ConversationItem c={c} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ConversationItem({ c }: { c: Conversation }) {
  const me = useChatStore((s) => s.me);
  const active = useChatStore((s) => s.activeId === c.conversationId);
  const peer = dmPeer(c, me);
  const online = useChatStore((s) => (peer ? !!s.online[peer.userId] : false));
  const title = conversationTitle(c, me);
  const last = c.lastMessage;
  const preview = last
    ? last.deletedAt
      ? 'Message deleted'
      : `${last.userId === me ? 'You: ' : c.type === 'direct' ? '' : `${last.username}: `}${last.message || (last.attachments.length ? '📎 Attachment' : '')}`
    : 'No messages yet';
  const unread = c.unreadCount > 0 && !active;
  return (
    <a
      href={`#/c/${encodeURIComponent(c.conversationId)}`}
      aria-current={active ? 'page' : undefined}
      data-testid="conversation-item"
      data-conversation-id={c.conversationId}
      className={`flex items-center gap-3 rounded-lg px-2.5 py-2 ${active ? 'bg-accent-soft' : 'hover:bg-surface-2'}`}
    >
      {c.type === 'direct' ? (
        <Avatar name={title} size={36} online={online} />
      ) : (
        <span
          className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-surface-2 text-muted"
          aria-hidden="true"
        >
          {c.visibility === 'private' ? <LockIcon /> : <HashIcon />}
        </span>
      )}
      <span className="min-w-0 flex-1">
        <span className="flex items-baseline gap-2">
          <span className={`truncate text-sm ${unread ? 'font-bold' : 'font-medium'}`}>{title}</span>
          {peer && <span className="sr-only">{online ? '(online)' : '(offline)'}</span>}
          {last && <span className="ml-auto shrink-0 text-xs text-muted">{formatShort(last.createdAt)}</span>}
        </span>
        <span className="flex items-center gap-2">
          <span className={`truncate text-sm ${unread ? 'text-fg' : 'text-muted'}`}>{preview}</span>
          {unread && (
            <span
              className="ml-auto inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-accent px-1.5 text-xs font-bold text-accent-fg"
              data-testid="unread-count"
            >
              {c.unreadCount > 99 ? '99+' : c.unreadCount}
              <span className="sr-only"> unread</span>
            </span>
          )}
        </span>
      </span>
    </a>
  );
}
