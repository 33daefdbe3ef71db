// Node-only: compiles the dev chain's Solidity sources with solc-js (offline).
// The result is cached in memory, so a process compiles at most once.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import type { Abi, Hex } from 'viem';

export interface CompiledContract {
  abi: Abi;
  /** creation code */
  bytecode: Hex;
  /** runtime code */
  deployedBytecode: Hex;
}

export type ContractName =
  | 'DevUniversalResolver'
  | 'DevUSDC'
  | 'PausedToken'
  | 'DonationBox'
  | 'DevMulticall3'
  | 'HostileToken'
  | 'HostileTokenFactory'
  | 'DevSmartAccount';

export type CompiledContracts = Record<ContractName, CompiledContract>;

const here = dirname(fileURLToPath(import.meta.url));
export const CONTRACTS_DIR = join(here, 'contracts');

/** Must be supported by both solc 0.8.37 and anvil's default hardfork. */
const EVM_VERSION = 'cancun';

let cached: CompiledContracts | undefined;

/** Finds `node_modules/<path>` walking up from this folder. */
function readImport(path: string): { contents: string } | { error: string } {
  let dir = here;
  for (;;) {
    const candidate = join(dir, 'node_modules', path);
    if (existsSync(candidate)) return { contents: readFileSync(candidate, 'utf8') };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const local = resolve(CONTRACTS_DIR, path);
  if (local.startsWith(CONTRACTS_DIR) && existsSync(local)) {
    return { contents: readFileSync(local, 'utf8') };
  }
  return { error: `import not found: ${path}` };
}

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

/** Compiles every `.sol` file in `dev/chain/contracts/` (once per process). */
export function compileContracts(): CompiledContracts {
  if (cached) return cached;
  const sources: Record<string, { content: string }> = {};
  for (const file of readdirSync(CONTRACTS_DIR).sort()) {
    if (file.endsWith('.sol')) {
      sources[file] = { content: readFileSync(join(CONTRACTS_DIR, file), 'utf8') };
    }
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: readImport })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  }
  const out: Partial<CompiledContracts> = {};
  for (const file of Object.keys(output.contracts ?? {})) {
    if (!(file in sources)) continue; // skip imported library contracts
    for (const [name, c] of Object.entries(output.contracts![file]!)) {
      if (!c.evm.bytecode.object) continue; // interfaces / abstract
      out[name as ContractName] = {
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      };
    }
  }
  const required: ContractName[] = ['DevUniversalResolver', 'DevUSDC', 'PausedToken', 'DonationBox', 'DevMulticall3', 'HostileTokenFactory', 'DevSmartAccount'];
  for (const name of required) {
    if (!out[name]) throw new Error(`solc output is missing contract ${name}`);
  }
  cached = out as CompiledContracts;
  return cached;
}
