// node --import tsx dev/chain/cli.ts [--port N] [--deployment FILE] [--chain-id N] [--host H] [--bulk N] [--no-seed]
// Starts the dev chain, prints `rpc=<url> chainId=<id>` and the deployment file, stays up until Ctrl-C.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDevChain } from './index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Default location: dev/.state/ is gitignored. */
const DEFAULT_DEPLOYMENT = join(repoRoot, 'dev', '.state', 'chain-deployment.json');

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    deployment: { type: 'string' },
    'chain-id': { type: 'string' },
    host: { type: 'string' },
    bulk: { type: 'string' },
    'no-seed': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(
    'usage: node --import tsx dev/chain/cli.ts [--port N] [--deployment FILE] [--chain-id N] [--host H] [--bulk N] [--no-seed]\n' +
      `default deployment file: ${DEFAULT_DEPLOYMENT}`,
  );
  process.exit(0);
}

function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${value}`);
    process.exit(2);
  }
  return n;
}

const deploymentFile = resolve(values.deployment ?? DEFAULT_DEPLOYMENT);

const chain = await startDevChain({
  port: intOption('port', values.port),
  chainId: intOption('chain-id', values['chain-id']),
  host: values.host,
  bulkNames: intOption('bulk', values.bulk),
  seed: !values['no-seed'],
  deploymentFile,
});

console.log(`rpc=${chain.rpcUrl} chainId=${chain.chainId}`);
console.log(`deployment=${deploymentFile}`);
console.log(`ready in ${chain.startupMs} ms (anvil pid ${chain.pid}); Ctrl-C to stop`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  await chain.close();
  console.log(`stopped (${signal})`);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

// anvil's process handle is unref'ed: keep this process alive until a signal arrives.
setInterval(() => {}, 1 << 30);
