import type { Deployment } from '../../dev/chain/deployment.js';

/** What `test/support/infra.ts` started, as seen by tests (node and browser). */
export interface TestEnv {
  rpcUrl: string;
  chainId: number;
  deployment: Deployment;
  /** A second dev chain, for network-switch tests. */
  rpcUrl2: string;
  chainId2: number;
  /** The first dev chain through a proxy whose failures a test switches (`fault-proxy.ts`), and its switch. */
  faultRpcUrl?: string;
  faultControlUrl?: string;
  /** The Lens stand-in through its own fault proxy, and that proxy's switch. */
  faultLensUrl?: string;
  faultLensControlUrl?: string;
  /** The local XMTP node's URL, when it is running. */
  xmtpUrl?: string;
  /** Its message-history service (device sync archives), when the node is running. */
  xmtpHistoryUrl?: string;
  /** The local Lens API stand-in's GraphQL endpoint (`test/support/lens-server.ts`), when it is running. */
  lensUrl?: string;
  /** The local attachment store (`dev/upload-server.ts`): its origin and its POST endpoint. */
  uploadUrl?: string;
  uploadOrigin?: string;
  /** The local web3.bio API stand-in (`test/support/web3bio-server.ts`), and the same through a fault proxy. */
  web3bioUrl?: string;
  faultWeb3bioUrl?: string;
  faultWeb3bioControlUrl?: string;
}
