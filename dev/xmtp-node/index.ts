// A local XMTP node for tests and the offline demo: the V3 ("node-go") identity and MLS APIs
// over binary gRPC-web, enough for the unmodified @xmtp/browser-sdk with
// `{ env: 'local', apiUrl: node.url }`. See PROTOCOL.md beside this file for the protocol facts.

import { Status } from './grpc-web.js';
import { identityMethods } from './identity.js';
import { migrationMethods } from './migration.js';
import { mlsMethods } from './mls.js';
import { startHistoryService, type HistoryService } from './history.js';
import { GrpcWebServer, urlHost, type LogOption, type RequestLogEntry, type ServerStats } from './server.js';
import { ScwVerifier, type ScwChains } from './scw.js';
import { Store, type Limits } from './store.js';

export { Status } from './grpc-web.js';
export type { RequestLogEntry } from './server.js';
export type { Limits } from './store.js';
export type { HistoryLogEntry, HistoryService } from './history.js';
export type { ScwChains, ScwVerifier } from './scw.js';

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
  /**
   * The message-history service device sync uploads archives to, on a listener of its own:
   * its port (0 or omitted: a free one), or `false` for none. With `dataDir`, archives are
   * kept in `DIR/history/`.
   */
  historyPort?: number | false;
  /**
   * Chains whose smart-contract wallets (ERC-1271) the node verifies: chain id (`31337` or
   * `eip155:31337`) -> JSON-RPC URL. `VerifySmartContractWalletSignatures` calls
   * `isValidSignature(hash, signature)` there; an account on any other chain is answered invalid,
   * with the validation service's "no verifier" error. More can be added later (`node.scw.addChain`).
   */
  chains?: ScwChains;
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
  /**
   * The network moves to XMTP D14N: from `atNs` (nanoseconds since the epoch; default now) the
   * migration API publishes that time and, once it has passed, publishes and streams are refused with
   * node-go's messages while queries are still answered. `null` takes it back.
   */
  cutover(atNs?: bigint | null): void;
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
  /**
   * The history service's URL (`http://127.0.0.1:PORT`): the SDK's history sync URL, passed to
   * `client.sendSyncRequest(options, historyUrl)`. Undefined with `historyPort: false`.
   */
  historyUrl?: string;
  /** The history service itself (its request log and archive count), when it runs. */
  history?: HistoryService;
  /** The smart-contract wallet verifier: `scw.addChain(chainId, rpcUrl)`, `scw.chains`. */
  scw: ScwVerifier;
}

export async function startXmtpNode(opts: XmtpNodeOptions = {}): Promise<XmtpNode> {
  const host = opts.host ?? '127.0.0.1';
  const store = new Store({ dataDir: opts.dataDir, limits: opts.limits });
  const scw = new ScwVerifier(opts.chains);
  let cutoverNs = 0n;
  let cutoverTimer: ReturnType<typeof setTimeout> | undefined;
  const server = new GrpcWebServer({
    methods: { ...identityMethods(store, scw), ...mlsMethods(store), ...migrationMethods(() => cutoverNs) },
    log: opts.log,
  });
  let port: number;
  let history: HistoryService | undefined;
  try {
    port = await server.listen(opts.port ?? 0, host);
    if (opts.historyPort !== false) {
      history = await startHistoryService({ port: opts.historyPort ?? 0, host, dataDir: opts.dataDir });
    }
  } catch (err) {
    await server.close();
    store.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    historyUrl: history?.url,
    history,
    scw,
    store,
    limits: store.limits,
    requestLog: server.requestLog,
    faults: {
      dropStreams: () => server.dropStreams(),
      failNext: (n, code = Status.UNAVAILABLE) => server.failNext(n, code),
      setLatency: (ms) => server.setLatency(ms),
      cutover: (atNs = BigInt(Date.now()) * 1_000_000n) => {
        clearTimeout(cutoverTimer);
        cutoverNs = atNs ?? 0n;
        server.setMoved(false);
        if (atNs === null) return;
        const wait = Number(atNs / 1_000_000n) - Date.now();
        if (wait <= 0) server.setMoved(true);
        else cutoverTimer = setTimeout(() => server.setMoved(true), wait);
      },
    },
    stats: () => ({ ...server.stats(), ...store.counts() }),
    close: () => {
      clearTimeout(cutoverTimer);
      return (closing ??= Promise.all([server.close(), history?.close()]).then(
        () => store.close(),
        (err: unknown) => {
          store.close();
          throw err;
        },
      ));
    },
  };
}
