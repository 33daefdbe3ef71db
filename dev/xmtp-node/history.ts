// The message-history service XMTP device sync expects next to a node: one installation of a
// wallet uploads an encrypted archive of its messages, another downloads it by id. Mirrors
// XMTP's own server (xmtp/xmtp-message-history-server, the `HistorySyncUrls` of the SDK):
//
//   POST /upload      the raw archive as the body, at most 15,000,000 bytes (else 400);
//                     200 with a new random id (a UUID v4) as the text body
//   GET  /files/{id}  200 with the bytes as application/octet-stream, or 404
//   GET  /            200 (health)
//   CORS open to any origin, preflights answered.
//
// It is a listener of its own, not a path of the node's: the SDK names it with a URL of its own
// (`HistorySyncUrls.local` is http://localhost:5558 beside the node's 5557), so the CLI's
// defaults serve the SDK's `env: 'local'` as is, and the node's fault injection, request log and
// stats stay about gRPC calls. The service sees only ciphertext: libxmtp encrypts the archive
// with a fresh key that travels in the (MLS-encrypted) device-sync group, never here.
//
// Ids are random, not content hashes: one id must not tell anything about another, and the same
// archive uploaded twice is two files. Archives older than 7 days are forgotten, as on the real
// server (its cleanup runs every 4 hours; here an expired archive is gone at the next request).

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { listenOn, urlHost } from './server.js';

/** XMTP's limit (FILESIZE_LIMIT of the message-history server). */
export const MAX_ARCHIVE_BYTES = 15_000_000;
/** How long an archive is kept (the real server deletes files a week old). */
export const ARCHIVE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Where archives live under the node's data dir. */
export const HISTORY_DIR = 'history';

export interface HistoryServiceOptions {
  /** 0 or omitted: a free port chosen by the system. */
  port?: number;
  /** Default 127.0.0.1; a loopback host listens on 127.0.0.1 and ::1 like the node. */
  host?: string;
  /** Keep archives as files in `DIR/history/` (kept across restarts). In memory when omitted. */
  dataDir?: string;
  /** Default MAX_ARCHIVE_BYTES. */
  maxBytes?: number;
  /** Default ARCHIVE_TTL_MS. */
  ttlMs?: number;
  /** The clock (tests move it forward). */
  now?: () => number;
}

export interface HistoryLogEntry {
  method: string;
  /** `/upload`, `/files/{id}`, ... */
  path: string;
  status: number;
  /** Request body bytes (uploads) or response body bytes (downloads). */
  bytes: number;
  /** The id an upload was given. */
  id?: string;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface HistoryService {
  /** `http://127.0.0.1:PORT`: what the SDK calls the history sync URL. */
  url: string;
  port: number;
  /** Every request answered, in order (the newest 1,000). */
  log: HistoryLogEntry[];
  /** How many archives are stored now. */
  count(): number;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_LOG = 1_000;

/** CORS for every answer: any origin (echoed, so credentials would work too), like actix's allow_any_origin. */
export function historyCorsHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const origin = headers.origin;
  return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { 'access-control-allow-origin': '*' };
}

/** The answer to a preflight: any method, any requested header, cached for an hour. */
export function historyPreflightHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return {
    ...historyCorsHeaders(headers),
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': headers['access-control-request-headers'] ?? 'content-type',
    'access-control-max-age': '3600',
    // Chromium's Private Network Access asks before a public page may reach loopback.
    ...(headers['access-control-request-private-network'] === 'true' ? { 'access-control-allow-private-network': 'true' } : {}),
    'content-length': '0',
  };
}

/** Where archives are kept: a Map in memory, or one file per id (written whole, then renamed). */
interface ArchiveStore {
  put(id: string, data: Buffer, at: number): void;
  get(id: string): Buffer | undefined;
  /** Forgets archives stored before `cutoff`. */
  expire(cutoff: number): void;
  count(): number;
}

function memoryStore(): ArchiveStore {
  const archives = new Map<string, { data: Buffer; at: number }>();
  return {
    put: (id, data, at) => void archives.set(id, { data, at }),
    get: (id) => archives.get(id)?.data,
    expire(cutoff) {
      for (const [id, a] of archives) if (a.at < cutoff) archives.delete(id);
    },
    count: () => archives.size,
  };
}

