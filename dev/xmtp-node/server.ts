// The HTTP/1.1 side: CORS, gRPC-web unary and server-streaming calls, fault injection, the
// request log, and listening on both loopback addresses.

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  corsHeaders,
  encodeDataFrame,
  encodeTrailerFrame,
  GRPC_WEB_CONTENT_TYPE,
  GrpcError,
  isGrpcWebRequest,
  preflightHeaders,
  requestMessage,
  Status,
} from './grpc-web.js';
import { PUBLISH_METHODS, PUBLISH_MOVED, STREAM_MOVED } from './migration.js';
import type { CallContext, MethodTable, StreamSink } from './rpc.js';

export interface RequestLogEntry {
  /** `package.Service/Method` */
  method: string;
  /** Request body size. */
  bytes: number;
  /** Response body size (all frames). */
  responseBytes: number;
  /** Unary: time to answer. Stream: how long it stayed open. */
  ms: number;
  /** gRPC status the call ended with (a stream the client closed counts as 1 CANCELLED). */
  status: number;
  stream: boolean;
  /** The caller's x-app-version header, when it sent one. */
  client?: string;
  /** Date.now() when the request arrived. */
  at: number;
}

export type LogOption = boolean | ((entry: RequestLogEntry) => void);

export interface ServerOptions {
  methods: MethodTable;
  log?: LogOption;
  /** Largest request body accepted (node-go's default receive limit is 50 MiB). */
  maxRequestBytes?: number;
  /** A stream whose unsent backlog exceeds this is aborted, like node-go drops slow readers. */
  maxStreamBacklogBytes?: number;
  /** How many entries requestLog keeps (oldest dropped first). */
  maxLogEntries?: number;
}

export interface ServerStats {
  requests: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
  openStreams: number;
  bytesIn: number;
  bytesOut: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const shortName = (entry: RequestLogEntry) => entry.method.replace(/^xmtp\.[a-z.]+\.v1\./, '');

export function formatLogEntry(entry: RequestLogEntry): string {
  const kind = entry.stream ? 'stream' : 'unary';
  return `[xmtp-node] ${String(entry.status).padStart(2)} ${kind} ${shortName(entry)} in=${entry.bytes}B out=${entry.responseBytes}B ${Math.round(entry.ms)}ms${entry.client ? ` (${entry.client})` : ''}`;
}

class ResponseSink implements StreamSink {
  closed = false;
  bytesOut = 0;
  status = Status.CANCELLED as number;
  #closers: Array<() => void> = [];

  constructor(
    private readonly res: ServerResponse,
    private readonly maxBacklog: number,
  ) {
    res.on('close', () => this.#finish());
  }

  send(message: Uint8Array): boolean {
    if (this.closed) return false;
    const frame = encodeDataFrame(message);
    this.bytesOut += frame.length;
    this.res.write(frame);
    if (this.res.writableLength > this.maxBacklog) {
      this.end(Status.ABORTED, 'caller did not read all messages fast enough');
      return false;
    }
    return true;
  }

  end(code: number = Status.OK, message = ''): void {
    if (this.closed) return;
    const trailer = encodeTrailerFrame(code, message);
    this.bytesOut += trailer.length;
    this.status = code;
    this.res.end(trailer);
    this.#finish();
  }

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.#closers.push(fn);
  }

