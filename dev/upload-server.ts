/**
 * The local attachment store for the offline demo and the tests: the `upload(bytes, info)` hook's
 * other end. Content-addressed (a file's name is the hex SHA-256 of its bytes, which for an
 * encrypted remote attachment is its `contentDigest`), kept in memory, with CORS for any page and
 * a size limit.
 *
 *   POST /upload         body = the bytes  → 201 { "url": "<origin>/f/<sha256>" }   (413 over the limit)
 *   GET  /f/<sha256>     → the bytes (application/octet-stream), 404 if unknown
 *   GET  /f/<sha256>?delay=<ms>   the same, answered after a delay (timeout tests)
 *   GET  /f/<sha256>?corrupt=1    the bytes with one flipped (digest-mismatch tests)
 *   GET  /f/<sha256>?truncate=1   the bytes without the last one (length-mismatch tests)
 *
 * A real deployment uses https storage; the kit fetches this plain-http origin only because the
 * page configures it as the development origin (`attachments.devOrigin`).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UploadServer {
  /** `http://127.0.0.1:<port>`, the origin to configure as `attachments.devOrigin`. */
  url: string;
  /** The upload endpoint (POST). */
  uploadUrl: string;
  /** How many files it holds (tests). */
  count(): number;
  close(): Promise<void>;
}

export const DEFAULT_UPLOAD_LIMIT = 25 * 1024 * 1024;

function cors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Filename');
  res.setHeader('Access-Control-Max-Age', '600');
}

export async function startUploadServer(options: { port?: number; host?: string; limit?: number } = {}): Promise<UploadServer> {
  const limit = options.limit ?? DEFAULT_UPLOAD_LIMIT;
  const host = options.host ?? '127.0.0.1';
  const files = new Map<string, Buffer>();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  const readBody = (req: IncomingMessage): Promise<Buffer | null> =>
    new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > limit) return resolve(null);
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          resolve(null);
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const server = createServer((req, res) => {
    cors(res);
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/upload') {
      readBody(req).then(
        (body) => {
          if (!body) {
            res.writeHead(413, { 'Content-Type': 'application/json', Connection: 'close' }).end(JSON.stringify({ error: `over the ${limit}-byte limit` }));
            return;
          }
          const name = createHash('sha256').update(body).digest('hex');
          files.set(name, body);
          res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ url: `${origin}/f/${name}` }));
        },
        () => res.writeHead(400).end(),
      );
      return;
    }
    const match = /^\/f\/([0-9a-f]{64})$/.exec(url.pathname);
    if (req.method === 'GET' && match) {
      const body = files.get(match[1]!);
      if (!body) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const out = url.searchParams.has('corrupt') ? Buffer.from(body) : url.searchParams.has('truncate') ? body.subarray(0, Math.max(0, body.length - 1)) : body;
      if (url.searchParams.has('corrupt') && out.length) out[0]! ^= 1;
      const send = () => res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': out.length }).end(out);
      const delay = Number(url.searchParams.get('delay') ?? 0);
      if (delay > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) send();
        }, delay);
        timers.add(timer);
      } else send();
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    uploadUrl: `${origin}/upload`,
    count: () => files.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
