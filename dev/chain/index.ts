// Node-only: an offline dev EVM chain (anvil + our own contracts + seed data).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  keccak256,
  stringToBytes,
  type Abi,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
  type WalletClient,
  type Chain,
  type Account,
  type Transport,
} from 'viem';
import { startAnvil } from './anvil.js';
import { waitMined } from './mined.js';
import { compileContracts, type CompiledContracts } from './compile.js';
import type { Deployment, DeploymentAccount } from './deployment.js';
import {
  BROKEN_PROFILE,
  BULK_AVATAR,
  DONATION_NAME,
  LOOKALIKE_NAMES,
  MULTICALL3_ADDRESS,
  PAUSE_MINT,
  SEED_PROFILES,
  SMART_ACCOUNT_OWNER,
  SPOOF,
  USDC_MINT,
  bulkName,
  bulkSeed,
} from './seed-data.js';

export type { Deployment, DeploymentAccount, DeploymentContracts } from './deployment.js';
export { devChainViemChain } from './viem-chain.js';
export { devKitChain } from './kit-chain.js';
export { compileContracts } from './compile.js';
export { waitMined } from './mined.js';

export interface StartDevChainOptions {
  /** 0 or omitted = a free port chosen at run time */
  port?: number;
  /** default 31337 */
  chainId?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** write the deployment JSON here if given */
  deploymentFile?: string;
  /** default true */
  seed?: boolean;
  /** default 100 */
  bulkNames?: number;
}

export interface DevChain {
  rpcUrl: string;
  chainId: number;
  port: number;
  /** pid of the anvil process (also its process group id) */
  pid: number;
  deployment: Deployment;
  /** milliseconds spent starting, compiling, deploying and seeding */
  startupMs: number;
  /** Stops anvil (kills its process group) and waits for it to exit. Idempotent. */
  close(): Promise<void>;
}

/** How many bulk names go into one setRecords transaction (keeps each tx well under the block gas limit). */
const BULK_CHUNK = 25;

interface NameRecordArg {
  name: string;
  addr: Address;
  setReverse: boolean;
  keys: string[];
  values: string[];
}

function recordOf(name: string, addr: Address, texts: Record<string, string>, setReverse = true): NameRecordArg {
  return { name, addr, setReverse, keys: Object.keys(texts), values: Object.values(texts) };
}

/** Deterministic bulk address i: last 20 bytes of keccak256("mask-bulk-i"). */
export function bulkAddress(i: number): Address {
  return getAddress(`0x${keccak256(stringToBytes(bulkSeed(i))).slice(-40)}`);
}

class Deployer {
  constructor(
    private readonly wallet: WalletClient<Transport, Chain, Account>,
    private readonly pub: PublicClient,
  ) {}

  private async mined(hash: Hash, what: string) {
    const receipt = await waitMined(this.pub, hash, { interval: 5 });
    if (receipt.status !== 'success') throw new Error(`dev chain: ${what} failed (tx ${hash})`);
    return receipt;
  }

  async deploy(compiled: CompiledContracts, name: keyof CompiledContracts, args: readonly unknown[] = []): Promise<Address> {
    const c = compiled[name];
    const hash = await this.wallet.deployContract({ abi: c.abi, bytecode: c.bytecode, args });
    const receipt = await this.mined(hash, `deploy ${name}`);
    if (!receipt.contractAddress) throw new Error(`dev chain: no contract address for ${name}`);
    return getAddress(receipt.contractAddress);
  }

  async write(address: Address, abi: Abi, functionName: string, args: readonly unknown[]): Promise<void> {
    const hash = await this.wallet.writeContract({ address, abi, functionName, args });
    await this.mined(hash, `${functionName} on ${address}`);
  }
}

/** Starts anvil, deploys the dev contracts and (by default) seeds names and balances. */
export async function startDevChain(opts: StartDevChainOptions = {}): Promise<DevChain> {
  const t0 = performance.now();
  const chainId = opts.chainId ?? 31337;
  const seed = opts.seed ?? true;
  const bulkCount = opts.bulkNames ?? 100;

  let compiled: CompiledContracts | undefined;
  const anvil = await startAnvil({
    port: opts.port || undefined,
    host: opts.host,
    chainId,
    // solc-js blocks for ~1 s on first use: do it while anvil boots.
    whileBooting: () => {
      compiled = compileContracts();
    },
  });
  try {
    compiled ??= compileContracts();
    const deployment = await deployAndSeed(anvil.rpcUrl, chainId, compiled, seed, bulkCount);
    if (opts.deploymentFile) {
      mkdirSync(dirname(opts.deploymentFile), { recursive: true });
      writeFileSync(opts.deploymentFile, `${JSON.stringify(deployment, null, 2)}\n`);
    }
    return {
      rpcUrl: anvil.rpcUrl,
      chainId,
      port: anvil.port,
      pid: anvil.pid,
      deployment,
      startupMs: Math.round(performance.now() - t0),
      close: () => anvil.stop(),
    };
  } catch (err) {
    await anvil.stop();
    throw err;
  }
}

