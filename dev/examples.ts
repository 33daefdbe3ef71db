/**
 * `npm run example:plain` / `npm run example:react`: one of `examples/` against
 * the local infrastructure, with one command. Starts the dev chain, the local
 * XMTP node (with both demo authors registered, so the chat works at once) and
 * the Lens stand-in, builds what the example needs when it is older than its
 * sources, serves the example with the dev wallet, prints its URL, and stops
 * everything on Ctrl-C.
 *
 *   node --import tsx dev/examples.ts plain|react [--port N] [--no-build]
 *
 * The examples are written for production (a CDN URL, mainnet names and
 * chains); served here they are rewritten to the local ones, see each
 * example's README.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevChain, type DevChain } from './chain/index.js';
import { devKitChain } from './chain/kit-chain.js';
import { registerDemoAuthors } from './demo/register-authors.js';
import { startStaticServer, type StaticServer } from './demo/static-server.js';
import { choosePort, staleReason } from './start-options.js';
import { buildDevWallet } from './wallet/build.js';
import { startXmtpNode, type XmtpNode } from './xmtp-node/index.js';
import { devLensAccounts, startLensServer, type LensServer } from '../test/support/lens-server.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLES = ['plain', 'react'] as const;
export type ExampleName = (typeof EXAMPLES)[number];

export interface RunningExample {
  /** The example's page, as the visitor (dev account 2) sees the author's (account 1) post or profile. */
  url: string;
  /** The author (dev account 1, alice.eth) and the visitor (account 2, bob.eth). */
  author: string;
  visitor: string;
  close(): Promise<void>;
}

/**
 * The plain-HTML example, pointed at the local parts: the kit from `cdnUrl`
 * instead of the CDN placeholder, the dev wallet, the local configuration
 * queued after the example's own (it replaces chains, ENS, XMTP, Lens), the
 * local author instead of vitalik.eth, and no `chain="base"`.
 */
export function localPlainHtml(html: string, o: { cdnUrl: string; devWallet: unknown; kitConfig: unknown; author: string }): string {
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  const head = `<script type="application/json" id="mask-dev-wallet">${json(o.devWallet)}</script>
    <script src="/dev-wallet.js"></script>
    <script>
      // Local infrastructure (dev/examples.ts): queued after the example's own configuration.
      window.MaskWidgets = window.MaskWidgets || [];
      window.MaskWidgets.push(['configure', ${json(o.kitConfig)}]);
    </script>
`;
  const out = html
    .replaceAll('https://cdn.example/mask-widgets/', `${o.cdnUrl}/`)
    .replaceAll('vitalik.eth', o.author)
    .replaceAll(' chain="base"', '')
    .replace(/(<script type="module")/, `${head}    $1`);
  if (!out.includes(`${o.cdnUrl}/mask-widgets.js`)) throw new Error('examples/plain-html/index.html no longer loads https://cdn.example/mask-widgets/mask-widgets.js: update dev/examples.ts');
  return out;
}

