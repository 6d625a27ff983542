/** Text-to-3D shapes from docs/protocol.md ("## Text-to-3D"). */

export type Complexity = 'low' | 'medium' | 'high';
export type GenerationStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface ModelUrls {
  glb: string;
  gltf: string;
  obj: string;
  stl: string;
}

export interface ModelStats {
  triangles: number;
  vertices: number;
  objects: number;
  bounds: { min: number[]; max: number[]; size: number[] };
}

export interface ModelSummary {
  id: string;
  name: string;
  description: string;
  status: GenerationStatus;
  ownerId: string;
  ownerUsername: string;
  conversationId: string | null;
  options: { complexity?: Complexity; style?: string } | null;
  tags: string[];
  version: number | null;
  stats: ModelStats | null;
  urls: ModelUrls | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  /** What made the current version: "procedural" (the built-in engine), "meshy", "stability"; what was asked for until then. */
  generator?: string;
  /** How it was made when that is not what was asked, e.g. "Meshy timed out; made with the built-in engine instead". */
  note?: string | null;
}

export interface SpecMaterial {
  baseColor?: string;
  metalness?: number;
  roughness?: number;
  opacity?: number;
}

export interface SpecTransform {
  position?: number[];
  rotation?: number[];
  scale?: number[];
}

export interface SpecObject {
  name?: string;
  shape: string;
  params?: Record<string, number | string>;
  transform?: SpecTransform;
  material?: SpecMaterial;
  children?: SpecObject[];
  /** Materials of a template's named parts ("roof", "wheel"), from descriptions such as "a house with a red roof". */
  parts?: Record<string, SpecMaterial>;
}

/** A shape parameter as the server validates it (GET /api/3d/shapes); min/max bound a text's length. */
export interface ShapeParam {
  name: string;
  kind: 'number' | 'integer' | 'color' | 'text';
  defaultValue: number | string;
  min: number;
  max: number;
  description: string;
}

/** One shape of the engine's catalogue; `template` shapes are drawn by the engine, the others by the editor. */
export interface ShapeInfo {
  name: string;
  summary: string;
  template: boolean;
  params: ShapeParam[];
  parts: string[];
}

export interface SceneSpec {
  version: 1;
  objects: SpecObject[];
}

export interface ModelDetail extends ModelSummary {
  spec: SceneSpec | null;
  interpretation: { understood: { phrase: string; meaning: string }[]; ignored: string[] } | null;
  versions: number[];
  sharedIn: string[];
}

export interface AssetPage {
  items: ModelSummary[];
  page: number;
  size: number;
  total: number;
  hasMore: boolean;
}

export interface GenerateAck {
  generationId: string;
  status: GenerationStatus;
  estimatedTime: number;
}

export interface StartedEvent {
  generationId: string;
  conversationId: string | null;
  description: string;
  userId: string;
  username: string;
  generator?: string;
}
export interface ProgressEvent {
  generationId: string;
  conversationId: string | null;
  stage: string;
  percent: number;
  note?: string;
}
export interface CompletedEvent {
  generationId: string;
  conversationId: string | null;
  modelId: string;
  name: string;
  urls: ModelUrls;
  stats: ModelStats;
  generator?: string;
  note?: string | null;
}

/** GET /api/3d/generators: what this server can make models with. */
export interface GeneratorInfo {
  id: string;
  name: string;
  input: 'text' | 'image';
  preferred: boolean;
}
export interface FailedEvent {
  generationId: string;
  conversationId: string | null;
  error: string;
  cancelled?: boolean;
}
export interface UpdatedEvent {
  generationId: string;
  conversationId: string | null;
  modelId: string;
  version: number;
  userId: string;
  urls: ModelUrls;
  stats: ModelStats;
}
