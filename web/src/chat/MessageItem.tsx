import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { useAuthStore } from '../account/authStore';
import { describeError } from '../shared/errors';
import { formatDay, formatTime } from '../shared/format';
import { Avatar } from '../shared/ui/Avatar';
import { Button } from '../shared/ui/Button';
import { EditIcon, ReplyIcon, SmileIcon, ThreadIcon, TrashIcon } from '../shared/ui/icons';
import { AttachmentList } from './Attachments';
import { InsightBadges } from './InsightBadges';
import { SeenBy } from './SeenBy';
import { deleteMessage, editMessage, openThread, retrySend, toggleReaction } from './chatService';
import { useChatStore, type ChatMessage } from './chatStore';
import type { ReplyPreview } from '../shared/types';
import { renderText } from './richText';
import { ModelEmbed } from '../model3d/ModelEmbed';
import { modelIdInText, textWithoutModelLine } from '../model3d/store';
import { AiMessageActions } from '../ai/AiMessageActions';
import { AssistantText } from '../ai/AssistantText';
import { replyResponseId } from '../ai/service';
import { ToolCalls } from '../ai/ToolCalls';
import { ASSISTANT_USERNAME } from '../ai/types';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢'];

interface Props {
  id: string;
  /** The message shown just before this one (for grouping and day separators). */
  prevId?: string;
  context: 'main' | 'thread';
}

function sameGroup(a: ChatMessage | undefined, b: ChatMessage) {
  if (!a || a.userId !== b.userId || a.deletedAt || b.replyTo) return false;
  return new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime() < 5 * 60 * 1000;
}

