import type { Socket } from 'socket.io-client';
import { ApiError, api } from '../shared/api';
import { describeError } from '../shared/errors';
import { tokenStore } from '../shared/tokens';
import { SocketAckError, emitAck } from '../chat/realtime';
import { useModel3dStore } from './store';
import type {
  AssetPage,
  CompletedEvent,
  Complexity,
  FailedEvent,
  GenerateAck,
  GeneratorInfo,
  ModelDetail,
  ModelSummary,
  ProgressEvent,
  SceneSpec,
  ShapeInfo,
  StartedEvent,
  UpdatedEvent,
} from './types';

const store = useModel3dStore.getState;
const MAX_DESCRIPTION = 2000;

/** Subscribes the model store to the socket's 3d_* events (once per socket; socket.io keeps them across reconnects). */
export function bindModel3dEvents(s: Socket) {
  s.on('3d_generation_started', (e: StartedEvent) => store().started(e));
  s.on('3d_generation_progress', (e: ProgressEvent) => store().progress(e));
  s.on('3d_generation_completed', (e: CompletedEvent) => store().completed(e));
  s.on('3d_generation_failed', (e: FailedEvent) => store().failed(e));
  s.on('3d_model_updated', (e: UpdatedEvent) => store().modelUpdated(e));
}

/** A sentence for people from a generate refusal (socket ack code or REST problem). */
export function describeGenerateError(err: unknown): string {
  if (err instanceof SocketAckError) {
    const detail = err.message && err.message !== err.code ? err.message.replace(/\.$/, '') : '';
    switch (err.code) {
      case 'bad_request':
        // (the socket reports a REST validation_failed as bad_request; the detail names the field)
        if (detail.startsWith('imageFileId ')) return `That picture can't be used: ${detail.slice('imageFileId '.length)}.`;
        return detail
          ? `Can't make a model from that: ${detail}. Try describing simple objects, e.g. "a red chair next to a table".`
          : 'Can\'t make a model from that description. Try describing simple objects, e.g. "a red chair next to a table".';
      case 'forbidden':
        return "You can't generate models in this conversation because you're not a member of it.";
      case 'not_found':
        return 'This conversation no longer exists.';
      case 'rate_limited':
        return 'You already have 2 models being generated. Wait for one to finish (or cancel it), then try again.';
      case 'unavailable':
        return 'The 3D generator is busy right now. Try again in a minute.';
      case 'offline':
        return "You're offline. Reconnect, then try again.";
      case 'timeout':
        return 'The server did not answer in time. Check your connection and try again.';
      default:
        return detail ? `Could not start the model: ${detail}.` : 'Could not start the model. Try again.';
    }
  }
  return describeError(err);
}

export interface GenerateInput {
  /** May be blank with a picture: the server then names the model after the file. */
  description: string;
  /** An uploaded picture (see uploadPicture) for the image-to-3D generators. */
  picture?: { fileId: string; name: string };
  complexity?: Complexity;
  /** A generator from GET /api/3d/generators; left out, the server picks its preferred one. */
  generator?: string;
  conversationId: string | null;
  me: { id: string; username: string };
}

/** Emits generate_3d_model; resolves with the ack or rejects with a sentence to show. */
export async function generateModel(input: GenerateInput): Promise<GenerateAck> {
  const description = input.description.trim();
  if (!description && !input.picture) throw new Error('Describe the model first, e.g. "/3d a wooden table with four legs".');
  if (description.length > MAX_DESCRIPTION)
    throw new Error(`That description is too long (${description.length} characters, at most ${MAX_DESCRIPTION}). Shorten it.`);
  let ack: GenerateAck;
  try {
    ack = await emitAck<GenerateAck>('generate_3d_model', {
      description,
      options: { complexity: input.complexity ?? 'medium', ...(input.generator ? { generator: input.generator } : {}) },
      ...(input.conversationId ? { conversationId: input.conversationId } : {}),
      ...(input.picture ? { imageFileId: input.picture.fileId } : {}),
    });
  } catch (e) {
    throw new Error(describeGenerateError(e));
  }
  store().queued({
    generationId: ack.generationId,
    conversationId: input.conversationId,
    description: description || input.picture!.name,
    userId: input.me.id,
    username: input.me.username,
  });
  return ack;
}

