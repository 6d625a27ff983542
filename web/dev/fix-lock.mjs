// The npm registry mirror on our build machines serves only the linux builds of packages with per-platform optional
// binaries (e.g. @tailwindcss/oxide-*). `npm install` then writes a lock without the other platforms' entries and
// `npm ci` (run by web/pom.xml) refuses it ("Missing: ... from lock file"). This adds those entries back with their
// os/cpu constraints, exactly as npm writes them against the full registry; npm skips them on non-matching machines.
// Run after changing dependencies:  node dev/fix-lock.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const platform = {
  'android-arm64': { os: ['android'], cpu: ['arm64'] },
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'freebsd-x64': { os: ['freebsd'], cpu: ['x64'] },
  'linux-arm-gnueabihf': { os: ['linux'], cpu: ['arm'] },
  'linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
  'wasm32-wasi': { cpu: ['wasm32'] },
  'win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};
let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const target = `${path ? `${path}/` : ''}node_modules/${dep}`.replace(/^.*?(node_modules\/)/, '$1');
    if (lock.packages[target] || lock.packages[`${path}/node_modules/${dep}`]) continue;
    const suffix = Object.keys(platform).find((p) => dep.endsWith(`-${p}`));
    if (!suffix) continue; // not a per-platform binary: leave it to npm
    lock.packages[target] = {
      version,
      ...(pkg.dev ? { dev: true } : {}),
      optional: true,
      ...platform[suffix],
      engines: pkg.engines,
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} per-platform optional entries`);
