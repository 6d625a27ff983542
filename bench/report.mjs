#!/usr/bin/env node
// Prints the side-by-side table (Markdown) of one bench/run.sh results folder, with ratios Kiln / reference.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) { console.error('usage: node report.mjs <results dir>'); process.exit(2); }
const load = (name) => (existsSync(join(dir, `${name}.json`)) ? JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) : null);
const k = { idle: load('kiln-idle'), chat: load('kiln-chat'), warmup: load('kiln-chat-warmup') };
const r = { idle: load('reference-idle'), chat: load('reference-chat'), warmup: load('reference-chat-warmup') };

const get = (o, path) => path.split('.').reduce((x, p) => (x == null ? undefined : x[p]), o);
const fmt = (v, d) => (v == null || Number.isNaN(v) ? 'n/a' : Number(v).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
const rows = [
  ['(a) connections held', 'idle', 'hold.stillConnected', 0],
  ['(a) connect failures', 'idle', 'connect.failed', 0],
  ['(a) time to open all, s', 'idle', 'connect.seconds', 1],
  ['(a) server RSS before connecting, MiB', 'idle', 'rssMiB.baseline', 0],
  ['(a) server RSS peak while connecting, MiB', 'idle', 'rssMiB.peakConnecting', 0],
  ['(a) server RSS with all held, MiB', 'idle', 'rssMiB.endHeld', 0],
  ['(a) server RSS peak while held, MiB', 'idle', 'rssMiB.peakHeld', 0],
  ['(a) RSS growth per connection, KiB', 'idle', 'rssMiB.perConnectionKiB', 1],
  ['(b) clients connected', 'chat', 'connect.ok', 0],
  ['(b) messages sent / acked', 'chat', (x) => (x ? `${fmt(x.chat.sent, 0)} / ${fmt(x.chat.acksOk, 0)}` : 'n/a'), null],
  ['(b) deliveries expected', 'chat', 'chat.expectedDeliveries', 0],
  ['(b) deliveries lost', 'chat', 'chat.lost', 0],
  ['(b) deliveries/s', 'chat', 'chat.deliveriesPerSecond', 0],
  ['(b) latency p50, ms', 'chat', 'chat.latencyMs.50', 1],
  ['(b) latency p95, ms', 'chat', 'chat.latencyMs.95', 1],
  ['(b) latency p99, ms', 'chat', 'chat.latencyMs.99', 1],
  ['(b) latency max, ms', 'chat', 'chat.latencyMs.100', 1],
  ['(b) send→ack p99, ms', 'chat', 'chat.ackLatencyMs.99', 1],
  ['(b) warm-up round before it: lost / p99, ms', 'warmup', (x) => (x ? `${fmt(x.chat.lost, 0)} / ${fmt(x.chat.latencyMs['99'], 1)}` : 'n/a'), null],
  ['(b) server RSS peak, MiB', 'chat', 'rssMiB.peakRun', 0],
  ['(b) server CPU during run, s', 'chat', 'chat.serverCpuSeconds', 1],
  ['(b) load-generator CPU during run, s', 'chat', 'chat.clientCpuSeconds', 1],
  ['(b) load-generator event-loop delay p99, ms', 'chat', 'chat.clientLoopDelayP99Ms', 1],
];
const status = (name) => {
  const f = join(dir, `${name}.status`);
  if (!existsSync(f)) return 'n/a';
  const t = readFileSync(f, 'utf8');
  return /SERVER DIED/.test(t) ? '**died** (' + (/OutOfMemoryError[^\n]*/.exec(t)?.[0] || 'see log') + ')' : (/failed/.test(t) ? 'load generator failed' : 'yes');
};
console.log('| metric | Kiln | reference (Node socket.io, in memory) | Kiln / reference |');
console.log('|---|---:|---:|---:|');
console.log(`| (a) server survived | ${status('kiln-idle')} | ${status('reference-idle')} | |`);
console.log(`| (b) server survived | ${status('kiln-chat')} | ${status('reference-chat')} | |`);
for (const [name, sc, path, d] of rows) {
  if (typeof path === 'function') { console.log(`| ${name} | ${path(k[sc])} | ${path(r[sc])} | |`); continue; }
  const kv = get(k[sc], path), rv = get(r[sc], path);
  const ratio = kv != null && rv != null && rv !== 0 ? fmt(kv / rv, 2) : (kv === 0 && rv === 0 ? '—' : 'n/a');
  console.log(`| ${name} | ${fmt(kv, d)} | ${fmt(rv, d)} | ${ratio} |`);
}
const notes = [];
for (const [who, x] of [['kiln', k], ['reference', r]]) {
  for (const sc of ['idle', 'chat']) {
    const e = [...(get(x[sc], 'connect.errorSamples') || []), ...(get(x[sc], 'chat.errorSamples') || [])];
    if (e.length) notes.push(`${who} ${sc}: ${e.join('; ')}`);
  }
}
if (notes.length) console.log('\nerrors seen: ' + notes.join(' | '));