/** Runs `command` when `entry` under dist/ is missing or older than the kit's sources. */
function buildIfStale(entry: string, command: string[], log: (line: string) => void): void {
  const stale = staleReason(repo, join(repo, 'dist'), entry);
  if (!stale) return;
  log(`Building the kit (${command.join(' ')}): ${stale}…`);
  const run = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', cwd: repo });
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed`);
}

export async function startExample(name: ExampleName, options: { port?: number; build?: boolean; log?: (line: string) => void } = {}): Promise<RunningExample> {
  const log = options.log ?? ((line: string) => console.log(line));
  // The React app imports the package (dist/lib, from the full build); the plain page loads the CDN files (rollup).
  if (options.build !== false) buildIfStale(name === 'react' ? 'lib/mask-widgets.js' : 'mask-widgets.js', name === 'react' ? ['npm', 'run', 'build', '--silent'] : ['npx', 'rollup', '-c', '--silent'], log);
  const tmp = mkdtempSync(join(tmpdir(), `mask-example-${name}-`));
  const closers: Array<() => Promise<unknown>> = [async () => rmSync(tmp, { recursive: true, force: true })];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => {});
  };
  try {
    const chain: DevChain = await startDevChain({ bulkNames: 0 });
    closers.push(() => chain.close());
    const node: XmtpNode = await startXmtpNode();
    closers.push(() => node.close());
    const lens: LensServer = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
    closers.push(() => lens.close());
    const [author, visitor] = [chain.deployment.accounts[1]!.address, chain.deployment.accounts[2]!.address];
    log('Registering the example authors on the local XMTP node…');
    const reg = await registerDemoAuthors({ nodeUrl: node.url, rpcUrl: chain.rpcUrl, addresses: [author, visitor] });
    if (!reg.reachable[author.toLowerCase()]) throw new Error(`the local XMTP node does not list ${author} after registering it`);
    await buildDevWallet(join(tmp, 'dev-wallet.js'));
    const devWallet = { chains: { [chain.chainId]: chain.rpcUrl }, chainId: chain.chainId, account: visitor, persist: true };
    const kit = {
      chains: [devKitChain(chain.deployment)],
      defaultChain: chain.chainId,
      ensChain: chain.chainId,
      lensApiUrl: lens.url,
      // No internet here: web3.bio (on by default) is off in the served examples.
      web3bioApiUrl: false,
    };
    const port = (await choosePort(options.port ?? 0)).port;
    let server: StaticServer;
    if (name === 'plain') {
      const cdn = await startStaticServer({ root: join(repo, 'dist'), cors: true, precompressed: true });
      closers.push(() => cdn.close());
      const html = localPlainHtml(readFileSync(join(repo, 'examples/plain-html/index.html'), 'utf8'), {
        cdnUrl: cdn.url,
        devWallet,
        kitConfig: { ...kit, xmtp: { env: 'local', apiUrl: node.url, historySyncUrl: node.historyUrl } },
        author: chain.deployment.names['alice.eth'] ? 'alice.eth' : author,
      });
      writeFileSync(join(tmp, 'index.html'), html);
      server = await startStaticServer({ root: tmp, port });
    } else {
      const { buildReactExample } = await import('../examples/react/build.js');
      await buildReactExample(tmp);
      const config = {
        profile: author,
        kit: { ...kit, xmtp: { env: 'local', apiUrl: node.url, engineUrl: '/mask-widgets/mask-widgets-engine.js' } },
      };
      const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
      const template = readFileSync(join(tmp, 'index.html'), 'utf8');
      writeFileSync(join(tmp, 'index.html'), template.replace('{{EXAMPLE_CONFIG}}', json(config)).replace('{{DEV_WALLET_CONFIG}}', json(devWallet)));
      server = await startStaticServer({ root: tmp, port });
    }
    closers.push(() => server.close());
    return { url: `${server.url}/`, author, visitor, close };
  } catch (error) {
    await close();
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const name = process.argv[2] as ExampleName;
  if (!EXAMPLES.includes(name) || process.argv.includes('--help')) {
    console.log(`node --import tsx dev/examples.ts ${EXAMPLES.join('|')} [--port N] [--no-build]\n  npm run example:plain, npm run example:react`);
    process.exit(EXAMPLES.includes(name) ? 0 : 2);
  }
  const i = process.argv.indexOf('--port');
  const example = await startExample(name, { port: i > 0 ? Number(process.argv[i + 1]) : 4310, build: !process.argv.includes('--no-build') }).catch((error: Error) => {
    console.error(`example:${name} failed: ${error.message}`);
    process.exit(1);
  });
  console.log(`
  examples/${name === 'plain' ? 'plain-html' : 'react'} on the local infrastructure
  Open:     ${example.url}   (you are bob.eth, dev account 2; the author is alice.eth, account 1)
  Press Ctrl-C to stop.
`);
  const stop = () => void example.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
