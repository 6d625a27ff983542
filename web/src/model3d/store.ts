import { create } from 'zustand';
import type {
  CompletedEvent,
  FailedEvent,
  GenerationStatus,
  ModelStats,
  ModelSummary,
  ModelUrls,
  ProgressEvent,
  StartedEvent,
  UpdatedEvent,
} from './types';

export interface Generation {
  id: string;
  conversationId: string | null;
  description: string;
  userId: string | null;
  username: string | null;
  status: GenerationStatus;
  stage: string;
  percent: number;
  error: string | null;
  /** True once the owner cancelled it (the card says so instead of "failed"). */
  cancelled: boolean;
  /** Hidden by the user (a failure card dismissed). */
  dismissed: boolean;
  /** The generator the job asked for ("procedural", "meshy", …), once announced. */
  generator: string | null;
  /** Set when an external generator failed and the built-in engine took over. */
  note: string | null;
}

/** What we know about a model: from a completion event, a 3d_model_updated event, or GET /api/3d/models/:id. */
export interface ModelInfo {
  id: string;
  name?: string;
  description?: string;
  ownerId?: string;
  status?: GenerationStatus;
  version: number | null;
  urls: ModelUrls | null;
  stats: ModelStats | null;
  error?: string | null;
  /** What made the current version ("procedural", "meshy", …) and, after a fall-back, why it is not what was asked for. */
  generator?: string;
  note?: string | null;
  /** 'loading' while the summary is fetched, 'error' (with loadError) when that failed. */
  load: 'idle' | 'loading' | 'loaded' | 'error';
  loadError?: string;
}

/** People's names for the generators the server may use. */
export const GENERATOR_NAMES: Record<string, string> = {
  procedural: 'the built-in engine',
  meshy: 'Meshy',
  stability: 'Stable Fast 3D',
  relief: 'the built-in engine (relief of the picture)',
  lithophane: 'the built-in engine (lithophane of the picture)',
};

export function generatorName(id: string | null | undefined): string | null {
  if (!id) return null;
  return GENERATOR_NAMES[id] ?? id;
}

