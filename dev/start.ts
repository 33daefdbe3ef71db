/**
 * `npm start`: the offline demo. Starts the dev chain (and the local XMTP
 * node with its history service), builds the kit, serves the blog page on one origin and dist/ on
 * another, prints the URLs, and stops everything on Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { startDevChain } from './chain/index.js';
import { startDemo } from './demo/server.js';
import { startXmtpNode } from './xmtp-node/index.js';
import { devLensAccounts, startLensServer } from '../test/support/lens-server.js';

const port = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : 0;
};

if (!process.argv.includes('--no-build')) {
  console.log('Building the kit (rollup)…');
  const build = spawnSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const chain = await startDevChain({ port: port('--chain-port') });
const node = await startXmtpNode({ port: port('--xmtp-port') });
const lens = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
const demo = await startDemo({ chain, xmtpUrl: node.url, xmtpHistoryUrl: node.historyUrl, lensUrl: lens.url, pagePort: port('--port'), cdnPort: port('--cdn-port') });

console.log(`
  mask-widgets demo (offline)
  Blog page (as alice.eth):  ${demo.pageUrl}
  Same page as bob.eth:      ${demo.pageUrl}?account=2
  Kit served from (CDN):     ${demo.cdnUrl}/mask-widgets.js
  Dev chain (anvil):         ${chain.rpcUrl}  chain id ${chain.chainId}
  Local XMTP node:           ${node.url}
  XMTP history service:      ${node.historyUrl}
  Local Lens API stand-in:   ${lens.url}

  Press Ctrl-C to stop.
`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([demo.close(), node.close(), lens.close(), chain.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
