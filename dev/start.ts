/**
 * `npm start`: the offline demo. Starts the dev chain (and the local XMTP
 * node with its history service), registers the demo's authors on that node
 * (so the first visitor can write to them at once), builds the kit when dist/
 * is older than its sources, serves the blog page on one origin and dist/ on
 * another, prints the URLs, and stops everything on Ctrl-C. `--help` lists the
 * flags (dev/start-options.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevChain, type DevChain } from './chain/index.js';
import { registerDemoAuthors } from './demo/register-authors.js';
import { startDemo, type Demo } from './demo/server.js';
import { choosePort, HELP, parseStartArgs, staleReason, type PortName } from './start-options.js';
import { startUploadServer, type UploadServer } from './upload-server.js';
import { startXmtpNode, type XmtpNode } from './xmtp-node/index.js';
import { devLensAccounts, startLensServer, type LensServer } from '../test/support/lens-server.js';
import { devWeb3bioIdentities, startWeb3bioServer, type Web3bioServer } from '../test/support/web3bio-server.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

let options;
try {
  options = parseStartArgs(process.argv.slice(2), repo);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (options.help) {
  console.log(HELP);
  process.exit(0);
}

const stale = options.build === 'always' ? 'asked for (--build)' : options.build === 'auto' ? staleReason(repo) : null;
if (stale) {
  console.log(`Building the kit (rollup): ${stale}…`);
  const build = spawnSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit', cwd: repo });
  if (build.status !== 0) process.exit(build.status ?? 1);
} else {
  const unbuilt = options.build === 'never' ? staleReason(repo) : null;
  if (unbuilt) console.warn(`Not building the kit (--no-build), though ${unbuilt}: the page serves what is there.`);
  else console.log(options.build === 'never' ? 'Not building the kit (--no-build).' : 'dist/ is newer than its sources: not building (--build forces it).');
}

const moved: string[] = [];
const port = async (name: PortName): Promise<number> => {
  const chosen = await choosePort(options.ports[name]);
  if (chosen.taken) moved.push(`${name} port ${chosen.taken} is taken: using ${chosen.port}`);
  return chosen.port;
};

if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
mkdirSync(options.dataDir, { recursive: true });

let chain: DevChain | undefined;
let node: XmtpNode | undefined;
let lens: LensServer | undefined;
let web3bio: Web3bioServer | undefined;
let demo: Demo | undefined;
let uploads: UploadServer | undefined;
let stopping = false;
async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([demo?.close(), uploads?.close(), node?.close(), lens?.close(), web3bio?.close(), chain?.close()]);
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

try {
  chain = await startDevChain({ port: await port('chain') });
  node = await startXmtpNode({
    port: await port('xmtp'),
    historyPort: await port('history'),
    dataDir: join(options.dataDir, 'xmtp-node'),
    // Smart accounts on the dev chain (its DevSmartAccount) can register: ERC-1271 checks go there.
    chains: { [chain.chainId]: chain.rpcUrl },
  });
  lens = await startLensServer({ accounts: devLensAccounts(chain.deployment), port: await port('lens') });
  uploads = await startUploadServer({ port: await port('uploads') });
  web3bio = await startWeb3bioServer({ identities: devWeb3bioIdentities(chain.deployment), port: await port('web3bio') });

  // The page's author is dev account 2 for account 1's visitors and account 1 for everyone else.
  const authors = [chain.deployment.accounts[1]!.address, chain.deployment.accounts[2]!.address];
  console.log('Registering the demo authors on the local XMTP node…');
  const registration = await registerDemoAuthors({
    nodeUrl: node.url,
    rpcUrl: chain.rpcUrl,
    addresses: authors,
    profileDir: join(options.dataDir, 'authors-browser'),
    port: await port('registrar'),
  });
  const unreachable = authors.filter((a) => !registration.reachable[a.toLowerCase()]);
  if (unreachable.length) throw new Error(`the local XMTP node does not list ${unreachable.join(', ')} after registering them`);

  demo = await startDemo({
    chain,
    xmtpUrl: node.url,
    xmtpHistoryUrl: node.historyUrl,
    lensUrl: lens.url,
    uploadUrl: uploads.uploadUrl,
    uploadOrigin: uploads.url,
    web3bioUrl: web3bio.url,
    pagePort: await port('page'),
    cdnPort: await port('cdn'),
  });
} catch (error) {
  console.error(`npm start failed: ${(error as Error).message ?? String(error)}`);
  await stop(1);
}

console.log(`
  mask-widgets demo (offline)
  Blog page (as alice.eth):  ${demo!.pageUrl}
  Same page as bob.eth:      ${demo!.pageUrl}?account=2
  Author's inbox (bob.eth):  ${demo!.pageUrl}?account=2&as=author  (the readers' conversations)
  Kit served from (CDN):     ${demo!.cdnUrl}/mask-widgets.js
  Dev chain (anvil):         ${chain!.rpcUrl}  chain id ${chain!.chainId}
  Local XMTP node:           ${node!.url}  (state in ${options.dataDir}; --fresh forgets it)
  XMTP history service:      ${node!.historyUrl}
  Local Lens API stand-in:   ${lens!.url}
  Attachment store (uploads): ${uploads!.uploadUrl}
  Local web3.bio stand-in:   ${web3bio!.url}
${moved.map((m) => `  Note: ${m}\n`).join('')}
  Both demo authors are on XMTP: open the chat and write at once.
  Press Ctrl-C to stop.
`);
