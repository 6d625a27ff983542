import { useEffect, useState } from 'react';
import { useChatStore } from './chatStore';

/**
 * Screen-reader announcements for new messages from others in the open conversation. The virtualized list itself
 * is not a live region: its DOM churns while scrolling and would be read out again and again.
 */
export function Announcer() {
  const [text, setText] = useState('');
  useEffect(() => {
    let lastSeen: string | undefined;
    return useChatStore.subscribe((s) => {
      const id = s.activeId;
      if (!id) return;
      const t = s.timelines[id];
      const last = t?.ids[t.ids.length - 1];
      if (!last || last === lastSeen) return;
      const first = lastSeen === undefined;
      lastSeen = last;
      if (first) return;
      const m = s.messages[last];
      if (m && m.userId !== s.me && !m.deletedAt) setText(`${m.username}: ${m.message || 'sent an attachment'}`);
    });
  }, []);
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
      {text}
    </div>
  );
}
