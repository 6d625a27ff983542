// Checks every export in a directory with the Khronos glTF Validator and three.js's loaders.
// Usage: node check-exports.mjs <dir>   -> prints one JSON object: { "<file>": { ...facts } }
import { readFileSync, readdirSync } from 'node:fs';
import { join, extname, dirname } from 'node:path';
import validator from 'gltf-validator';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { STLLoader } from 'three/examples/jsm/loaders/STLLoader.js';

// GLTFLoader consults navigator.userAgent to pick an image loader; Node 20 has no navigator.
if (typeof globalThis.navigator === 'undefined') globalThis.navigator = { userAgent: 'node' };
// FileLoader (used for data: URIs in embedded .gltf) reports progress with the browser's ProgressEvent.
if (typeof globalThis.ProgressEvent === 'undefined') {
  globalThis.ProgressEvent = class ProgressEvent extends Event {
    constructor(type, init = {}) { super(type); Object.assign(this, init); }
  };
}

const dir = process.argv[2];
if (!dir) { console.error('usage: node check-exports.mjs <dir>'); process.exit(2); }

const toArrayBuffer = (buf) => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);

function countMeshes(root) {
  let vertices = 0, triangles = 0, meshes = 0;
  const names = [];
  root.traverse((o) => {
    if (o.name) names.push(o.name);
    if (!o.isMesh) return;
    meshes++;
    const g = o.geometry;
    vertices += g.attributes.position.count;
    triangles += (g.index ? g.index.count : g.attributes.position.count) / 3;
  });
  return { vertices, triangles, meshes, names };
}

// Every edge of a closed surface must be used by exactly two triangles, once in each direction.
function watertight(positions) {
  const key = (i) => `${positions[i * 3]},${positions[i * 3 + 1]},${positions[i * 3 + 2]}`;
  const edges = new Map();
  const triangles = positions.length / 9;
  for (let t = 0; t < triangles; t++) {
    const k = [key(t * 3), key(t * 3 + 1), key(t * 3 + 2)];
    for (let e = 0; e < 3; e++) {
      const a = k[e], b = k[(e + 1) % 3];
      if (a === b) continue;
      const id = a < b ? `${a}|${b}` : `${b}|${a}`;
      const c = edges.get(id) || [0, 0];
      c[a < b ? 0 : 1]++;
      edges.set(id, c);
    }
  }
  let boundary = 0, nonManifold = 0, misoriented = 0;
  for (const [f, r] of edges.values()) {
    const n = f + r;
    if (n === 1) boundary++; else if (n > 2) nonManifold++; else if (f !== 1) misoriented++;
  }
  return { edges: edges.size, boundary, nonManifold, misoriented, watertight: edges.size > 0 && boundary + nonManifold + misoriented === 0 };
}

async function validate(file, bytes) {
  const report = await validator.validateBytes(new Uint8Array(bytes), {
    uri: file,
    maxIssues: 50,
    externalResourceFunction: (uri) => Promise.resolve(new Uint8Array(readFileSync(join(dirname(file), decodeURIComponent(uri))))),
  });
  return {
    errors: report.issues.numErrors,
    warnings: report.issues.numWarnings,
    messages: report.issues.messages.filter((m) => m.severity === 0).map((m) => `${m.code} ${m.pointer ?? ''} ${m.message}`),
  };
}

function parseGltf(data, path) {
  return new Promise((resolve, reject) => new GLTFLoader().parse(data, path, resolve, reject));
}

const result = {};
for (const name of readdirSync(dir).sort()) {
  const file = join(dir, name);
  const ext = extname(name).toLowerCase();
  const buf = readFileSync(file);
  const facts = { bytes: buf.length };
  try {
    if (ext === '.glb' || ext === '.gltf') {
      facts.validation = await validate(file, buf);
      const embedded = ext === '.glb' || buf.toString('utf8').includes('data:application');
      if (embedded) {
        const gltf = await parseGltf(ext === '.glb' ? toArrayBuffer(buf) : buf.toString('utf8'), '');
        Object.assign(facts, countMeshes(gltf.scene));
        const materials = new Set();
        gltf.scene.traverse((o) => { if (o.isMesh) materials.add(o.material); });
        facts.materials = [...materials].map((m) => ({ name: m.name, color: m.color.getHexString(), metalness: m.metalness, roughness: m.roughness, opacity: m.opacity }));
      }
    } else if (ext === '.obj') {
      Object.assign(facts, countMeshes(new OBJLoader().parse(buf.toString('utf8'))));
    } else if (ext === '.stl') {
      const geometry = new STLLoader().parse(toArrayBuffer(buf));
      const positions = geometry.attributes.position.array;
      facts.vertices = geometry.attributes.position.count;
      facts.triangles = facts.vertices / 3;
      facts.topology = watertight(positions);
    } else {
      continue;
    }
  } catch (e) {
    facts.loadError = String(e && e.stack ? e.stack : e);
  }
  result[name] = facts;
}
process.stdout.write(JSON.stringify(result));
