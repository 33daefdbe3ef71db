import { existsSync } from 'node:fs';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import type { TestEnv } from './test-env.js';

export interface Infra {
  env: TestEnv;
  chain: DevChain;
  chain2: DevChain;
  close(): Promise<void>;
}

/**
 * Starts two dev chains (and, with `xmtp: true`, the local XMTP node) on free
 * ports. `close()` stops all of them.
 */
export async function startInfra(options: { xmtp?: boolean } = {}): Promise<Infra> {
  const [chain, chain2] = await Promise.all([startDevChain(), startDevChain({ chainId: 31338, bulkNames: 0 })]);
  const closers: Array<() => Promise<void>> = [() => chain.close(), () => chain2.close()];
  const env: TestEnv = { rpcUrl: chain.rpcUrl, chainId: chain.chainId, deployment: chain.deployment, rpcUrl2: chain2.rpcUrl, chainId2: chain2.chainId };
  const nodeModule = new URL('../../dev/xmtp-node/index.ts', import.meta.url);
  if (options.xmtp && existsSync(nodeModule)) {
    const { startXmtpNode } = await import(nodeModule.href);
    const node = await startXmtpNode({});
    env.xmtpUrl = node.url;
    closers.push(() => node.close());
  }
  return {
    env,
    chain,
    chain2,
    close: async () => {
      await Promise.allSettled(closers.map((close) => close()));
    },
  };
}
