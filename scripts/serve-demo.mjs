#!/usr/bin/env node
/**
 * Serves the built simulator (examples/simulator/dist/) on 127.0.0.1 with node:http, and
 * prints its URL. `npm run demo:web` builds first; this only serves.
 *
 *   PORT=8080 node scripts/serve-demo.mjs    # default 5173; PORT=0 picks a free port
 *   HOST=0.0.0.0 … to listen beyond loopback (not the default).
 *
 * The first line on stdout is always `simulator: <url>` (the e2e test reads it).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../examples/simulator/dist');
const host = process.env.HOST || '127.0.0.1';
const port = process.env.PORT === undefined || process.env.PORT === '' ? 5173 : Number(process.env.PORT);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

try {
  await stat(path.join(root, 'index.html'));
} catch {
  console.error(`${path.relative(process.cwd(), root)}/index.html not found: run \`node examples/simulator/build.mjs\` (or \`npm run demo:web\`).`);
  process.exit(1);
}

const server = http.createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}`);
  }
});

server.on('error', (error) => {
  console.error(`cannot listen on ${host}:${port}: ${error.message}${error.code === 'EADDRINUSE' ? ' (set PORT to another port, or PORT=0 for any free one)' : ''}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const address = server.address();
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  console.log(`simulator: http://${shown}:${address.port}/`);
  console.log('Ctrl+C to stop.');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
