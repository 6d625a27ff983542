import { Suspense, lazy, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { describeError } from '../shared/errors';
import { formatSize } from '../shared/format';
import { IconButton } from '../shared/ui/Button';
import { CloseIcon, PaperclipIcon, SendIcon } from '../shared/ui/icons';
import type { Attachment } from '../shared/types';
import { sendMessage, typingActivity, typingStopped, uploadFile } from './chatService';
import { useChatStore } from './chatStore';
import { useAuthStore } from '../account/authStore';
import { CubeIcon } from '../model3d/icons';
import { generateModel } from '../model3d/service';
import { parse3dCommand } from '../model3d/store';
import { addressesAssistant, isAssistantConversation, parseAiCommand } from '../ai/commands';
import { askAssistant } from '../ai/service';
import { useSlashHint } from '../ai/SlashHint';

interface Upload {
  key: string;
  file: File;
  progress: number;
  attachment?: Attachment;
  error?: string;
  abort: AbortController;
}

const MAX_BYTES = 25 * 1024 * 1024;
// Loaded on first use, to keep the chat chunk small.
const GenerateDialog = lazy(() => import('../model3d/GenerateDialog'));

export function Composer({ conversationId, threadId }: { conversationId: string; threadId?: string }) {
  const inThread = !!threadId;
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const ref = useRef<HTMLTextAreaElement>(null);
  const replyToId = useChatStore((s) => (inThread ? null : s.replyToId));
  const reply = useChatStore((s) => (replyToId ? s.messages[replyToId] : undefined));
  const label = inThread ? 'Thread reply' : 'Message';
  const [commandError, setCommandError] = useState<string | null>(null);
  const [generateOpen, setGenerateOpen] = useState(false);
  const [generateUsed, setGenerateUsed] = useState(false);
  const slash = useSlashHint({ text, setText, inThread });
  const assistantDm = useChatStore((s) => isAssistantConversation(s.conversations[conversationId]));

  // Drafts are per conversation: switching rooms starts clean.
  useEffect(() => {
    setText('');
    setUploads([]);
    setCommandError(null);
    if (!inThread && window.matchMedia?.('(pointer: fine)').matches) ref.current?.focus();
  }, [conversationId, inThread]);

  useEffect(() => {
    const t = ref.current;
    if (!t) return;
    t.style.height = 'auto';
    t.style.height = `${Math.min(t.scrollHeight, 200)}px`;
  }, [text]);

  const busyUploading = uploads.some((u) => !u.attachment && !u.error);
  const ready = uploads.filter((u) => u.attachment).map((u) => u.attachment!);
  const canSend = (text.trim().length > 0 || ready.length > 0) && !busyUploading;

  /** Sends to the assistant (ai_chat_message): the question comes back as a new_message, the reply streams. */
  function ask(message: string, replyTo: string | null) {
    setCommandError(null);
    const sent = text;
    setText('');
    typingStopped(conversationId);
    if (replyTo) useChatStore.getState().setReplyTo(null);
    askAssistant({ conversationId, message, replyTo, threadId: threadId ?? null }).catch((err: Error) => {
      setText((t) => t || sent);
      if (replyTo) useChatStore.getState().setReplyTo(replyTo);
      setCommandError(err.message);
    });
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!canSend) return;
    const aiCommand = ready.length === 0 ? parseAiCommand(text) : null;
    if (aiCommand) {
      if (aiCommand.kind === 'invalid') setCommandError(aiCommand.error);
      else ask(aiCommand.message, aiCommand.kind === 'translate' ? replyToId : null);
      return;
    }
    // Questions for the assistant go through ai_chat_message, so this tab can show (and stop) the reply it started.
    if (
      ready.length === 0 &&
      !inThread &&
      !replyToId &&
      addressesAssistant(useChatStore.getState().conversations[conversationId], text)
    ) {
      ask(text.trim(), null);
      return;
    }
    const command = parse3dCommand(text);
    if (command && ready.length === 0) {
      const user = useAuthStore.getState().user;
      if (!user) return;
      setCommandError(null);
      const sent = text;
      setText('');
      typingStopped(conversationId);
      generateModel({
        description: command.description,
        complexity: 'medium',
        conversationId,
        me: { id: user.id, username: user.username },
      }).catch((err: Error) => {
        setText((t) => t || sent);
        setCommandError(err.message);
      });
      return;
    }
    sendMessage({
      conversationId,
      text: text.trim(),
      replyTo: replyToId,
      threadId: threadId ?? null,
      attachments: ready,
    });
    setText('');
    setUploads([]);
    typingStopped(conversationId);
    if (!inThread) useChatStore.getState().setReplyTo(null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (slash.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === 'ArrowUp' && text === '') {
      const s = useChatStore.getState();
      const list = inThread ? (s.threads[threadId!]?.ids ?? []) : (s.timelines[conversationId]?.ids ?? []);
      for (let i = list.length - 1; i >= 0; i--) {
        const m = s.messages[list[i]];
        if (m && m.userId === s.me && !m.deletedAt) {
          e.preventDefault();
          s.setEditing(m.id);
          break;
        }
      }
    } else if (e.key === 'Escape' && replyToId) {
      e.preventDefault();
      useChatStore.getState().setReplyTo(null);
    }
  }

  function addFiles(files: FileList | null) {
    if (!files) return;
    for (const file of Array.from(files)) {
      const key = crypto.randomUUID();
      const abort = new AbortController();
      if (file.size > MAX_BYTES) {
        setUploads((u) => [...u, { key, file, progress: 0, abort, error: 'File too large (max 25 MB). Choose a smaller file.' }]);
        continue;
      }
      setUploads((u) => [...u, { key, file, progress: 0, abort }]);
      const patch = (p: Partial<Upload>) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, ...p } : x)));
      uploadFile(conversationId, file, (progress) => patch({ progress }), abort.signal).then(
        (attachment) => patch({ attachment, progress: 1 }),
        (err) => {
          if (!abort.signal.aborted) patch({ error: describeError(err, 'upload') });
        },
      );
    }
  }

  function removeUpload(key: string) {
    setUploads((u) => {
      u.find((x) => x.key === key)?.abort.abort();
      return u.filter((x) => x.key !== key);
    });
  }

  return (
    <>
      <form
        onSubmit={submit}
        className="shrink-0 border-t border-line bg-surface px-3 pt-2 pb-3 sm:px-4"
        aria-label={inThread ? 'Reply in this thread' : 'Write a post'}
      >
        {reply && (
          <div className="mb-2 flex items-center gap-2 rounded-lg bg-surface-2 px-3 py-1.5 text-sm" data-testid="composer-reply">
            <span className="min-w-0 flex-1 truncate text-muted">
              Replying to <span className="font-semibold text-fg">{reply.username}</span>: {reply.message || 'attachment'}
            </span>
            <IconButton label="Cancel reply" className="h-7 w-7" onClick={() => useChatStore.getState().setReplyTo(null)}>
              <CloseIcon />
            </IconButton>
          </div>
        )}
        {uploads.length > 0 && (
          <ul className="mb-2 flex flex-wrap gap-2" aria-label="Attachments">
            {uploads.map((u) => (
              <li
                key={u.key}
                className={`relative flex w-56 items-center gap-2 rounded-lg border px-2.5 py-1.5 text-sm ${
                  u.error ? 'border-danger bg-danger-soft' : 'border-line bg-surface-2'
                }`}
                data-testid="upload"
              >
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{u.file.name}</span>
                  {u.error ? (
                    <span className="block text-xs text-danger" role="alert">
                      {u.error}
                    </span>
                  ) : u.attachment ? (
                    <span className="block text-xs text-muted">{formatSize(u.file.size)} · ready</span>
                  ) : (
                    <progress
                      className="mt-1 block h-1.5 w-full accent-[var(--accent)]"
                      value={Math.round(u.progress * 100)}
                      max={100}
                      aria-label={`Uploading ${u.file.name}`}
                    />
                  )}
                </span>
                <IconButton label={`Remove ${u.file.name}`} className="h-7 w-7" onClick={() => removeUpload(u.key)}>
                  <CloseIcon />
                </IconButton>
              </li>
            ))}
          </ul>
        )}
        {slash.hint}
        {commandError && (
          <p
            className="mb-2 flex items-start gap-2 rounded-lg bg-danger-soft px-3 py-1.5 text-sm text-danger"
            role="alert"
            data-testid="composer-error"
          >
            <span className="flex-1">{commandError}</span>
            <IconButton label="Dismiss" className="-my-1 h-7 w-7" onClick={() => setCommandError(null)}>
              <CloseIcon />
            </IconButton>
          </p>
        )}
        <div className="flex items-end gap-2 rounded-xl border border-line bg-bg px-2 py-1.5 focus-within:border-accent focus-within:ring-1 focus-within:ring-accent">
          <label
            className="inline-flex h-9 w-9 shrink-0 cursor-pointer items-center justify-center rounded-lg text-muted hover:bg-surface-2 hover:text-fg focus-within:outline-2 focus-within:outline-focus"
            title="Attach file"
          >
            <input
              type="file"
              multiple
              aria-label="Attach file"
              className="sr-only"
              onChange={(e) => {
                addFiles(e.target.files);
                e.target.value = '';
              }}
            />
            <PaperclipIcon />
          </label>
          {!inThread && (
            <IconButton
              label="Generate 3D model"
              onClick={() => {
                setGenerateUsed(true);
                setGenerateOpen(true);
              }}
              data-testid="generate-3d"
            >
              <CubeIcon />
            </IconButton>
          )}
          <textarea
            ref={ref}
            aria-label={label}
            placeholder={inThread ? 'Reply in thread…' : assistantDm ? 'Ask the assistant… (/ for commands)' : 'Write a message…'}
            {...slash.inputProps}
            rows={1}
            value={text}
            maxLength={10000}
            onChange={(e) => {
              setText(e.target.value);
              if (commandError) setCommandError(null);
              if (e.target.value) typingActivity(conversationId);
              else typingStopped(conversationId);
            }}
            onBlur={() => typingStopped(conversationId)}
            onKeyDown={onKeyDown}
            className="max-h-[200px] min-h-9 flex-1 resize-none bg-transparent px-1 py-1.5 text-[0.9375rem] leading-normal text-fg placeholder:text-muted focus:outline-none focus-visible:outline-none"
          />
          <button
            type="submit"
            aria-label="Send"
            title="Send (Enter)"
            disabled={!canSend}
            className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-fg hover:bg-accent-hover disabled:bg-surface-2 disabled:text-muted"
          >
            <SendIcon />
          </button>
        </div>
      </form>
      {!inThread && generateUsed && (
        <Suspense fallback={null}>
          <GenerateDialog open={generateOpen} onClose={() => setGenerateOpen(false)} conversationId={conversationId} />
        </Suspense>
      )}
    </>
  );
}