  #finish(): void {
    if (this.closed && this.#closers.length === 0) return;
    this.closed = true;
    const closers = this.#closers;
    this.#closers = [];
    for (const fn of closers) {
      try {
        fn();
      } catch {
        // a failing cleanup must not keep the others from running
      }
    }
  }
}

async function listenOne(server: http.Server, port: number, host: string): Promise<http.Server> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/**
 * Listens with servers made by `create` on `host`. A loopback host (localhost, 127.0.0.1, ::1)
 * gets one server on 127.0.0.1 and one on ::1 with the same port, because Chromium may resolve
 * `localhost` to either; port 0 picks a port free on both. Shared by the node and its history
 * service.
 */
export async function listenOn(create: () => http.Server, port: number, host: string): Promise<{ servers: http.Server[]; port: number }> {
  const loopback = host === 'localhost' || host === '127.0.0.1' || host === '::1';
  if (!loopback) {
    const server = await listenOne(create(), port, host);
    return { servers: [server], port: (server.address() as AddressInfo).port };
  }
  for (let attempt = 0; ; attempt++) {
    const v4 = await listenOne(create(), port, '127.0.0.1');
    const chosen = (v4.address() as AddressInfo).port;
    try {
      return { servers: [v4, await listenOne(create(), chosen, '::1')], port: chosen };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return { servers: [v4], port: chosen }; // no IPv6 loopback here
      await new Promise<void>((resolve) => v4.close(() => resolve()));
      // A port chosen by the system for IPv4 may be taken on ::1; try another one.
      if (code !== 'EADDRINUSE' || port !== 0 || attempt >= 10) throw err;
    }
  }
}

/** The host as it goes in a URL the browser can use: a loopback or wildcard host becomes 127.0.0.1. */
export function urlHost(host: string): string {
  if (host === 'localhost' || host === '0.0.0.0' || host === '::' || host === '::1') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export class GrpcWebServer {
  readonly requestLog: RequestLogEntry[] = [];
  readonly #methods: MethodTable;
  readonly #log: LogOption;
  readonly #maxRequestBytes: number;
  readonly #maxBacklog: number;
  readonly #maxLogEntries: number;
  readonly #streams = new Set<ResponseSink>();
  readonly #servers: http.Server[] = [];
  readonly #sockets = new Set<Socket>();
  #moved = false;
  #failRemaining = 0;
  #failCode: number = Status.UNAVAILABLE;
  #latencyMs = 0;
  #requests = 0;
  #bytesIn = 0;
  #bytesOut = 0;
  readonly #byMethod: Record<string, number> = {};
  readonly #byStatus: Record<string, number> = {};

  constructor(options: ServerOptions) {
    this.#methods = options.methods;
    this.#log = options.log ?? false;
    this.#maxRequestBytes = options.maxRequestBytes ?? 50 * 1024 * 1024;
    this.#maxBacklog = options.maxStreamBacklogBytes ?? 16 * 1024 * 1024;
    this.#maxLogEntries = options.maxLogEntries ?? 20_000;
  }

  // --- faults ------------------------------------------------------------------------------------

  /** Ends every open server stream now with UNAVAILABLE, as a restarting proxy would. */
  dropStreams(): void {
    for (const sink of [...this.#streams]) sink.end(Status.UNAVAILABLE, 'stream dropped by fault injection');
  }

  /** The next `n` calls (unary or streaming) fail with `code` before reaching a handler. */
  failNext(n: number, code: number = Status.UNAVAILABLE): void {
    this.#failRemaining = Math.max(0, Math.floor(n));
    this.#failCode = code;
  }

  /**
   * After the cutover to XMTP D14N, as node-go behaves: queries are answered, every publish and every
   * stream (open ones at once) ends with UNAVAILABLE and node-go's message. `false` goes back.
   */
  setMoved(moved: boolean): void {
    this.#moved = moved;
    if (moved) for (const sink of [...this.#streams]) sink.end(Status.UNAVAILABLE, STREAM_MOVED);
  }

  /** Delays every call by `ms` before it is handled. */
  setLatency(ms: number): void {
    this.#latencyMs = Math.max(0, ms);
  }

  stats(): ServerStats {
    return {
      requests: this.#requests,
      byMethod: { ...this.#byMethod },
      byStatus: { ...this.#byStatus },
      openStreams: this.#streams.size,
      bytesIn: this.#bytesIn,
      bytesOut: this.#bytesOut,
    };
  }

  // --- listening ------------------------------------------------------------------------------------

  #createServer(): http.Server {
    const server = http.createServer({ noDelay: true, keepAlive: true }, (req, res) => {
      this.#handle(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500, corsHeaders(req.headers));
        res.end(String(err));
      });
    });
    server.requestTimeout = 0; // streams stay open as long as the client wants
    // Keep idle connections longer than Chromium reuses them, so a request is never sent on a
    // socket the server is closing at that moment (Node's default is 5 s).
    server.keepAliveTimeout = 120_000;
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    return server;
  }

  /**
   * Listens on `host`. For a loopback host (localhost, 127.0.0.1, ::1) it listens on both
   * 127.0.0.1 and ::1 with one port, because Chromium may resolve `localhost` to either.
   */
  async listen(port: number, host: string): Promise<number> {
    const { servers, port: chosen } = await listenOn(() => this.#createServer(), port, host);
    this.#servers.push(...servers);
    return chosen;
  }

  async close(): Promise<void> {
    for (const sink of [...this.#streams]) sink.end(Status.UNAVAILABLE, 'server is shutting down');
    const closed = this.#servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    for (const s of this.#servers) s.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
    await Promise.all(closed);
    this.#servers.length = 0;
  }

  // --- requests ------------------------------------------------------------------------------------

  #record(entry: RequestLogEntry): void {
    this.#requests++;
    this.#byMethod[entry.method] = (this.#byMethod[entry.method] ?? 0) + 1;
    this.#byStatus[entry.status] = (this.#byStatus[entry.status] ?? 0) + 1;
    this.#bytesIn += entry.bytes;
    this.#bytesOut += entry.responseBytes;
    this.requestLog.push(entry);
    if (this.requestLog.length > this.#maxLogEntries) this.requestLog.splice(0, this.requestLog.length - this.#maxLogEntries);
    if (this.#log === true) process.stderr.write(formatLogEntry(entry) + '\n');
    else if (typeof this.#log === 'function') this.#log(entry);
  }

  async #readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.#maxRequestBytes) return undefined;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, preflightHeaders(req.headers));
      res.end();
      return;
    }
    const cors = corsHeaders(req.headers);
    if (req.method === 'GET' && (req.url === '/' || req.url === '/health')) {
      res.writeHead(200, { ...cors, 'content-type': 'text/plain' });
      res.end('xmtp dev node: gRPC-web for xmtp.identity.api.v1.IdentityApi and xmtp.mls.api.v1.MlsApi\n');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { ...cors, allow: 'POST, OPTIONS' });
      res.end();
      return;
    }
    if (!isGrpcWebRequest(req.headers['content-type'])) {
      res.writeHead(415, { ...cors, 'content-type': 'text/plain' });
      res.end('only binary gRPC-web (application/grpc-web+proto) is served here\n');
      return;
    }

    const started = performance.now();
    const at = Date.now();
    const path = (req.url ?? '/').split('?')[0]!;
    const methodName = path.replace(/^\//, '');
    const appVersion = req.headers['x-app-version'];
    const ctx: CallContext = { path, appVersion: typeof appVersion === 'string' ? appVersion : undefined };
    const method = this.#methods[path];
    const headers = { ...cors, 'content-type': GRPC_WEB_CONTENT_TYPE, 'cache-control': 'no-store' };
    const logBase = { method: methodName, client: ctx.appVersion, at, stream: method?.kind === 'stream' };

    const finishWithStatus = (code: number, message: string, bytes: number) => {
      const trailer = encodeTrailerFrame(code, message);
      if (!res.headersSent) res.writeHead(200, { ...headers, 'content-length': trailer.length });
      res.end(trailer);
      this.#record({ ...logBase, bytes, responseBytes: trailer.length, ms: performance.now() - started, status: code });
    };

    const body = await this.#readBody(req);
    if (!body) return finishWithStatus(Status.RESOURCE_EXHAUSTED, 'request too large', this.#maxRequestBytes);
    if (this.#latencyMs > 0) await sleep(this.#latencyMs);
    if (res.destroyed) return;
    if (this.#failRemaining > 0) {
      this.#failRemaining--;
      return finishWithStatus(this.#failCode, 'injected failure (dev node fault injection)', body.length);
    }
    if (!method) return finishWithStatus(Status.UNIMPLEMENTED, `unknown method ${methodName}`, body.length);
    if (this.#moved && (method.kind === 'stream' || PUBLISH_METHODS.has(methodName))) {
      return finishWithStatus(Status.UNAVAILABLE, method.kind === 'stream' ? STREAM_MOVED : PUBLISH_MOVED, body.length);
    }

    let message: Uint8Array;
    try {
      message = requestMessage(body);
    } catch (err) {
      const e = err instanceof GrpcError ? err : new GrpcError(Status.INTERNAL, String(err));
      return finishWithStatus(e.code, e.message, body.length);
    }

    if (method.kind === 'unary') {
      let response: Uint8Array;
      try {
        response = await method.handle(message, ctx);
      } catch (err) {
        const e = err instanceof GrpcError ? err : new GrpcError(Status.INTERNAL, (err as Error).message ?? String(err));
        return finishWithStatus(e.code, e.message, body.length);
      }
      const out = Buffer.concat([encodeDataFrame(response), encodeTrailerFrame(Status.OK)]);
      res.writeHead(200, { ...headers, 'content-length': out.length });
      res.end(out);
      this.#record({ ...logBase, bytes: body.length, responseBytes: out.length, ms: performance.now() - started, status: Status.OK });
      return;
    }

    // Server streaming: headers right away (the client's fetch resolves on them), then frames.
    res.writeHead(200, headers);
    res.flushHeaders();
    const sink = new ResponseSink(res, this.#maxBacklog);
    this.#streams.add(sink);
    sink.onClose(() => {
      this.#streams.delete(sink);
      this.#record({ ...logBase, bytes: body.length, responseBytes: sink.bytesOut, ms: performance.now() - started, status: sink.status });
    });
    try {
      method.open(message, sink, ctx);
    } catch (err) {
      const e = err instanceof GrpcError ? err : new GrpcError(Status.INTERNAL, (err as Error).message ?? String(err));
      sink.end(e.code, e.message);
    }
  }
}
