// Opens N idle websocket connections for one user and holds them for 60 s (used by idle-heap.sh).
import { io } from 'socket.io-client';

const [base, count] = [process.argv[2], Number(process.argv[3])];
const res = await fetch(`${base}/api/auth/register`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: `idle${Date.now() % 1e6}`, email: 'idle@example.com', password: 'password1' }),
});
const { token } = await res.json();
let connected = 0;
for (let i = 0; i < count; i++) {
  const s = io(base, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  s.on('connect', () => connected++);
  if (i % 200 === 199) await new Promise((r) => setTimeout(r, 300));
}
await new Promise((r) => setTimeout(r, 5000));
console.log(`connected ${connected}`);
setTimeout(() => process.exit(0), 60_000);
