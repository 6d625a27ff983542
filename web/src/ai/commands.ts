import type { Conversation } from '../shared/types';
import { ASSISTANT_USERNAME } from './types';

/** An assistant skill typed in the composer: sent with ai_chat_message as `/summarize` or `/translate <Language>`. */
export type AiCommand =
  | { kind: 'summarize'; message: string }
  | { kind: 'translate'; language: string; message: string }
  | { kind: 'invalid'; error: string };

/** Slash commands the composer hints at (`/3d` belongs to text-to-3D but is listed so all commands are in one place). */
export const SLASH_COMMANDS: { name: string; insert: string; args?: string; what: string; threadOk: boolean }[] = [
  { name: '/summarize', insert: '/summarize', what: 'Summarize this conversation (in a thread: the thread)', threadOk: true },
  {
    name: '/translate',
    insert: '/translate ',
    args: '<language>',
    what: 'Translate the message you reply to, or the conversation',
    threadOk: true,
  },
  { name: '/3d', insert: '/3d ', args: '<description>', what: 'Generate a 3D model', threadOk: false },
];

/** "french" -> "French", "brazilian portuguese" -> "Brazilian Portuguese". */
export function languageName(raw: string): string {
  return raw
    .trim()
    .split(/\s+/)
    .map((w) => w.charAt(0).toLocaleUpperCase() + w.slice(1))
    .join(' ');
}

export function translateMessage(language: string): string {
  return `/translate ${languageName(language)}`;
}

export function parseAiCommand(text: string): AiCommand | null {
  const t = text.trim();
  const m = /^\/(summarize|summarise|translate)(?:\s+([\s\S]*))?$/i.exec(t);
  if (!m) return null;
  const arg = (m[2] ?? '').trim();
  if (m[1].toLowerCase() === 'translate') {
    if (!arg) return { kind: 'invalid', error: 'Say which language to translate into, e.g. "/translate French".' };
    if (arg.length > 40 || /[\n\r]/.test(arg))
      return { kind: 'invalid', error: 'Give just the language name after /translate, e.g. "/translate Japanese".' };
    return { kind: 'translate', language: languageName(arg), message: translateMessage(arg) };
  }
  return { kind: 'summarize', message: '/summarize' };
}

const MENTION = new RegExp(`(^|[^\\w@])@${ASSISTANT_USERNAME}(?![\\w.-])`, 'i');

/** Whether a message asks the assistant: a mention in a group room, or anything in the assistant's own conversation. */
export function addressesAssistant(c: Conversation | undefined, text: string): boolean {
  if (!c) return false;
  if (c.type === 'group') return MENTION.test(text);
  return isAssistantConversation(c);
}

export function isAssistantConversation(c: Conversation | undefined): boolean {
  return !!c && c.type === 'direct' && !!c.participants?.some((p) => p.username === ASSISTANT_USERNAME);
}
