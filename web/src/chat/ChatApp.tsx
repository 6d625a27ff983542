import { useEffect } from 'react';
import { useAuthStore } from '../account/authStore';
import { navigate, useRoute } from '../app/router';
import { isTypingTarget } from '../app/shortcuts';
import { useUiStore } from '../app/uiStore';
import { AppHeader } from './AppHeader';
import { useChatStore } from './chatStore';
import { openConversation, startChat } from './chatService';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { Dialogs } from './Dialogs';
import { ThreadPanel } from './ThreadPanel';
import { ConnectionBanner } from './ConnectionBanner';
import { Announcer } from './Announcer';
import { AiDialogs } from '../ai/AiDialogs';

export default function ChatApp() {
  const me = useAuthStore((s) => s.user!);
  const { conversationId } = useRoute();
  const openThreadId = useChatStore((s) => s.openThreadId);

  useEffect(() => startChat(me.id), [me.id]);

  useEffect(() => {
    if (conversationId) void openConversation(conversationId);
    else useChatStore.getState().setActive(null);
  }, [conversationId]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const ui = useUiStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      if (mod && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault();
        ui.open('switcher');
      } else if (mod && e.key === '/') {
        e.preventDefault();
        ui.open('help');
      } else if (e.key === '?' && !mod && !isTypingTarget(e.target) && !ui.dialog) {
        e.preventDefault();
        ui.open('help');
      } else if (e.key === 'Escape' && !ui.dialog && !e.defaultPrevented) {
        const chat = useChatStore.getState();
        if (chat.openThreadId) {
          chat.setOpenThread(null);
          document.querySelector<HTMLElement>('[aria-label="Message"]')?.focus();
        }
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const inConversation = !!conversationId;
  return (
    <div className="flex h-full flex-col">
      <AppHeader />
      <ConnectionBanner />
      <div className="flex min-h-0 flex-1">
        <nav
          aria-label="Conversations"
          className={`${inConversation ? 'hidden md:flex' : 'flex'} w-full shrink-0 flex-col border-r border-line bg-surface md:w-72 lg:w-80`}
        >
          <ConversationList />
        </nav>
        <main className={`${inConversation ? 'flex' : 'hidden md:flex'} min-w-0 flex-1 flex-col bg-bg`} id="main">
          {conversationId ? <ConversationView conversationId={conversationId} onBack={() => navigate(null)} /> : <EmptyState />}
        </main>
        {openThreadId && conversationId && <ThreadPanel rootId={openThreadId} />}
      </div>
      <Dialogs />
      <AiDialogs />
      <Announcer />
    </div>
  );
}

function EmptyState() {
  const open = useUiStore((s) => s.open);
  return (
    <div className="m-auto max-w-sm px-6 text-center">
      <h1 className="text-xl font-semibold">Pick a conversation</h1>
      <p className="mt-2 text-sm text-muted">
        Choose one on the left, press{' '}
        <kbd className="rounded border border-line bg-surface px-1.5 py-0.5 text-xs font-medium">Ctrl K</kbd> to jump to one, or{' '}
        <button
          type="button"
          className="font-medium text-accent-text underline underline-offset-2"
          onClick={() => open('newRoom')}
        >
          create a room
        </button>
        .
      </p>
    </div>
  );
}
