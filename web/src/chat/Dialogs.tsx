import { useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { navigate } from '../app/router';
import { SHORTCUTS } from '../app/shortcuts';
import { useUiStore } from '../app/uiStore';
import { describeError } from '../shared/errors';
import { Avatar, Spinner } from '../shared/ui/Avatar';
import { Button } from '../shared/ui/Button';
import { Dialog } from '../shared/ui/Dialog';
import { Field, TextField, textInputClass } from '../shared/ui/Field';
import { CloseIcon, HashIcon, LockIcon } from '../shared/ui/icons';
import type { PublicRoom, User } from '../shared/types';
import { addMembers, createRoom, joinRoom, listPublicRooms, searchUsers, startDirect } from './chatService';
import { conversationTitle, selectConversationList, useChatStore } from './chatStore';
import { RoomSettings } from './RoomSettings';
import { SearchPanel } from './SearchPanel';
import { useSearch } from './useSearch';

export function Dialogs() {
  const dialog = useUiStore((s) => s.dialog);
  const close = useUiStore((s) => s.close);
  return (
    <>
      <Dialog open={dialog === 'help'} onClose={close} title="Keyboard shortcuts" testId="help-dialog">
        <HelpContent />
      </Dialog>
      <Dialog open={dialog === 'switcher'} onClose={close} title="Jump to a conversation" testId="quick-switcher">
        <QuickSwitcher onDone={close} />
      </Dialog>
      <Dialog open={dialog === 'newRoom'} onClose={close} title="New room" description="Rooms are for groups and topics.">
        <NewRoomForm onDone={close} />
      </Dialog>
      <Dialog
        open={dialog === 'newDm'}
        onClose={close}
        title="New direct chat"
        description="A private conversation with one person."
      >
        <NewDmForm onDone={close} />
      </Dialog>
      <Dialog open={dialog === 'browse'} onClose={close} title="Browse public rooms" wide>
        <BrowseRooms onDone={close} />
      </Dialog>
      <Dialog open={dialog === 'search'} onClose={close} title="Search messages" wide testId="search-dialog">
        <SearchPanel onDone={close} />
      </Dialog>
      <Dialog open={dialog === 'addMembers'} onClose={close} title="Add members">
        <AddMembersForm onDone={close} />
      </Dialog>
      <Dialog open={dialog === 'roomSettings'} onClose={close} title="Room settings" testId="room-settings">
        <RoomSettings onDone={close} />
      </Dialog>
    </>
  );
}

function HelpContent() {
  return (
    <dl className="divide-y divide-line">
      {SHORTCUTS.map((s) => (
        <div key={s.what} className="flex items-center justify-between gap-4 py-2.5">
          <dt className="text-sm">{s.what}</dt>
          <dd className="flex shrink-0 gap-1">
            {s.keys.map((k) => (
              <kbd key={k} className="rounded-md border border-line bg-surface-2 px-2 py-0.5 text-xs font-semibold">
                {k}
              </kbd>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function QuickSwitcher({ onDone }: { onDone: () => void }) {
  const [q, setQ] = useState('');
  const [sel, setSel] = useState(0);
  const conversations = useChatStore((s) => s.conversations);
  const me = useChatStore((s) => s.me);
  const listId = useId();
  const results = useMemo(() => {
    const all = selectConversationList({ conversations }).map((c) => ({ c, title: conversationTitle(c, me) }));
    const needle = q.trim().toLowerCase();
    if (!needle) return all.slice(0, 12);
    return all
      .filter((x) => x.title.toLowerCase().includes(needle))
      .sort((a, b) => Number(!a.title.toLowerCase().startsWith(needle)) - Number(!b.title.toLowerCase().startsWith(needle)))
      .slice(0, 12);
  }, [conversations, me, q]);
  useEffect(() => setSel(0), [q]);

  const choose = (id: string) => {
    onDone();
    navigate(id);
  };
  function onKey(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setSel((s) => Math.min(results.length - 1, s + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSel((s) => Math.max(0, s - 1));
    } else if (e.key === 'Enter' && results[sel]) {
      e.preventDefault();
      choose(results[sel].c.conversationId);
    }
  }
  const activeId = results[sel] ? `${listId}-${sel}` : undefined;
  return (
    <div>
      <input
        autoFocus
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-autocomplete="list"
        aria-label="Conversation name"
        placeholder="Type a room or person…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKey}
        className={textInputClass()}
      />
      <ul id={listId} role="listbox" aria-label="Conversations" className="mt-3 space-y-0.5">
        {results.length === 0 && <li className="px-2 py-3 text-sm text-muted">No conversation matches “{q}”.</li>}
        {results.map((r, i) => (
          <li
            key={r.c.conversationId}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === sel}
            onMouseEnter={() => setSel(i)}
            onClick={() => choose(r.c.conversationId)}
            className={`flex cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm ${i === sel ? 'bg-accent-soft' : ''}`}
          >
            {r.c.type === 'direct' ? (
              <Avatar name={r.title} size={24} />
            ) : (
              <span className="text-muted">{r.c.visibility === 'private' ? <LockIcon /> : <HashIcon />}</span>
            )}
            <span className="flex-1 truncate font-medium">{r.title}</span>
            {r.c.unreadCount > 0 && <span className="text-xs text-muted">{r.c.unreadCount} unread</span>}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-xs text-muted">↑ ↓ to choose · Enter to open · Esc to close</p>
    </div>
  );
}

/** Search people by username prefix and pick one or more. */
function UserPicker({
  selected,
  onChange,
  single = false,
  label = 'Add people',
}: {
  selected: User[];
  onChange: (u: User[]) => void;
  single?: boolean;
  label?: string;
}) {
  const [q, setQ] = useState('');
  const me = useChatStore((s) => s.me);
  const { items, loading, error } = useSearch(q, searchUsers);
  const visible = items.filter((u) => u.id !== me && !selected.some((s) => s.id === u.id));
  return (
    <div>
      <Field label={label}>
        {(control) => (
          <>
            {selected.length > 0 && !single && (
              <ul className="mb-2 flex flex-wrap gap-1.5" aria-label="Selected people">
                {selected.map((u) => (
                  <li
                    key={u.id}
                    className="flex items-center gap-1 rounded-full bg-accent-soft py-0.5 pr-1 pl-2.5 text-sm text-accent-text"
                  >
                    {u.username}
                    <button
                      type="button"
                      aria-label={`Remove ${u.username}`}
                      className="inline-flex h-5 w-5 items-center justify-center rounded-full hover:bg-surface"
                      onClick={() => onChange(selected.filter((s) => s.id !== u.id))}
                    >
                      <CloseIcon width={12} height={12} />
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <input
              {...control}
              type="text"
              autoComplete="off"
              placeholder="Start typing a username…"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              className={textInputClass()}
            />
          </>
        )}
      </Field>
      <div className="mt-2 min-h-10" aria-live="polite">
        {loading && <Spinner label="Searching people" />}
        {error && <p className="text-sm text-danger">{error}</p>}
        {!loading && !error && q.trim() && visible.length === 0 && (
          <p className="text-sm text-muted">Nobody found for “{q.trim()}”.</p>
        )}
        {visible.length > 0 && (
          <ul className="space-y-0.5" aria-label="People found">
            {visible.map((u) => (
              <li key={u.id}>
                <button
                  type="button"
                  className="flex w-full items-center gap-2.5 rounded-lg px-2 py-1.5 text-left text-sm hover:bg-surface-2"
                  onClick={() => {
                    onChange(single ? [u] : [...selected, u]);
                    setQ('');
                  }}
                  data-testid="user-result"
                >
                  <Avatar name={u.username} size={24} />
                  <span className="font-medium">{u.username}</span>
                  <span className="sr-only">{single ? ', start chat' : ', add'}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function NewRoomForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<'private' | 'public'>('private');
  const [members, setMembers] = useState<User[]>([]);
  const [error, setError] = useState<{ name?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError({ name: 'Give the room a name.' });
    setBusy(true);
    setError({});
    try {
      const c = await createRoom({ name: name.trim(), visibility, participantIds: members.map((m) => m.id) });
      onDone();
      navigate(c.conversationId);
    } catch (err) {
      const fe = (err as { fieldError?: (f: string) => string | undefined }).fieldError?.('name');
      setError(fe ? { name: fe } : { form: describeError(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <TextField
        label="Room name"
        error={error.name}
        autoFocus
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        placeholder="e.g. design-review"
      />
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">Who can join</legend>
        <div className="grid grid-cols-2 gap-2">
          {(['private', 'public'] as const).map((v) => (
            <label
              key={v}
              className={`flex cursor-pointer items-start gap-2 rounded-lg border p-2.5 text-sm ${
                visibility === v ? 'border-accent bg-accent-soft' : 'border-line'
              }`}
            >
              <input
                type="radio"
                name="visibility"
                value={v}
                checked={visibility === v}
                onChange={() => setVisibility(v)}
                className="mt-0.5 accent-[var(--accent)]"
              />
              <span>
                <span className="block font-medium">{v === 'private' ? 'Private' : 'Public'}</span>
                <span className="block text-xs text-muted">
                  {v === 'private' ? 'Only people you add' : 'Anyone can find and join'}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <UserPicker selected={members} onChange={setMembers} label="Add members" />
      {error.form && (
        <p className="text-sm text-danger" role="alert">
          {error.form}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create room'}
        </Button>
      </div>
    </form>
  );
}

function NewDmForm({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<User[]>([]);
  useEffect(() => {
    if (!picked[0]) return;
    startDirect(picked[0].id).then(
      (c) => {
        onDone();
        navigate(c.conversationId);
      },
      (e) => {
        setError(describeError(e));
        setPicked([]);
      },
    );
  }, [picked, onDone]);
  return (
    <div>
      <UserPicker selected={picked} onChange={setPicked} single label="Find a person" />
      {picked[0] && <Spinner label={`Opening chat with ${picked[0].username}`} />}
      {error && (
        <p className="mt-2 text-sm text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function BrowseRooms({ onDone }: { onDone: () => void }) {
  const [q, setQ] = useState('');
  const [rooms, setRooms] = useState<PublicRoom[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [joining, setJoining] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      listPublicRooms(q.trim(), ctrl.signal).then(
        (r) => {
          setRooms(r);
          setError(null);
        },
        (e) => !ctrl.signal.aborted && setError(describeError(e)),
      );
    }, 200);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [q]);

  async function join(r: PublicRoom) {
    if (r.joined) {
      onDone();
      return navigate(r.conversationId);
    }
    setJoining(r.conversationId);
    try {
      await joinRoom(r.conversationId);
      onDone();
      navigate(r.conversationId);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setJoining(null);
    }
  }

  return (
    <div>
      <TextField label="Filter rooms" autoFocus value={q} onChange={(e) => setQ(e.target.value)} placeholder="Room name" />
      {error && (
        <p className="mt-2 text-sm text-danger" role="alert">
          {error}
        </p>
      )}
      <div className="mt-3">
        {rooms === null && !error && <Spinner label="Loading rooms" />}
        {rooms?.length === 0 && (
          <p className="text-sm text-muted">No public rooms{q.trim() ? ` match “${q.trim()}”` : ' yet'}.</p>
        )}
        <ul className="divide-y divide-line">
          {rooms?.map((r) => (
            <li key={r.conversationId} className="flex items-center gap-3 py-2.5">
              <HashIcon className="text-muted" />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{r.name}</span>
                <span className="block text-xs text-muted">
                  {r.memberCount} {r.memberCount === 1 ? 'member' : 'members'}
                </span>
              </span>
              <Button
                variant={r.joined ? 'secondary' : 'primary'}
                disabled={joining === r.conversationId}
                onClick={() => void join(r)}
                aria-label={`${r.joined ? 'Open' : 'Join'} ${r.name}`}
              >
                {r.joined ? 'Open' : joining === r.conversationId ? 'Joining…' : 'Join'}
              </Button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function AddMembersForm({ onDone }: { onDone: () => void }) {
  const activeId = useChatStore((s) => s.activeId);
  const [members, setMembers] = useState<User[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!activeId || members.length === 0) return setError('Pick at least one person to add.');
    setBusy(true);
    try {
      await addMembers(
        activeId,
        members.map((m) => m.id),
      );
      onDone();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="space-y-4">
      <UserPicker selected={members} onChange={setMembers} label="Find people" />
      {error && (
        <p className="text-sm text-danger" role="alert">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add'}
        </Button>
      </div>
    </form>
  );
}
