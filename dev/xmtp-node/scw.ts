// Smart-contract wallet (ERC-1271) signature checks, as the real network answers
// `VerifySmartContractWalletSignatures` (node-go hands the request to libxmtp's validation service,
// `apps/mls_validation_service/src/handlers.rs` at tag `browser-sdk-7.1.0`).
//
// What the client sends (libxmtp `xmtp_id`, `VerifiedSignature::from_smart_contract_wallet`): the
// CAIP-10 account id `eip155:<chainId>:<address>`, the signature bytes the wallet returned, the
// hash `eip191_hash_message(signature text)` (viem's `hashMessage(text)`), and a block number: none
// when the client registers (the answer's `block_number` is then stored in the identity update)
// and that stored number whenever a client later replays the inbox's log. An answer that is valid
// but has no block number makes the registering client fail.
//
// The real service deploys AmbireTech's ERC-6492 validator in an `eth_call`; for a deployed
// account that comes down to `isValidSignature(hash, signature) == 0x1626ba7e`, which is what this
// file calls. (Unlike the real one it does not fall back to `ecrecover` for an address without
// code, nor deploy counterfactual ERC-6492 accounts: such signatures are answered invalid.)

import { createPublicClient, decodeFunctionResult, encodeFunctionData, http, parseAbi, toHex, type PublicClient } from 'viem';

const ERC1271 = parseAbi(['function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)']);
export const ERC1271_MAGIC_VALUE = '0x1626ba7e';

export interface ScwRequest {
  accountId: string;
  blockNumber?: bigint;
  signature: Uint8Array;
  hash: Uint8Array;
}

export interface ScwAnswer {
  isValid: boolean;
  blockNumber?: bigint;
  error?: string;
}

/** CAIP-10 chain id (`eip155:31337`) or a plain EVM chain id -> JSON-RPC URL. */
export type ScwChains = Record<string, string>;

// libxmtp's AccountId parser (`serialization.rs`): three `:`-separated parts.
const CHAIN_ID = /^[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}$/;
const ACCOUNT = /^[-.%a-zA-Z0-9]{1,128}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** `31337` or `eip155:31337` -> `eip155:31337`. */
export function caip2(chain: string | number): string {
  return /^\d+$/.test(String(chain)) ? `eip155:${chain}` : String(chain);
}

export class ScwVerifier {
  readonly #clients = new Map<string, PublicClient>();

  constructor(chains: ScwChains = {}) {
    for (const [chain, url] of Object.entries(chains)) this.addChain(chain, url);
  }

  /** Verifies signatures for accounts on `chain` (`31337` or `eip155:31337`) through `rpcUrl`. */
  addChain(chain: string | number, rpcUrl: string): void {
    this.#clients.set(caip2(chain), createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 10_000 }) }));
  }

  get chains(): string[] {
    return [...this.#clients.keys()];
  }

  /**
   * One answer per request, never a thrown error: anything that stops the check (a malformed
   * account id or hash, a chain with no RPC, an RPC failure or a reverting call) is `is_valid:
   * false` with the reason in `error`, worded like the validation service's `{err:?}`.
   */
  async verify(req: ScwRequest): Promise<ScwAnswer> {
    const parts = req.accountId.split(':');
    if (parts.length !== 3 || !CHAIN_ID.test(`${parts[0]}:${parts[1]}`) || !ACCOUNT.test(parts[2]!)) {
      return { isValid: false, error: 'Deserialization(InvalidAccountId)' };
    }
    if (req.hash.length !== 32) return { isValid: false, error: 'Deserialization(InvalidHash)' };
    const chainId = `${parts[0]}:${parts[1]}`;
    const client = this.#clients.get(chainId);
    if (!client) return { isValid: false, error: `Signature(VerifierError(NoVerifier(${JSON.stringify(chainId)})))` };
    const address = parts[2]!;
    if (!ADDRESS.test(address)) return { isValid: false, error: 'Signature(VerifierError(FromHex(InvalidStringLength)))' };
    try {
      const blockNumber = req.blockNumber ?? (await client.getBlockNumber({ cacheTime: 0 }));
      const data = encodeFunctionData({ abi: ERC1271, functionName: 'isValidSignature', args: [toHex(req.hash), toHex(req.signature)] });
      const result = await client.call({ to: address as `0x${string}`, data, blockNumber });
      // No code at the address (an EOA) answers empty data: not a valid contract signature.
      let magic: string | undefined;
      try {
        magic = result.data && result.data !== '0x' ? decodeFunctionResult({ abi: ERC1271, functionName: 'isValidSignature', data: result.data }) : undefined;
      } catch {
        magic = undefined;
      }
      return { isValid: magic === ERC1271_MAGIC_VALUE, blockNumber };
    } catch (error) {
      const message = error instanceof Error ? (error as { shortMessage?: string }).shortMessage ?? error.message : String(error);
      return { isValid: false, error: `Signature(VerifierError(Provider(${JSON.stringify(message)})))` };
    }
  }
}