function fileStore(dir: string): ArchiveStore {
  fs.mkdirSync(dir, { recursive: true });
  const file = (id: string) => path.join(dir, id);
  const ids = () => fs.readdirSync(dir).filter((name) => UUID.test(name));
  return {
    put(id, data, at) {
      const tmp = `${file(id)}.part`;
      fs.writeFileSync(tmp, data);
      fs.utimesSync(tmp, at / 1000, at / 1000);
      fs.renameSync(tmp, file(id));
    },
    get(id) {
      try {
        return fs.readFileSync(file(id));
      } catch {
        return undefined;
      }
    },
    expire(cutoff) {
      for (const id of ids()) {
        if (fs.statSync(file(id)).mtimeMs < cutoff) fs.rmSync(file(id), { force: true });
      }
    },
    count: () => ids().length,
  };
}

/**
 * Reads the whole body. Past `max` bytes the rest is read and dropped (not kept), so the client
 * finishes sending and reads the 400 instead of a reset connection.
 */
async function readBody(req: IncomingMessage, max: number): Promise<{ data: Buffer; size: number; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
    else chunks.length = 0;
  }
  return { data: size <= max ? Buffer.concat(chunks) : Buffer.alloc(0), size, tooLarge: size > max };
}

export async function startHistoryService(opts: HistoryServiceOptions = {}): Promise<HistoryService> {
  const host = opts.host ?? '127.0.0.1';
  const maxBytes = opts.maxBytes ?? MAX_ARCHIVE_BYTES;
  const ttlMs = opts.ttlMs ?? ARCHIVE_TTL_MS;
  const now = opts.now ?? Date.now;
  const store = opts.dataDir ? fileStore(path.join(opts.dataDir, HISTORY_DIR)) : memoryStore();
  store.expire(now() - ttlMs);
  const log: HistoryLogEntry[] = [];
  const sockets = new Set<Socket>();

  const record = (entry: HistoryLogEntry) => {
    log.push(entry);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = now();
    const method = req.method ?? 'GET';
    const urlPath = (req.url ?? '/').split('?')[0]!;
    const cors = historyCorsHeaders(req.headers);
    const answer = (status: number, body: string | Buffer = '', headers: OutgoingHttpHeaders = {}, extra: Partial<HistoryLogEntry> = {}) => {
      res.writeHead(status, { ...cors, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...headers });
      res.end(body);
      record({ method, path: urlPath, status, bytes: 0, at, ...extra });
    };

    if (method === 'OPTIONS') {
      res.writeHead(204, historyPreflightHeaders(req.headers));
      res.end();
      record({ method, path: urlPath, status: 204, bytes: 0, at });
      return;
    }
    store.expire(at - ttlMs);

    if (urlPath === '/upload') {
      if (method !== 'POST') return answer(405, '', { allow: 'POST, OPTIONS' });
      const body = await readBody(req, maxBytes);
      if (body.tooLarge) return answer(400, `archive larger than ${maxBytes} bytes\n`, { 'content-type': 'text/plain' }, { bytes: body.size });
      const id = randomUUID();
      store.put(id, body.data, at);
      return answer(200, id, { 'content-type': 'text/plain; charset=utf-8' }, { bytes: body.size, id });
    }

    const file = /^\/files\/([^/]+)$/.exec(urlPath);
    if (file) {
      if (method !== 'GET' && method !== 'HEAD') return answer(405, '', { allow: 'GET, OPTIONS' });
      // The real server parses the id as a UUID (any case); anything else is not found.
      const id = decodeURIComponent(file[1]!).toLowerCase();
      const data = UUID.test(id) ? store.get(id) : undefined;
      if (!data) return answer(404, 'File not found\n', { 'content-type': 'text/plain' }, { id });
      res.writeHead(200, { ...cors, 'cache-control': 'no-store', 'content-type': 'application/octet-stream', 'content-length': data.length });
      res.end(method === 'HEAD' ? undefined : data);
      record({ method, path: urlPath, status: 200, bytes: data.length, id, at });
      return;
    }

    if (urlPath === '/') {
      if (method !== 'GET' && method !== 'HEAD') return answer(405, '', { allow: 'GET, OPTIONS' });
      return answer(200, 'xmtp dev node: message-history service (POST /upload, GET /files/{id})\n', { 'content-type': 'text/plain' });
    }
    return answer(404, 'not found\n', { 'content-type': 'text/plain' });
  }

  const create = () => {
    const server = http.createServer({ noDelay: true, keepAlive: true }, (req, res) => {
      handle(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500, historyCorsHeaders(req.headers));
        res.end(String(err));
      });
    });
    server.keepAliveTimeout = 120_000;
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    return server;
  };
  const { servers, port } = await listenOn(create, opts.port ?? 0, host);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    log,
    count: () => store.count(),
    close: () =>
      (closing ??= (async () => {
        const closed = servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
        for (const s of servers) s.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await Promise.all(closed);
      })()),
  };
}
