// A local XMTP node for tests and the offline demo: the V3 ("node-go") identity and MLS APIs
// over binary gRPC-web, enough for the unmodified @xmtp/browser-sdk with
// `{ env: 'local', apiUrl: node.url }`. See shared/docs/xmtp-devnode.md for the protocol facts.

import { Status } from './grpc-web.js';
import { identityMethods } from './identity.js';
import { mlsMethods } from './mls.js';
import { GrpcWebServer, type LogOption, type RequestLogEntry, type ServerStats } from './server.js';
import { Store, type Limits } from './store.js';

export { Status } from './grpc-web.js';
export type { RequestLogEntry } from './server.js';
export type { Limits } from './store.js';

export interface XmtpNodeOptions {
  /** 0 or omitted: a free port chosen by the system. */
  port?: number;
  /** Default 127.0.0.1. A loopback host (localhost, 127.0.0.1, ::1) listens on 127.0.0.1 and ::1. */
  host?: string;
  /** Keep state in an append-only log here, replayed on start. In memory when omitted. */
  dataDir?: string;
  limits?: Partial<Limits>;
  /**
   * `true` prints one line per call to stderr; a function receives each entry. Entries are
   * kept in `requestLog` either way (the newest 20,000).
   */
  log?: LogOption;
}

export interface XmtpNodeStats extends ServerStats {
  groups: number;
  groupMessages: number;
  welcomes: number;
  keyPackages: number;
  inboxes: number;
  identityUpdates: number;
  commitLogEntries: number;
}

export interface XmtpNodeFaults {
  /** End every open server stream now (grpc-status 14 UNAVAILABLE in the trailer). */
  dropStreams(): void;
  /** The next `n` calls fail with `code` (default 14 UNAVAILABLE, which the client retries). */
  failNext(n: number, code?: number): void;
  /** Delay every call by `ms` (0 turns it off). */
  setLatency(ms: number): void;
}

export interface XmtpNode {
  /** `http://127.0.0.1:PORT` (or the host it was told to use). */
  url: string;
  port: number;
  close(): Promise<void>;
  faults: XmtpNodeFaults;
  requestLog: RequestLogEntry[];
  stats(): XmtpNodeStats;
  /** The node's state, for tests that want to look inside. */
  store: Store;
  limits: Limits;
}

function urlHost(host: string): string {
  if (host === 'localhost' || host === '0.0.0.0' || host === '::' || host === '::1') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startXmtpNode(opts: XmtpNodeOptions = {}): Promise<XmtpNode> {
  const host = opts.host ?? '127.0.0.1';
  const store = new Store({ dataDir: opts.dataDir, limits: opts.limits });
  const server = new GrpcWebServer({
    methods: { ...identityMethods(store), ...mlsMethods(store) },
    log: opts.log,
  });
  let port: number;
  try {
    port = await server.listen(opts.port ?? 0, host);
  } catch (err) {
    store.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    store,
    limits: store.limits,
    requestLog: server.requestLog,
    faults: {
      dropStreams: () => server.dropStreams(),
      failNext: (n, code = Status.UNAVAILABLE) => server.failNext(n, code),
      setLatency: (ms) => server.setLatency(ms),
    },
    stats: () => ({ ...server.stats(), ...store.counts() }),
    close: () =>
      (closing ??= server.close().finally(() => {
        store.close();
      })),
  };
}