export const MessageItem = memo(function MessageItem({ id, prevId, context }: Props) {
  const m = useChatStore((s) => s.messages[id]);
  const prev = useChatStore((s) => (prevId ? s.messages[prevId] : undefined));
  const me = useChatStore((s) => s.me);
  const myName = useAuthStore((s) => s.user?.username);
  const editing = useChatStore((s) => s.editingId === id);
  const highlighted = useChatStore((s) => s.highlightId === id);
  const canModerate = useChatStore((s) => {
    const role = m ? s.conversations[m.conversationId]?.myRole : undefined;
    return role === 'owner' || role === 'admin';
  });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [picker, setPicker] = useState(false);
  const [aiMenu, setAiMenu] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  if (!m) return null;
  const mine = m.userId === me;
  const deleted = !!m.deletedAt;
  const pending = m.status !== undefined;
  const newDay = !prev || new Date(prev.createdAt).toDateString() !== new Date(m.createdAt).toDateString();
  const grouped = !newDay && sameGroup(prev, m);
  const mentionsMe = !!me && m.mentions?.includes(me);
  const modelId = deleted || editing ? null : modelIdInText(m.message);
  // A model post is `🧊 <description>` + the model's path: the viewer (captioned with the name) stands in for both.
  const modelText = modelId ? textWithoutModelLine(m.message) : '';
  const shownText = modelId ? (/^🧊/u.test(modelText) ? '' : modelText) : m.message;
  // The assistant writes Markdown (code, lists, tables); people's messages stay plain text with mentions and links.
  const fromAssistant = m.username === ASSISTANT_USERNAME;

  async function run(f: () => Promise<unknown>) {
    setActionError(null);
    try {
      await f();
    } catch (e) {
      setActionError(describeError(e));
    }
  }

  return (
    <div data-testid="message-row">
      {newDay && (
        <div className="flex items-center gap-3 px-4 pt-4 pb-1" role="separator" aria-label={formatDay(m.createdAt)}>
          <span className="h-px flex-1 bg-line" />
          <span className="text-xs font-semibold text-muted">{formatDay(m.createdAt)}</span>
          <span className="h-px flex-1 bg-line" />
        </div>
      )}
      <article
        data-testid="message"
        data-message-id={m.id}
        data-status={m.status ?? 'sent'}
        data-deleted={deleted || undefined}
        aria-label={`${m.username}, ${formatTime(m.createdAt)}`}
        className={`group relative flex gap-3 px-4 ${grouped ? 'pt-0.5' : 'pt-2.5'} pb-0.5 hover:bg-surface-2/60 focus-within:bg-surface-2/60 ${
          mentionsMe ? 'border-l-2 border-accent bg-mention' : ''
        } ${highlighted ? 'flash' : ''}`}
      >
        <div className="w-9 shrink-0">{!grouped && <Avatar name={m.username} size={36} />}</div>
        <div className="min-w-0 flex-1">
          {!grouped && (
            <div className="flex items-baseline gap-2">
              <span className="text-sm font-semibold" data-testid="message-author">
                {m.username}
              </span>
              <time dateTime={m.createdAt} className="text-xs text-muted">
                {formatTime(m.createdAt)}
              </time>
            </div>
          )}
          {m.replyPreview && !deleted && <ReplyQuote preview={m.replyPreview} />}
          {editing ? (
            <EditBox m={m} onError={setActionError} />
          ) : deleted ? (
            <p className="text-sm text-muted italic" data-testid="message-deleted">
              message deleted
            </p>
          ) : (
            <>
              {shownText && fromAssistant ? (
                <div className={pending ? 'text-muted' : ''} data-testid="message-text">
                  <ToolCalls responseId={replyResponseId(m)} />
                  <AssistantText text={shownText} />
                  <InsightBadges m={m} />
                </div>
              ) : shownText ? (
                <p
                  className={`text-[0.9375rem] leading-relaxed break-words whitespace-pre-wrap ${pending ? 'text-muted' : ''}`}
                  data-testid="message-text"
                >
                  {renderText(shownText, myName)}
                  {m.editedAt && <span className="ml-1 text-xs text-muted">(edited)</span>}
                  <InsightBadges m={m} />
                </p>
              ) : null}
              {modelId && <ModelEmbed modelId={modelId} description={modelText.replace(/^🧊\s*/u, '')} />}
              <AttachmentList items={m.attachments} />
            </>
          )}
          {!deleted && m.reactions.length > 0 && (
            <div className="mt-1 flex flex-wrap gap-1" data-testid="reactions">
              {m.reactions.map((r) => {
                const minePressed = !!me && r.userIds.includes(me);
                return (
                  <button
                    key={r.emoji}
                    type="button"
                    aria-pressed={minePressed}
                    aria-label={`${r.emoji} ${r.count} ${r.count === 1 ? 'reaction' : 'reactions'}${minePressed ? ', including yours' : ''}`}
                    onClick={() => void run(() => toggleReaction(m.id, r.emoji))}
                    className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${
                      minePressed
                        ? 'border-accent bg-accent-soft text-accent-text'
                        : 'border-line bg-surface text-fg hover:bg-surface-2'
                    }`}
                  >
                    <span aria-hidden="true">{r.emoji}</span>
                    <span aria-hidden="true">{r.count}</span>
                  </button>
                );
              })}
            </div>
          )}
          {context === 'main' && m.threadReplyCount > 0 && (
            <button
              type="button"
              onClick={() => void openThread(m.id)}
              className="mt-1 text-sm font-medium text-accent-text hover:underline"
              data-testid="thread-replies"
            >
              {m.threadReplyCount} {m.threadReplyCount === 1 ? 'reply' : 'replies'}
            </button>
          )}
          {context === 'main' && !pending && <SeenBy conversationId={m.conversationId} messageId={m.id} />}
          {m.status === 'sending' && <p className="text-xs text-muted">Sending…</p>}
          {m.status === 'failed' && (
            <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-danger" role="alert">
              <span>{m.error ?? 'Not sent.'}</span>
              <button
                type="button"
                className="rounded font-semibold underline underline-offset-2"
                onClick={() => void retrySend(m.clientMessageId!)}
              >
                Retry
              </button>
            </p>
          )}
          {actionError && (
            <p className="mt-0.5 text-xs text-danger" role="alert">
              {actionError}
            </p>
          )}
          {confirmDelete && (
            <div className="mt-1 flex items-center gap-2 text-sm" role="group" aria-label="Confirm delete">
              <span>Delete this message for everyone?</span>
              <Button
                variant="danger"
                className="px-2.5 py-1"
                onClick={() => {
                  setConfirmDelete(false);
                  void run(() => deleteMessage(m.id));
                }}
              >
                Delete
              </Button>
              <Button className="px-2.5 py-1" onClick={() => setConfirmDelete(false)} autoFocus>
                Cancel
              </Button>
            </div>
          )}
        </div>
        {!deleted && !pending && !editing && (
          <div
            className={`msg-actions absolute -top-3 right-3 flex items-center gap-0.5 rounded-lg border border-line bg-surface p-0.5 shadow-sm ${
              picker || aiMenu ? 'opacity-100' : 'opacity-0 group-hover:opacity-100 focus-within:opacity-100'
            }`}
            role="toolbar"
            aria-label={`Actions for ${m.username}'s post`}
          >
            {picker ? (
              <>
                {QUICK_REACTIONS.map((e) => (
                  <button
                    key={e}
                    type="button"
                    aria-label={`React with ${e}`}
                    className="h-8 w-8 rounded-md text-base hover:bg-surface-2"
                    onClick={() => {
                      setPicker(false);
                      void run(() => toggleReaction(m.id, e));
                    }}
                    onKeyDown={(ev) => {
                      if (ev.key === 'Escape') {
                        ev.preventDefault();
                        setPicker(false);
                      }
                    }}
                  >
                    {e}
                  </button>
                ))}
              </>
            ) : (
              <>
                <ActionButton label="Add reaction" onClick={() => setPicker(true)}>
                  <SmileIcon />
                </ActionButton>
                {context === 'main' && (
                  <>
                    <ActionButton label="Reply" onClick={() => replyTo(m.id)}>
                      <ReplyIcon />
                    </ActionButton>
                    <ActionButton label="Reply in thread" onClick={() => void openThread(m.id)}>
                      <ThreadIcon />
                    </ActionButton>
                  </>
                )}
                <AiMessageActions m={m} context={context} onError={setActionError} onOpenChange={setAiMenu} />
                {mine && (
                  <ActionButton label="Edit" onClick={() => useChatStore.getState().setEditing(m.id)}>
                    <EditIcon />
                  </ActionButton>
                )}
                {(mine || canModerate) && (
                  <ActionButton label="Delete" onClick={() => setConfirmDelete(true)}>
                    <TrashIcon />
                  </ActionButton>
                )}
              </>
            )}
          </div>
        )}
      </article>
    </div>
  );
});

/** The quoted message; prefers our live copy (edits, deletions) over the server's snapshot. Click to jump to it. */
function ReplyQuote({ preview }: { preview: ReplyPreview }) {
  const live = useChatStore((s) => s.messages[preview.id]);
  const text = live ? (live.deletedAt ? 'message deleted' : live.message || 'attachment') : preview.message || 'message deleted';
  return (
    <button
      type="button"
      onClick={() => live && useChatStore.getState().setHighlight(preview.id)}
      className="mt-1 mb-1 block w-full border-l-2 border-line pl-2 text-left text-sm text-muted hover:border-accent"
      data-testid="reply-preview"
      aria-label={`Replying to ${preview.username}: ${text}`}
    >
      <span className="line-clamp-2">
        <span className="font-medium">{preview.username}</span>: {text}
      </span>
    </button>
  );
}

function replyTo(id: string) {
  useChatStore.getState().setReplyTo(id);
  document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.focus();
}

function ActionButton({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="inline-flex h-8 w-8 items-center justify-center rounded-md text-muted hover:bg-surface-2 hover:text-fg"
    >
      {children}
    </button>
  );
}

function EditBox({ m, onError }: { m: ChatMessage; onError: (e: string | null) => void }) {
  const [text, setText] = useState(m.message);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const t = ref.current;
    if (t) {
      t.focus();
      t.setSelectionRange(t.value.length, t.value.length);
    }
  }, []);
  const cancel = () => {
    useChatStore.getState().setEditing(null);
    document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.focus();
  };
  async function save() {
    const v = text.trim();
    if (!v || v === m.message) return cancel();
    setBusy(true);
    onError(null);
    try {
      await editMessage(m.id, v);
      cancel();
    } catch (e) {
      onError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mt-1">
      <textarea
        ref={ref}
        aria-label="Edit text"
        value={text}
        rows={Math.min(8, text.split('\n').length + 1)}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            cancel();
          }
        }}
        className="block w-full resize-none rounded-lg border border-line bg-surface px-3 py-2 text-[0.9375rem] focus:border-accent focus:outline-none"
      />
      <div className="mt-1.5 flex items-center gap-2 text-xs text-muted">
        <Button variant="primary" className="px-2.5 py-1" onClick={() => void save()} disabled={busy}>
          Save
        </Button>
        <Button className="px-2.5 py-1" onClick={cancel}>
          Cancel
        </Button>
        <span>Enter to save · Esc to cancel</span>
      </div>
    </div>
  );
}
