// Browser-safe: writes ENS names and text records on a running dev chain (the
// DevUniversalResolver stand-in) at run time, as its owner (anvil account 0,
// unlocked: anvil signs), and makes tokens with hostile metadata. Tests use it
// to put their own records on chain, e.g. the hostile-input suites' thousands
// of hostile records in a few transactions.
import { createPublicClient, createWalletClient, encodeFunctionData, getAddress, http, keccak256, namehash, parseEventLogs, stringToBytes, type Address, type Hash } from 'viem';
import type { Deployment } from './deployment.js';
import { waitMined } from './mined.js';

/** The resolver's setters used here (the same signatures as in DevUniversalResolver.sol). */
export const resolverSetterAbi = [
  {
    type: 'function',
    name: 'setRecords',
    stateMutability: 'nonpayable',
    inputs: [
      {
        name: 'records',
        type: 'tuple[]',
        components: [
          { name: 'name', type: 'string' },
          { name: 'addr', type: 'address' },
          { name: 'setReverse', type: 'bool' },
          { name: 'keys', type: 'string[]' },
          { name: 'values', type: 'string[]' },
        ],
      },
    ],
    outputs: [],
  },
  {
    type: 'function',
    name: 'setTextRepeat',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'node', type: 'bytes32' },
      { name: 'key', type: 'string' },
      { name: 'unit', type: 'string' },
      { name: 'count', type: 'uint256' },
    ],
    outputs: [],
  },
] as const;

export interface NameRecord {
  /** Written as given (the stand-in hashes the raw labels): hostile names stay hostile. */
  name: string;
  /** Forward address (also the reverse record's address when `setReverse`). */
  addr: Address;
  /** Also make `name` the primary name of `addr`. Default true. */
  setReverse?: boolean;
  texts?: Record<string, string>;
}

/**
 * The address a test gives a (hostile) name: the same in every suite, so two
 * suites running at once that write the same name write the same record.
 */
export function nameAddress(name: string): Address {
  return getAddress(`0x${keccak256(stringToBytes(`mask-name-${name}`)).slice(-40)}`);
}

/** Rough gas of one record: storage slots for its strings, events, hashing. */
function gasOf(r: NameRecord): number {
  const bytes = (s: string) => stringToBytes(s).length;
  const slots = (s: string) => 1 + Math.ceil(bytes(s) / 32);
  let gas = 60_000 + slots(r.name) * 22_500 + bytes(r.name) * 40;
  for (const [k, v] of Object.entries(r.texts ?? {})) gas += 30_000 + (slots(k) + slots(v)) * 22_500 + (bytes(k) + bytes(v)) * 40;
  return gas;
}

function clients(rpcUrl: string, deployment: Pick<Deployment, 'chainId' | 'accounts'>) {
  const chain = {
    id: deployment.chainId,
    name: 'Mask Dev Chain',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  } as const;
  const transport = http(rpcUrl, { retryCount: 0 });
  return {
    pub: createPublicClient({ chain, transport }),
    wallet: createWalletClient({ chain, transport, account: deployment.accounts[0].address }),
  };
}

/**
 * Writes `records` with `setRecords`, as few transactions as fit under
 * `maxGas` each (default 25M, the block holds 30M), and waits for each.
 * Returns the transaction hashes.
 */
export async function writeNameRecords(
  deployment: Pick<Deployment, 'chainId' | 'rpcUrl' | 'accounts' | 'contracts'>,
  records: readonly NameRecord[],
  { maxGas = 25_000_000 } = {},
): Promise<Hash[]> {
  const { pub, wallet } = clients(deployment.rpcUrl, deployment);
  const chunks: NameRecord[][] = [];
  let gas = 0;
  for (const r of records) {
    const g = gasOf(r);
    if (!chunks.length || gas + g > maxGas) {
      chunks.push([]);
      gas = 0;
    }
    chunks.at(-1)!.push(r);
    gas += g;
  }
  const hashes: Hash[] = [];
  for (const chunk of chunks) {
    const args = chunk.map((r) => ({
      name: r.name,
      addr: r.addr,
      setReverse: r.setReverse ?? true,
      keys: Object.keys(r.texts ?? {}),
      values: Object.values(r.texts ?? {}),
    }));
    const data = encodeFunctionData({ abi: resolverSetterAbi, functionName: 'setRecords', args: [args] });
    const gasLimit = BigInt(Math.min(29_000_000, Math.ceil(chunk.reduce((s, r) => s + gasOf(r), 0) * 1.5) + 100_000));
    const hash = await wallet.sendTransaction({ to: deployment.contracts.ensUniversalResolver, data, gas: gasLimit });
    const receipt = await waitMined(pub, hash, { interval: 5 });
    if (receipt.status !== 'success') throw new Error(`dev chain: setRecords of ${chunk.length} names reverted (tx ${hash})`);
    hashes.push(hash);
  }
  return hashes;
}

/**
 * Makes text record `key` of `name` answer `unit` repeated `count` times,
 * computed when read (megabyte records without megabytes of storage).
 */
export async function writeRepeatText(
  deployment: Pick<Deployment, 'chainId' | 'rpcUrl' | 'accounts' | 'contracts'>,
  name: string,
  key: string,
  unit: string,
  count: number,
): Promise<Hash> {
  const { pub, wallet } = clients(deployment.rpcUrl, deployment);
  const data = encodeFunctionData({ abi: resolverSetterAbi, functionName: 'setTextRepeat', args: [namehash(name), key, unit, BigInt(count)] });
  const hash = await wallet.sendTransaction({ to: deployment.contracts.ensUniversalResolver, data });
  const receipt = await waitMined(pub, hash, { interval: 5 });
  if (receipt.status !== 'success') throw new Error(`dev chain: setTextRepeat(${name}, ${key}) reverted (tx ${hash})`);
  return hash;
}

const hostileTokensAbi = [
  {
    type: 'function',
    name: 'make',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'symbols', type: 'string[]' },
      { name: 'decimals_', type: 'uint256[]' },
    ],
    outputs: [{ name: 'made', type: 'address[]' }],
  },
  { type: 'event', name: 'Made', inputs: [{ name: 'index', type: 'uint256', indexed: true }, { name: 'token', type: 'address', indexed: false }] },
] as const;

/**
 * Makes one HostileToken per `{ symbol, decimals }` (its `symbol()` and
 * `decimals()` answer exactly these; balances are plenty and transfers succeed
 * without moving anything), 40 per transaction. Returns their addresses, in order.
 */
export async function makeHostileTokens(
  deployment: Pick<Deployment, 'chainId' | 'rpcUrl' | 'accounts' | 'contracts'>,
  specs: ReadonlyArray<{ symbol: string; decimals: bigint | number }>,
): Promise<Address[]> {
  const { pub, wallet } = clients(deployment.rpcUrl, deployment);
  const out: Address[] = [];
  for (let i = 0; i < specs.length; i += 40) {
    const chunk = specs.slice(i, i + 40);
    const data = encodeFunctionData({ abi: hostileTokensAbi, functionName: 'make', args: [chunk.map((s) => s.symbol), chunk.map((s) => BigInt(s.decimals))] });
    const hash = await wallet.sendTransaction({ to: deployment.contracts.hostileTokens, data });
    const receipt = await waitMined(pub, hash, { interval: 5 });
    if (receipt.status !== 'success') throw new Error(`dev chain: making ${chunk.length} hostile tokens reverted (tx ${hash})`);
    out.push(...parseEventLogs({ abi: hostileTokensAbi, logs: receipt.logs, eventName: 'Made' }).map((log) => log.args.token));
  }
  return out;
}