/** Uploads a picture into the conversation's files for image-to-3D; rejects with a sentence to show. */
export async function uploadPicture(conversationId: string, file: File, onProgress?: (fraction: number) => void) {
  const form = new FormData();
  form.append('file', file);
  form.append('conversationId', conversationId);
  try {
    return await api.upload<{ id: string; name: string }>('/api/files', form, { onProgress });
  } catch (e) {
    throw new Error(`Could not upload the picture: ${describeError(e, 'upload')}`);
  }
}

export async function cancelGeneration(id: string): Promise<void> {
  try {
    await api.post(`/api/3d/generations/${encodeURIComponent(id)}/cancel`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) throw new Error('It has already finished, so it can no longer be cancelled.');
    throw new Error(describeError(e));
  }
}

const inflight = new Map<string, Promise<void>>();

/** Loads a model's summary into the store once (viewers call this when they scroll into view). */
export function ensureModel(id: string, force = false): Promise<void> {
  const m = store().models[id];
  if (!force && m && (m.load === 'loaded' || m.load === 'loading')) return inflight.get(id) ?? Promise.resolve();
  store().modelLoading(id);
  const p = api
    .get<ModelSummary>(`/api/3d/models/${encodeURIComponent(id)}`)
    .then(
      (s) => store().modelLoaded(s),
      (e) =>
        store().modelLoadFailed(
          id,
          e instanceof ApiError && e.status === 404
            ? 'This model was deleted, or it is not shared with you.'
            : describeError(e, 'load'),
        ),
    )
    .finally(() => inflight.delete(id));
  inflight.set(id, p);
  return p;
}

export function fetchModelDetail(id: string, signal?: AbortSignal) {
  return api.get<ModelDetail>(`/api/3d/models/${encodeURIComponent(id)}`, { signal });
}

/** What this server can make models with (the built-in engine, plus external services it has keys for). */
export function listGenerators(signal?: AbortSignal) {
  return api.get<{ generators: GeneratorInfo[] }>('/api/3d/generators', { signal }).then((r) => r.generators);
}

let shapes: Promise<ShapeInfo[]> | null = null;

/** The engine's shapes with their parameters' ranges; asked for once (they change only with the server), again after a failure. */
export function listShapes(): Promise<ShapeInfo[]> {
  shapes ??= api.get<{ shapes: ShapeInfo[] }>('/api/3d/shapes').then(
    (r) => r.shapes,
    (e) => {
      shapes = null;
      throw e;
    },
  );
  return shapes;
}

export function listAssets(q: string, signal?: AbortSignal) {
  return api.get<AssetPage>('/api/3d/assets', { query: { q, size: 50 }, signal });
}

export async function saveVersion(id: string, spec: SceneSpec): Promise<ModelDetail> {
  const d = await api.post<ModelDetail>(`/api/3d/models/${encodeURIComponent(id)}/versions`, { spec });
  store().modelLoaded(d);
  return d;
}

/**
 * The GLB of an unsaved scene, as the engine builds it (the editor's preview of templates); nothing is stored. Refusals
 * (invalid spec, too many previews) reject with the server's ApiError.
 */
export function previewGlb(spec: SceneSpec, complexity: Complexity, signal?: AbortSignal): Promise<ArrayBuffer> {
  return api.postForBytes('/api/3d/preview', { spec, complexity }, { signal });
}

/** A download URL that works without headers (loaders, <a download>): the access token goes in the query. */
export function authUrl(path: string, extra: Record<string, string | number | null | undefined> = {}): string {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined) u.searchParams.set(k, String(v));
  const token = tokenStore.get()?.token;
  if (token) u.searchParams.set('access_token', token);
  return u.pathname + u.search;
}

export const DOWNLOAD_FORMATS = [
  { format: 'glb', label: 'GLB', hint: 'binary glTF, for most 3D apps' },
  { format: 'gltf', label: 'glTF', hint: 'text glTF with the data embedded' },
  { format: 'obj.zip', label: 'OBJ', hint: 'zip of OBJ + MTL' },
  { format: 'stl', label: 'STL', hint: 'for 3D printing' },
] as const;

export function downloadUrl(modelId: string, format: string, version?: number | null) {
  return authUrl(`/api/3d/models/${encodeURIComponent(modelId)}/download`, { format, version: version ?? undefined });
}
