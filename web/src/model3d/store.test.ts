import { describe, expect, it, beforeEach } from 'vitest';
import { stageLabel, useModel3dStore } from './store';

const urls = { glb: '/g', gltf: '/t', obj: '/o', stl: '/s' };
const stats = { triangles: 12, vertices: 8, objects: 1, bounds: { min: [0, 0, 0], max: [1, 1, 1], size: [1, 1, 1] } };

describe('model3d store: external generators and fall-back notes', () => {
  beforeEach(() => useModel3dStore.getState().reset());

  it('keeps the requested generator and the note a fall-back adds, on the card and on the model', () => {
    const s = useModel3dStore.getState;
    s().started({
      generationId: 'g1',
      conversationId: 'c1',
      description: 'a red rocket',
      userId: 'u1',
      username: 'ada',
      generator: 'meshy',
    });
    s().progress({ generationId: 'g1', conversationId: 'c1', stage: 'remote', percent: 40 });
    expect(s().generations.g1.generator).toBe('meshy');
    expect(s().generations.g1.note).toBeNull();
    expect(stageLabel(s().generations.g1.stage, s().generations.g1.generator)).toBe('Generating with Meshy');

    const note = 'Meshy timed out; made with the built-in engine instead';
    s().progress({ generationId: 'g1', conversationId: 'c1', stage: 'build', percent: 50, note });
    expect(s().generations.g1.note).toBe(note);
    // A later event without the note does not erase it.
    s().progress({ generationId: 'g1', conversationId: 'c1', stage: 'process', percent: 80 });
    expect(s().generations.g1.note).toBe(note);

    s().completed({
      generationId: 'g1',
      conversationId: 'c1',
      modelId: 'g1',
      name: 'a red rocket',
      urls,
      stats,
      generator: 'procedural',
      note,
    });
    expect(s().generations.g1.status).toBe('completed');
    expect(s().models.g1.note).toBe(note);
    expect(s().models.g1.generator).toBe('procedural');
  });

  it('takes generator and note from a loaded summary, and an edited version is the engine’s', () => {
    const s = useModel3dStore.getState;
    s().modelLoaded({
      id: 'm1',
      name: 'rocket',
      description: 'a rocket',
      status: 'completed',
      ownerId: 'u1',
      ownerUsername: 'ada',
      conversationId: 'c1',
      options: null,
      tags: [],
      version: 1,
      stats,
      urls,
      error: null,
      createdAt: '2026-11-21T00:00:00Z',
      updatedAt: '2026-11-21T00:00:00Z',
      generator: 'meshy',
      note: null,
    });
    expect(s().models.m1.generator).toBe('meshy');
    expect(s().models.m1.note).toBeNull();
    s().modelUpdated({ generationId: 'm1', conversationId: 'c1', modelId: 'm1', version: 2, userId: 'u1', urls, stats });
    expect(s().models.m1.generator).toBe('procedural');
  });

  it('labels the new stages', () => {
    expect(stageLabel('submit')).toBe('Sending the request');
    expect(stageLabel('download')).toBe('Downloading the model');
    expect(stageLabel('remote', 'stability')).toBe('Generating with Stable Fast 3D');
    expect(stageLabel('remote', 'procedural')).toBe('Generating remotely');
  });
});
