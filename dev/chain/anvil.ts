// Node-only: starts and stops the anvil binary in its own process group.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AnvilProcess {
  pid: number;
  host: string;
  port: number;
  rpcUrl: string;
  chainId: number;
  /** Kills the process group and resolves once anvil has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface StartAnvilOptions {
  port?: number;
  host?: string;
  chainId: number;
  /**
   * Called synchronously right after the process is spawned, before waiting for it to answer:
   * lets the caller do blocking work (compiling) while anvil boots. Called once per spawn attempt.
   */
  whileBooting?: () => void;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Path of the platform anvil binary shipped by @foundry-rs/anvil (or $ANVIL_BIN). */
export function anvilBinary(): string {
  const fromEnv = process.env.ANVIL_BIN;
  if (fromEnv) return fromEnv;
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const exe = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  const rel = join('node_modules', '@foundry-rs', `anvil-${process.platform}-${arch}`, 'bin', exe);
  let dir = here;
  for (;;) {
    const candidate = join(dir, rel);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`anvil binary not found (${rel}); install @foundry-rs/anvil with optional dependencies or set ANVIL_BIN`);
}

/** Asks the OS for a free TCP port on `host`. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

/** Rejects with a clear message when something already listens on host:port. */
export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`port ${host}:${port} is not free (${err.code ?? err.message})`)),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

// ---------------------------------------------------------------- cleanup of every child we start

const live = new Set<ChildProcess>();
let hooksInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

function killAllNow(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAllNow();
      // If nobody else handles the signal, behave like the default: die by it.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

async function rpcChainId(rpcUrl: string): Promise<number | undefined> {
  try {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1000),
    });
    const body = (await res.json()) as { result?: string };
    return body.result ? Number(body.result) : undefined;
  } catch {
    return undefined;
  }
}

async function rpcGenesisTimestamp(rpcUrl: string): Promise<number | undefined> {
  try {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: ['0x0', false] }),
      signal: AbortSignal.timeout(1000),
    });
    const body = (await res.json()) as { result?: { timestamp?: string } };
    return body.result?.timestamp ? Number(body.result.timestamp) : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startOnce(
  port: number,
  host: string,
  chainId: number,
  whileBooting?: () => void,
): Promise<AnvilProcess> {
  installHooks();
  // A genesis timestamp unique to this start (in the past, so later blocks use the clock) proves that
  // the node answering on `port` is ours: if another run grabbed the same free port first, our anvil
  // fails to bind while theirs answers with the same chain id, and both would seed one chain.
  const genesis = Math.floor(Date.now() / 1000) - 1_000_000 - Math.floor(Math.random() * 1_000_000);
  const child = spawn(
    anvilBinary(),
    ['--host', host, '--port', String(port), '--chain-id', String(chainId), '--accounts', '10', '--timestamp', String(genesis), '--quiet'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  live.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < 8000) stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
    live.delete(child);
  });
  // Never keep the parent alive just because anvil runs: exit hooks kill it.
  child.unref();
  (child.stderr as unknown as { unref?: () => void }).unref?.();

  try {
    whileBooting?.();
  } catch (err) {
    killGroup(child, 'SIGKILL');
    await exited;
    throw err;
  }

  const rpcUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (spawnError) throw spawnError;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`anvil exited early (code ${child.exitCode ?? child.signalCode}): ${stderr.trim()}`);
    }
    const id = await rpcChainId(rpcUrl);
    if (id !== undefined) {
      if (id !== chainId) {
        killGroup(child, 'SIGKILL');
        throw new Error(`port ${port} answers chain id ${id}, expected ${chainId} (another node on that port?)`);
      }
      const stamp = await rpcGenesisTimestamp(rpcUrl);
      if (stamp === undefined) continue; // not answering fully yet
      if (stamp !== genesis) {
        killGroup(child, 'SIGKILL');
        throw new Error(`port ${port} answers chain id ${id}, but another node's genesis (another node on that port?)`);
      }
      break;
    }
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL');
      throw new Error(`anvil did not answer eth_chainId on ${rpcUrl} within 15 s: ${stderr.trim()}`);
    }
    await sleep(25);
  }

  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid!,
    host,
    port,
    rpcUrl,
    chainId,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** Starts anvil on `port` (0/undefined = a free port; retried if the port was taken meanwhile). */
export async function startAnvil(opts: StartAnvilOptions): Promise<AnvilProcess> {
  const host = opts.host ?? '127.0.0.1';
  if (opts.port) {
    await assertPortFree(opts.port, host);
    return startOnce(opts.port, host, opts.chainId, opts.whileBooting);
  }
  let lastError: unknown;
  let booting = opts.whileBooting;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort(host);
    try {
      return await startOnce(port, host, opts.chainId, booting);
    } catch (err) {
      lastError = err;
      booting = undefined; // the blocking work is done (or failed) once
      if (err instanceof Error && !/exited early|did not answer|answers chain id/.test(err.message)) throw err;
    }
  }
  throw lastError;
}
