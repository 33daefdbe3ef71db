/**
 * Runs `npm start` (dev/start.ts) as a visitor's machine would, in a process
 * group of its own, on free ports and a temporary state folder, with the
 * already built dist/ (`--no-build`): resolves once it printed its URLs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NpmStart {
  pageUrl: string;
  cdnUrl: string;
  rpcUrl: string;
  xmtpUrl: string;
  /** Everything it printed so far. */
  output(): string;
  /** Stops it (SIGTERM to its group) and waits for it to exit. */
  close(): Promise<void>;
}

const FREE_PORTS = ['--port', '--cdn-port', '--chain-port', '--xmtp-port', '--history-port', '--lens-port', '--registrar-port'].flatMap((f) => [f, '0']);

/**
 * `ports`: flag → port (e.g. `{ '--port': 4400 }`) instead of a free one; `dataDir`: a state folder
 * kept after `close()` (a restart test passes the same one twice).
 */
export async function startNpmStart(options: { args?: string[]; dataDir?: string; ports?: Record<string, number>; timeoutMs?: number } = {}): Promise<NpmStart> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mask-npm-start-'));
  const ports = FREE_PORTS.map((v, i) => (i % 2 === 1 && options.ports?.[FREE_PORTS[i - 1]!] !== undefined ? String(options.ports[FREE_PORTS[i - 1]!]) : v));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts', '--no-build', ...ports, '--data', dataDir, ...(options.args ?? [])], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  while (!out.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`npm start did not print its URLs${child.exitCode !== null ? ` (exited with ${child.exitCode})` : ''}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const line = (label: string) => {
    const match = new RegExp(`${label}\\s+(http\\S+)`).exec(out);
    if (!match) throw new Error(`npm start printed no "${label}" URL:\n${out}`);
    return match[1]!;
  };
  return {
    pageUrl: line('Blog page \\(as alice.eth\\):'),
    cdnUrl: line('Kit served from \\(CDN\\):').replace(/\/mask-widgets\.js$/, ''),
    rpcUrl: line('Dev chain \\(anvil\\):'),
    xmtpUrl: line('Local XMTP node:'),
    output: () => out,
    close,
  };
}
