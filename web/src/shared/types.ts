// Shapes from docs/protocol.md (the REST + Socket.IO contract).

export interface User {
  id: string;
  username: string;
  email?: string;
}

export interface AuthResponse {
  token: string;
  refreshToken: string;
  user: User;
}

export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
  thumbnailUrl?: string | null;
  width?: number | null;
  height?: number | null;
}

export interface Reaction {
  emoji: string;
  count: number;
  userIds: string[];
}

export interface ReplyPreview {
  id: string;
  username: string;
  message: string;
}

/** How a message reads, computed by the server when it is stored or edited (docs/protocol.md). */
export interface Sentiment {
  label: 'positive' | 'neutral' | 'negative';
  /** Compound score from -1 (most negative) to 1 (most positive). */
  score: number;
}

export interface Message {
  id: string;
  conversationId: string;
  userId: string;
  username: string;
  message: string;
  replyTo: string | null;
  replyPreview: ReplyPreview | null;
  threadId: string | null;
  threadReplyCount: number;
  clientMessageId?: string | null;
  attachments: Attachment[];
  reactions: Reaction[];
  mentions: string[];
  editedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  /** Null on deleted messages; absent on messages not yet acknowledged. */
  sentiment?: Sentiment | null;
  /** ISO 639-1 code, or null when the text is too short or the server unsure. */
  language?: string | null;
}

export type Role = 'owner' | 'admin' | 'member';

export interface Participant {
  userId: string;
  username: string;
  role: Role;
  /** The newest message they marked read; null until they read anything. */
  lastReadMessageId?: string | null;
  /** Not in the contract; honoured when a server sends it. */
  online?: boolean;
}

export interface Conversation {
  conversationId: string;
  name: string | null;
  type: 'group' | 'direct';
  visibility: 'private' | 'public';
  createdAt: string;
  participants?: Participant[];
  memberCount: number;
  unreadCount: number;
  lastMessage: Message | null;
  myRole?: Role;
}

export interface ConversationPage {
  conversationId: string;
  name: string | null;
  type: 'group' | 'direct';
  visibility: 'private' | 'public';
  messages: Message[];
  participants: Participant[];
  hasMore: boolean;
}

export interface PublicRoom {
  conversationId: string;
  name: string;
  memberCount: number;
  joined: boolean;
}

export interface ThreadResponse {
  threadId: string;
  root: Message;
  messages: Message[];
}

export interface SendAck {
  messageId: string;
  conversationId: string;
  createdAt: string;
}

export interface SearchResult extends Message {
  conversationName: string | null;
}

export interface FieldError {
  field: string;
  message: string;
}
