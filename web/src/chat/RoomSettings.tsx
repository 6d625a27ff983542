import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../shared/errors';
import { ApiError } from '../shared/api';
import { Avatar } from '../shared/ui/Avatar';
import { Button } from '../shared/ui/Button';
import { Field, textInputClass } from '../shared/ui/Field';
import type { Participant } from '../shared/types';
import { removeMember, renameRoom } from './chatService';
import { mayRemove, useChatStore } from './chatStore';

/** The open room's settings for its owner and admins: rename it, remove members. */
export function RoomSettings({ onDone }: { onDone: () => void }) {
  const activeId = useChatStore((s) => s.activeId);
  if (!activeId) return null;
  return (
    <div className="space-y-5">
      <RenameForm conversationId={activeId} onDone={onDone} />
      <MemberList conversationId={activeId} />
    </div>
  );
}

function RenameForm({ conversationId, onDone }: { conversationId: string; onDone: () => void }) {
  const current = useChatStore((s) => s.conversations[conversationId]?.name ?? '');
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = name.trim();
    if (!next) return setError('Give the room a name.');
    if (next === current) return onDone();
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await renameRoom(conversationId, next);
      setStatus('Saved.');
    } catch (err) {
      setError((err instanceof ApiError && err.fieldError('name')) || describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Field label="Room name" error={error}>
        {(control) => (
          <div className="flex gap-2">
            <input
              {...control}
              autoFocus
              value={name}
              maxLength={100}
              onChange={(e) => {
                setName(e.target.value);
                setStatus('');
              }}
              className={textInputClass({ invalid: !!error })}
            />
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Rename'}
            </Button>
          </div>
        )}
      </Field>
      {/* Same height as the error line, so the dialog does not jump when one replaces the other. */}
      {!error && (
        <p className="mt-1.5 min-h-5 text-sm text-muted" aria-live="polite" data-testid="room-settings-status">
          {status}
        </p>
      )}
    </form>
  );
}

function MemberList({ conversationId }: { conversationId: string }) {
  const c = useChatStore((s) => s.conversations[conversationId]);
  const me = useChatStore((s) => s.me);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const people = c?.participants ?? [];

  async function remove(p: Participant) {
    setError(null);
    try {
      await removeMember(conversationId, p.userId);
      setConfirming(null);
    } catch (e) {
      setError(`Could not remove ${p.username}. ${describeError(e)}`);
    }
  }

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="mb-1.5 text-sm font-medium">
        Members ({c?.memberCount ?? people.length})
      </h3>
      {error && (
        <p className="mb-2 text-sm text-danger" role="alert">
          {error}
        </p>
      )}
      <ul className="max-h-72 divide-y divide-line overflow-y-auto" aria-labelledby={headingId}>
        {people.map((p) => (
          <li key={p.userId} className="py-2" data-testid="room-member">
            <div className="flex items-center gap-2.5">
              <Avatar name={p.username} size={28} />
              <span className="min-w-0 flex-1 truncate text-sm">
                <span className="font-medium">{p.username}</span>
                {p.userId === me && <span className="text-muted"> (you)</span>}
                {p.role !== 'member' && (
                  <span className="ml-1.5 text-xs text-muted">{p.role === 'owner' ? 'Owner' : 'Admin'}</span>
                )}
              </span>
              {mayRemove(c, me, p) && confirming !== p.userId && (
                <Button
                  className="px-2.5 py-1 text-xs"
                  aria-label={`Remove ${p.username}`}
                  onClick={() => setConfirming(p.userId)}
                >
                  Remove
                </Button>
              )}
            </div>
            {confirming === p.userId && (
              <div
                className="mt-1.5 flex flex-wrap items-center gap-2 text-sm"
                role="group"
                aria-label={`Confirm removing ${p.username}`}
              >
                <span className="flex-1">Remove {p.username} from this room?</span>
                <Button variant="danger" className="px-2.5 py-1" onClick={() => void remove(p)}>
                  Remove
                </Button>
                <Button className="px-2.5 py-1" onClick={() => setConfirming(null)} autoFocus>
                  Cancel
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