async function deployAndSeed(
  rpcUrl: string,
  chainId: number,
  compiled: CompiledContracts,
  seed: boolean,
  bulkCount: number,
): Promise<Deployment> {
  const chain = defineChain({
    id: chainId,
    name: 'Mask Dev Chain',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transport = http(rpcUrl, { retryCount: 0 });
  const pub = createPublicClient({ chain, transport, pollingInterval: 5 }) as PublicClient;
  const rawAccounts = (await pub.request({ method: 'eth_accounts' } as never)) as Address[];
  if (rawAccounts.length < 10) throw new Error(`dev chain: expected 10 anvil accounts, got ${rawAccounts.length}`);
  const accounts = rawAccounts.slice(0, 10).map((a) => getAddress(a));
  const deployer = accounts[0]!;
  // anvil's accounts are unlocked: a json-rpc account makes anvil sign (no private key here).
  const wallet = createWalletClient({ chain, transport, account: deployer, pollingInterval: 5 });
  const d = new Deployer(wallet, pub);

  const resolver = await d.deploy(compiled, 'DevUniversalResolver');
  const usdc = await d.deploy(compiled, 'DevUSDC');
  const pausedToken = await d.deploy(compiled, 'PausedToken');
  const donationBox = await d.deploy(compiled, 'DonationBox');
  const multicallImpl = await d.deploy(compiled, 'DevMulticall3');
  const hostileTokens = await d.deploy(compiled, 'HostileTokenFactory');
  const smartAccountOwner = accounts[SMART_ACCOUNT_OWNER]!;
  const smartAccount = await d.deploy(compiled, 'DevSmartAccount', [smartAccountOwner]);

  // Put a copy of our Multicall3 runtime code at the canonical address.
  const runtime = (await pub.getCode({ address: multicallImpl })) as Hex | undefined;
  if (!runtime || runtime === '0x') throw new Error('dev chain: DevMulticall3 has no code');
  await pub.request({ method: 'anvil_setCode', params: [MULTICALL3_ADDRESS, runtime] } as never);
  const multicall3 = getAddress(MULTICALL3_ADDRESS);

  const names: Record<string, Address> = {};
  const verified = new Map<Address, string>();
  const bulk: { address: Address; name: string }[] = [];
  let spoof: Deployment['spoof'] = null;

  if (seed) {
    const ur = compiled.DevUniversalResolver.abi;
    const records: NameRecordArg[] = [];
    for (const p of [...SEED_PROFILES, BROKEN_PROFILE]) {
      const addr = accounts[p.accountIndex]!;
      records.push(recordOf(p.name, addr, p.texts));
      names[p.name] = addr;
      verified.set(addr, p.name);
    }
    records.push(recordOf(DONATION_NAME, donationBox, { description: 'A contract that accepts ETH.' }));
    names[DONATION_NAME] = donationBox;
    for (const l of LOOKALIKE_NAMES) {
      records.push(recordOf(l.name, l.address, {}, false));
      names[l.name] = l.address;
    }
    await d.write(resolver, ur, 'setRecords', [records]);

    // The spoof: a reverse record claiming a name whose forward address is someone else.
    const spoofAddr = accounts[SPOOF.accountIndex]!;
    await d.write(resolver, ur, 'setName', [spoofAddr, SPOOF.claimedName]);
    spoof = { address: spoofAddr, claimedName: SPOOF.claimedName };

    for (let i = 1; i <= bulkCount; i++) {
      bulk.push({ address: bulkAddress(i), name: bulkName(i, bulkCount) });
    }
    for (let i = 0; i < bulk.length; i += BULK_CHUNK) {
      const chunk = bulk.slice(i, i + BULK_CHUNK).map((b) => recordOf(b.name, b.address, { avatar: BULK_AVATAR }));
      await d.write(resolver, ur, 'setRecords', [chunk]);
    }

    for (const index of USDC_MINT.accounts) {
      await d.write(usdc, compiled.DevUSDC.abi, 'mint', [accounts[index]!, USDC_MINT.amount]);
    }
    for (const index of PAUSE_MINT.accounts) {
      await d.write(pausedToken, compiled.PausedToken.abi, 'mint', [accounts[index]!, PAUSE_MINT.amount]);
    }
  }

  const accountList: DeploymentAccount[] = accounts.map((address, index) => {
    const name = verified.get(address);
    return name ? { index, address, name } : { index, address };
  });

  return {
    chainId,
    rpcUrl,
    contracts: { ensUniversalResolver: resolver, multicall3, usdc, pausedToken, donationBox, hostileTokens, smartAccount },
    accounts: accountList,
    names,
    spoof,
    bulk,
    smartAccountOwner,
  };
}
