import { existsSync } from 'node:fs';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startUploadServer } from '../../dev/upload-server.js';
import { startFaultProxy } from './fault-proxy.js';
import { devLensAccounts, startLensServer } from './lens-server.js';
import { devWeb3bioIdentities, startWeb3bioServer } from './web3bio-server.js';
import type { TestEnv } from './test-env.js';

export interface Infra {
  env: TestEnv;
  chain: DevChain;
  chain2: DevChain;
  close(): Promise<void>;
}

/**
 * Starts two dev chains, a fault proxy in front of the first (`fault-proxy.ts`), the local XMTP node (unless `xmtp: false`) and the
 * local Lens and web3.bio API stand-ins (unless `lens: false`) and the attachment store (`dev/upload-server.ts`) on free ports. `close()`
 * stops all of them, also when starting one of them failed.
 */
export async function startInfra(options: { xmtp?: boolean; lens?: boolean } = {}): Promise<Infra> {
  const started = await Promise.allSettled([startDevChain(), startDevChain({ chainId: 31338, bulkNames: 0 })]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    // Stop whichever chain did start before reporting the failure.
    await Promise.allSettled(started.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
    throw failed.reason;
  }
  const [chain, chain2] = started.map((r) => (r as PromiseFulfilledResult<DevChain>).value);
  const closers: Array<() => Promise<void>> = [() => chain.close(), () => chain2.close()];
  const env: TestEnv = { rpcUrl: chain.rpcUrl, chainId: chain.chainId, deployment: chain.deployment, rpcUrl2: chain2.rpcUrl, chainId2: chain2.chainId };
  const closeAll = async () => {
    await Promise.allSettled(closers.map((close) => close()));
  };
  try {
    const proxy = await startFaultProxy(chain.rpcUrl);
    env.faultRpcUrl = proxy.url;
    env.faultControlUrl = proxy.controlUrl;
    closers.push(() => proxy.close());
    const uploads = await startUploadServer();
    env.uploadUrl = uploads.uploadUrl;
    env.uploadOrigin = uploads.url;
    closers.push(() => uploads.close());
    const nodeModule = new URL('../../dev/xmtp-node/index.ts', import.meta.url);
    if (options.xmtp !== false && existsSync(nodeModule)) {
      const { startXmtpNode } = await import(nodeModule.href);
      const node = await startXmtpNode({ chains: { [chain.chainId]: chain.rpcUrl, [chain2.chainId]: chain2.rpcUrl } });
      env.xmtpUrl = node.url;
      env.xmtpHistoryUrl = node.historyUrl;
      closers.push(() => node.close());
    }
    if (options.lens !== false) {
      const lens = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
      env.lensUrl = lens.url;
      closers.push(() => lens.close());
      const lensProxy = await startFaultProxy(lens.url);
      env.faultLensUrl = lensProxy.url;
      env.faultLensControlUrl = lensProxy.controlUrl;
      closers.push(() => lensProxy.close());
      const web3bio = await startWeb3bioServer({ identities: devWeb3bioIdentities(chain.deployment) });
      env.web3bioUrl = web3bio.url;
      closers.push(() => web3bio.close());
      const web3bioProxy = await startFaultProxy(web3bio.url);
      env.faultWeb3bioUrl = web3bioProxy.url;
      env.faultWeb3bioControlUrl = web3bioProxy.controlUrl;
      closers.push(() => web3bioProxy.close());
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    env,
    chain,
    chain2,
    close: closeAll,
  };
}
