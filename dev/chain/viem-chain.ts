// Browser-safe: a viem Chain for the dev chain described by a Deployment.
import { defineChain, type Chain } from 'viem';
import type { Deployment } from './deployment.js';

export function devChainViemChain(deployment: Pick<Deployment, 'chainId' | 'rpcUrl' | 'contracts'>): Chain {
  return defineChain({
    id: deployment.chainId,
    name: 'Mask Dev Chain',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [deployment.rpcUrl] } },
    contracts: {
      ensUniversalResolver: { address: deployment.contracts.ensUniversalResolver },
      multicall3: { address: deployment.contracts.multicall3 },
    },
    testnet: true,
  });
}
