/**
 * What `npm start` decides before it starts anything: its flags (and their
 * `--help` text), whether dist/ must be rebuilt, and which ports to use
 * (stable defaults, so the browser's storage and its XMTP installation, both
 * kept per origin, survive a restart; a free port when one is taken).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The stable default ports; `--<name>-port N` overrides one (0: a free port). */
export const DEFAULT_PORTS = {
  page: 4300,
  cdn: 4301,
  chain: 4302,
  xmtp: 4303,
  history: 4304,
  lens: 4305,
  registrar: 4306,
  uploads: 4307,
  web3bio: 4308,
} as const;

export type PortName = keyof typeof DEFAULT_PORTS;

const PORT_FLAGS: Record<PortName, string> = {
  page: '--port',
  cdn: '--cdn-port',
  chain: '--chain-port',
  xmtp: '--xmtp-port',
  history: '--history-port',
  lens: '--lens-port',
  registrar: '--registrar-port',
  uploads: '--uploads-port',
  web3bio: '--web3bio-port',
};

export interface StartOptions {
  help: boolean;
  /** `--no-build`: never build; `--build`: always build; neither: build when dist/ is older than its sources. */
  build: 'auto' | 'always' | 'never';
  ports: Record<PortName, number>;
  /** Where the XMTP node and the authors' XMTP installations keep their state between runs. */
  dataDir: string;
  /** `--fresh`: forget that state first. */
  fresh: boolean;
}

export const HELP = `npm start [-- options]: the offline demo (dev chain, local XMTP node, Lens and web3.bio stand-ins, the blog page)

  --no-build             never build the kit (serve dist/ as it is)
  --build                always build the kit first
                         (default: build only when dist/ is older than src/, rollup.config.mjs or package.json)
  --port N               the blog page             (default ${DEFAULT_PORTS.page})
  --cdn-port N           dist/, served as a CDN    (default ${DEFAULT_PORTS.cdn})
  --chain-port N         the dev chain (anvil)     (default ${DEFAULT_PORTS.chain})
  --xmtp-port N          the local XMTP node       (default ${DEFAULT_PORTS.xmtp})
  --history-port N       its history service       (default ${DEFAULT_PORTS.history})
  --lens-port N          the Lens API stand-in     (default ${DEFAULT_PORTS.lens})
  --web3bio-port N       the web3.bio API stand-in (default ${DEFAULT_PORTS.web3bio})
  --registrar-port N     the page that registers the demo authors on XMTP (default ${DEFAULT_PORTS.registrar})
  --uploads-port N       the attachment store      (default ${DEFAULT_PORTS.uploads})
  --data DIR             where the XMTP node and the authors' installations keep their state
                         (default dev/.state/demo)
  --fresh                forget that state first (new inboxes for everyone)
  -h, --help             this text

The ports stay the same from run to run, so the browser keeps its storage (the wallet
connection, the XMTP installation) across restarts; a port that is taken is replaced by
a free one (the URLs printed at start say which). 0 picks a free port.
`;

/** Reads `npm start`'s flags; throws a sentence naming the flag when one is wrong. */
export function parseStartArgs(argv: string[], repo: string): StartOptions {
  const known = new Set(['--no-build', '--build', '--fresh', '--data', '-h', '--help', ...Object.values(PORT_FLAGS)]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!known.has(arg)) throw new Error(`Unknown option ${arg} (npm start -- --help lists them).`);
    if (arg === '--data' || Object.values(PORT_FLAGS).includes(arg)) i++;
  }
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value.`);
    return v;
  };
  const ports = {} as Record<PortName, number>;
  for (const name of Object.keys(DEFAULT_PORTS) as PortName[]) {
    const raw = value(PORT_FLAGS[name]);
    const port = raw === undefined ? DEFAULT_PORTS[name] : Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${PORT_FLAGS[name]} ${raw} is not a port number (0 to 65535).`);
    ports[name] = port;
  }
  const noBuild = argv.includes('--no-build');
  const build = argv.includes('--build');
  if (noBuild && build) throw new Error('--build and --no-build contradict each other: pick one.');
  return {
    help: argv.includes('--help') || argv.includes('-h'),
    build: noBuild ? 'never' : build ? 'always' : 'auto',
    ports,
    dataDir: value('--data') ?? join(repo, 'dev', '.state', 'demo'),
    fresh: argv.includes('--fresh'),
  };
}

/** The newest modification time (ms) of a file, or of any file under a folder; 0 when absent. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** The inputs of the kit's build (what rollup.config.mjs reads). */
export const BUILD_SOURCES = ['src', 'rollup.config.mjs', 'package.json'];

/**
 * Whether dist/ must be built: its entry is missing, or a source (a file under
 * src/, rollup.config.mjs, package.json) changed after dist/'s oldest output
 * file was written. Returns the reason as a sentence, or null when dist/ is fresh.
 */
export function staleReason(repo: string, distDir = join(repo, 'dist'), entryName = 'mask-widgets.js'): string | null {
  const entry = join(distDir, entryName);
  if (!existsSync(entry)) return `dist/ has no ${entryName}`;
  // The entry is written with the rest of the build: compare against it.
  const built = statSync(entry).mtimeMs;
  for (const source of BUILD_SOURCES) {
    if (newestMtime(join(repo, source)) > built) return `${source} changed after dist/ was built`;
  }
  return null;
}

/** Whether `port` can be listened on at `host` now. */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A free port chosen by the system. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

/**
 * `preferred` when it is free (0: any free port), else a free port chosen by
 * the system; `taken` names the preferred port that was in use.
 */
export async function choosePort(preferred: number, host = '127.0.0.1'): Promise<{ port: number; taken?: number }> {
  if (preferred === 0) return { port: await freePort(host) };
  if (await portFree(preferred, host)) return { port: preferred };
  return { port: await freePort(host), taken: preferred };
}
