// node --import tsx dev/xmtp-node/cli.ts [--port 5557] [--history-port 5558] [--host 127.0.0.1]
//   [--data DIR] [--log] [--max-installations 10] [--max-identity-updates 256] [--cutover now|ISO-TIME]
//   [--chain CHAIN_ID=RPC_URL ...]

import { parseArgs } from 'node:util';
import { startXmtpNode } from './index.js';

const usage = `usage: xmtp-node [--port 5557] [--history-port 5558] [--host 127.0.0.1] [--data DIR]
                 [--log] [--max-installations N] [--max-identity-updates N]
                 [--cutover now|ISO-TIME] [--chain CHAIN_ID=RPC_URL ...]

Serves the XMTP V3 identity and MLS APIs over gRPC-web for the browser SDK
(Client.create(signer, { env: 'local', apiUrl: <first printed URL> })), and the
message-history service device sync uploads archives to (the second printed URL:
client.sendSyncRequest(options, <it>)); --history-port off runs none. The default
ports are the SDK's own for env 'local'. Port 0 picks a free one. State stays in
memory unless --data names a directory (archives in DIR/history/). Ctrl-C stops it.
--cutover plays the network's move to XMTP D14N as node-go does: the migration API
publishes the time, and from then on queries are answered while every publish and
stream is refused ("publishing to XMTP V3 is no longer available…").
--chain 31337=http://127.0.0.1:8545 (repeatable) lets smart-contract wallets on that
chain register: the node checks their ERC-1271 signatures with isValidSignature there.`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${value}\n\n${usage}`);
    process.exit(2);
  }
  return n;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '5557' },
        'history-port': { type: 'string', default: '5558' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        log: { type: 'boolean', default: false },
        'max-installations': { type: 'string' },
        'max-identity-updates': { type: 'string' },
        cutover: { type: 'string' },
        chain: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const historyPort = values['history-port'] === 'off' ? false : positiveInt('history-port', values['history-port']);
  const chains: Record<string, string> = {};
  for (const entry of values.chain ?? []) {
    const match = /^((?:eip155:)?\d+)=(https?:\/\/\S+)$/.exec(entry);
    if (!match) {
      console.error(`--chain must be CHAIN_ID=RPC_URL (e.g. 31337=http://127.0.0.1:8545), got ${entry}\n\n${usage}`);
      process.exit(2);
    }
    chains[match[1]!] = match[2]!;
  }
  const node = await startXmtpNode({
    port: positiveInt('port', values.port),
    historyPort,
    host: values.host,
    dataDir: values.data,
    log: values.log,
    chains,
    limits: {
      maxInstallations: positiveInt('max-installations', values['max-installations']),
      maxIdentityUpdates: positiveInt('max-identity-updates', values['max-identity-updates']),
    },
  });
  if (values.cutover) {
    const ms = values.cutover === 'now' ? Date.now() : Date.parse(values.cutover);
    if (!Number.isFinite(ms)) {
      console.error(`--cutover must be "now" or an ISO time, got ${values.cutover}\n\n${usage}`);
      await node.close();
      process.exit(2);
    }
    node.faults.cutover(BigInt(ms) * 1_000_000n);
    console.error(`[xmtp-node] cutover to XMTP D14N at ${new Date(ms).toISOString()}`);
  }
  console.log(node.url);
  if (node.historyUrl) console.log(node.historyUrl);
  const s = node.stats();
  console.error(
    `[xmtp-node] listening on ${node.url}` +
      (values.data ? `, data in ${values.data} (${s.inboxes} inboxes, ${s.groupMessages} group messages)` : ', in memory'),
  );
  if (node.scw.chains.length) console.error(`[xmtp-node] smart-contract wallets verified on ${node.scw.chains.join(', ')}`);
  if (node.history) {
    console.error(`[xmtp-node] history service on ${node.historyUrl}` + (values.data ? ` (${node.history.count()} archives)` : ''));
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return process.exit(1); // a second Ctrl-C: stop now
    stopping = true;
    console.error(`[xmtp-node] ${signal}: closing`);
    node.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`[xmtp-node] ${(err as Error).message ?? err}`);
  process.exit(1);
});
