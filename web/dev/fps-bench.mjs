// 3D viewer frame-rate benchmark: serves dev/fps.html with Vite (no server jar needed), renders a scene of N objects
// in headless Chromium (WebGL through SwiftShader unless the machine has a GPU Chromium can use) and measures
// requestAnimationFrame intervals. Not a test: software GL on a small VM is far slower than any real GPU.
//   node dev/fps-bench.mjs [objects=50] [seconds=5]
import { createServer } from 'vite';
import { launchBrowser } from '../e2e/lib.mjs';

const objects = Number(process.argv[2] ?? 50);
const seconds = Number(process.argv[3] ?? 5);
const server = await createServer({
  configFile: new URL('../vite.config.ts', import.meta.url).pathname,
  server: { port: 0 },
  logLevel: 'warn',
});
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await launchBrowser({ webgl: true });
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 600 } });
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(`${url}dev/fps.html?objects=${objects}&seconds=${seconds}`);
  await page.waitForFunction(() => window.__fps, null, { timeout: (seconds + 60) * 1000, polling: 500 });
  const r = await page.evaluate(() => window.__fps);
  console.log(JSON.stringify(r));
  console.log(
    `${r.objects} objects, ${r.frames} frames in ${r.seconds.toFixed(1)} s: median ${r.medianFps} FPS, p95 frame ${r.p95FrameMs} ms (${r.renderer})`,
  );
} finally {
  await browser.close();
  await server.close();
}