export const STAGES: Record<string, string> = {
  queued: 'Waiting in the queue',
  submit: 'Sending the request',
  remote: 'Generating remotely',
  download: 'Downloading the model',
  import: 'Reading the model',
  interpret: 'Reading the description',
  build: 'Building shapes',
  process: 'Processing the mesh',
  export: 'Exporting',
  store: 'Saving',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function stageLabel(stage: string, generator?: string | null): string {
  const external = generator && generator !== 'procedural' ? generatorName(generator) : null;
  if (stage === 'remote' && external) return `Generating with ${external}`;
  return STAGES[stage] ?? stage.charAt(0).toUpperCase() + stage.slice(1);
}

interface Model3dState {
  generations: Record<string, Generation>;
  models: Record<string, ModelInfo>;
  /** Our own requests, acknowledged but maybe not announced yet (so the card can offer Cancel at once). */
  queued(ack: {
    generationId: string;
    conversationId: string | null;
    description: string;
    userId: string;
    username: string;
  }): void;
  started(e: StartedEvent): void;
  progress(e: ProgressEvent): void;
  completed(e: CompletedEvent): void;
  failed(e: FailedEvent): void;
  dismiss(id: string): void;
  modelUpdated(e: UpdatedEvent): void;
  modelLoading(id: string): void;
  modelLoaded(m: ModelSummary): void;
  modelLoadFailed(id: string, error: string): void;
  reset(): void;
}

function blank(id: string, p: Partial<Generation> = {}): Generation {
  return {
    id,
    conversationId: null,
    description: '',
    userId: null,
    username: null,
    status: 'queued',
    stage: 'queued',
    percent: 0,
    error: null,
    cancelled: false,
    dismissed: false,
    generator: null,
    note: null,
    ...p,
  };
}

const FINISHED: GenerationStatus[] = ['completed', 'failed', 'cancelled'];

export const useModel3dStore = create<Model3dState>((set) => ({
  generations: {},
  models: {},

  queued: (a) =>
    set((s) => {
      const g = s.generations[a.generationId];
      return {
        generations: {
          ...s.generations,
          [a.generationId]: g
            ? { ...g, userId: g.userId ?? a.userId, username: g.username ?? a.username }
            : blank(a.generationId, {
                conversationId: a.conversationId,
                description: a.description,
                userId: a.userId,
                username: a.username,
              }),
        },
      };
    }),

  started: (e) =>
    set((s) => {
      const g = s.generations[e.generationId] ?? blank(e.generationId);
      return {
        generations: {
          ...s.generations,
          [e.generationId]: {
            ...g,
            conversationId: e.conversationId,
            description: e.description,
            userId: e.userId,
            username: e.username,
            generator: e.generator ?? g.generator,
          },
        },
      };
    }),

  progress: (e) =>
    set((s) => {
      const g = s.generations[e.generationId] ?? blank(e.generationId, { conversationId: e.conversationId });
      if (FINISHED.includes(g.status)) return s;
      const status: GenerationStatus = e.stage === 'queued' ? 'queued' : e.stage === 'done' ? 'completed' : 'running';
      return {
        generations: {
          ...s.generations,
          // Progress never goes back, even if events arrive out of order.
          [e.generationId]: {
            ...g,
            stage: e.stage,
            percent: Math.max(g.percent, Math.min(100, e.percent)),
            status,
            note: e.note ?? g.note,
          },
        },
      };
    }),

  completed: (e) =>
    set((s) => {
      const g = s.generations[e.generationId] ?? blank(e.generationId, { conversationId: e.conversationId });
      const m = s.models[e.modelId];
      return {
        generations: {
          ...s.generations,
          [e.generationId]: { ...g, status: 'completed', stage: 'done', percent: 100, note: e.note ?? g.note },
        },
        models: {
          ...s.models,
          [e.modelId]: {
            ...(m ?? { id: e.modelId, load: 'idle' as const }),
            name: e.name,
            status: 'completed',
            version: m?.version ?? 1,
            urls: e.urls,
            stats: e.stats,
            generator: e.generator ?? m?.generator,
            note: e.note ?? m?.note ?? null,
          },
        },
      };
    }),

  failed: (e) =>
    set((s) => {
      const g = s.generations[e.generationId] ?? blank(e.generationId, { conversationId: e.conversationId });
      const cancelled = !!e.cancelled;
      return {
        generations: {
          ...s.generations,
          [e.generationId]: {
            ...g,
            status: cancelled ? 'cancelled' : 'failed',
            stage: cancelled ? 'cancelled' : 'failed',
            error: e.error,
            cancelled,
          },
        },
      };
    }),

  dismiss: (id) =>
    set((s) => (s.generations[id] ? { generations: { ...s.generations, [id]: { ...s.generations[id], dismissed: true } } } : s)),

  modelUpdated: (e) =>
    set((s) => {
      const m = s.models[e.modelId];
      if (m && m.version !== null && m.version >= e.version) return s;
      return {
        models: {
          ...s.models,
          [e.modelId]: {
            ...(m ?? { id: e.modelId, load: 'idle' as const }),
            status: 'completed',
            version: e.version,
            urls: e.urls,
            stats: e.stats,
            // Edited versions are always built by the engine from their spec.
            generator: 'procedural',
          },
        },
      };
    }),

  modelLoading: (id) =>
    set((s) => ({
      models: {
        ...s.models,
        [id]: { ...(s.models[id] ?? { id, version: null, urls: null, stats: null }), load: 'loading', loadError: undefined },
      },
    })),

  modelLoaded: (m) =>
    set((s) => {
      const prev = s.models[m.id];
      // A newer version announced meanwhile wins over an older GET answer.
      const keepPrev = prev && prev.version !== null && m.version !== null && prev.version > m.version;
      return {
        models: {
          ...s.models,
          [m.id]: {
            id: m.id,
            name: m.name,
            description: m.description,
            ownerId: m.ownerId,
            status: m.status,
            error: m.error,
            version: keepPrev ? prev.version : m.version,
            urls: keepPrev ? prev.urls : m.urls,
            stats: keepPrev ? prev.stats : m.stats,
            generator: keepPrev ? prev.generator : m.generator,
            note: m.note ?? null,
            load: 'loaded',
          },
        },
      };
    }),

  modelLoadFailed: (id, error) =>
    set((s) => ({
      models: {
        ...s.models,
        [id]: { ...(s.models[id] ?? { id, version: null, urls: null, stats: null }), load: 'error', loadError: error },
      },
    })),

  reset: () => set({ generations: {}, models: {} }),
}));

/** The model id in a chat message's text: the line `/api/3d/models/<id>` the server posts under `🧊 <description>`. */
export function modelIdInText(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = /(?:^|\n)\s*\/api\/3d\/models\/([A-Za-z0-9_-]+)\s*(?:\n|$)/.exec(text);
  return m ? m[1] : null;
}

/** The message text without the model path line (the viewer stands in for it). */
export function textWithoutModelLine(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*\/api\/3d\/models\/[A-Za-z0-9_-]+\s*$/.test(l))
    .join('\n')
    .trim();
}

/** Parses a composer line `/3d <description>`; null when it is not that command. */
export function parse3dCommand(text: string): { description: string } | null {
  const m = /^\/3d(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!m) return null;
  return { description: (m[1] ?? '').trim() };
}

/** Which model the editor is open for (one at a time; the host lives outside the virtualized list). */
interface EditorUi {
  editing: string | null;
  open(id: string): void;
  close(): void;
}
export const useEditorUi = create<EditorUi>((set) => ({
  editing: null,
  open: (editing) => set({ editing }),
  close: () => set({ editing: null }),
}));
