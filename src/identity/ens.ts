/**
 * ENS through the kit's ENS chain (its UniversalResolver), with viem's ENS
 * actions on the kit's shared client: every call of every badge in the same
 * 16 ms joins one multicall, and the multicalls join one JSON-RPC batch. A
 * lookup is two rounds: the reverse record (all badges at once), then the
 * forward check and the text records of every name found (all at once).
 */
import type { Client } from 'viem';
import { getEnsAddress, getEnsName, getEnsText } from 'viem/actions';
import type { ChainConfig } from '../config/chains.js';
import type { KitConfig } from '../config/config.js';
import { toChecksumAddress, type Address } from '../internal/address.js';
import { detailText } from '../internal/clip.js';
import { KitError } from '../internal/errors.js';
import type { Identity, IdentityResolver } from './types.js';

/** What the ENS source needs from the kit (its port): the ENS chain and a client for it. */
export interface EnsEnv {
  readonly config: Pick<KitConfig, 'ensChain'>;
  chain(ref?: number | string | null): ChainConfig | undefined;
  client(chain: ChainConfig): Promise<Client>;
}

/** The text records a badge shows (the avatar record is read too). */
export const TEXT_KEYS = ['description', 'url', 'com.twitter', 'com.github'] as const;

/** UniversalResolver reverts that mean "no such record", not "something broke" (as viem treats them). */
const NULL_REVERTS = new Set(['HttpError', 'ResolverError', 'ResolverNotContract', 'ResolverNotFound', 'ReverseAddressMismatch', 'UnsupportedResolverProfile']);

interface DecodedRevert {
  errorName?: string;
  args?: readonly unknown[];
}

/** The decoded contract revert inside a viem error, if there is one. */
function revertOf(error: unknown): DecodedRevert | undefined {
  let e = error as { data?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 8; depth++) {
    const data = e.data as DecodedRevert | undefined;
    if (data && typeof data === 'object' && typeof data.errorName === 'string') return data;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** An error's message for a sentence's `({detail})`: first line, at most 120 characters, no final stop. */
export function detailOf(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string } | undefined;
  return detailText(String(e?.shortMessage ?? e?.message ?? error).split('\n')[0].slice(0, 120));
}

/**
 * The built-in ENS source. `normalize` is viem's ENSIP-15 normalisation: a
 * reverse name that does not survive it unchanged is never shown.
 */
export function ensResolver(env: EnsEnv, normalize: (name: string) => Promise<string>): IdentityResolver {
  const chain = () => env.chain(env.config.ensChain);
  const client = async () => {
    const c = chain();
    return c?.contracts?.ensUniversalResolver ? env.client(c) : null;
  };
  const failed = (error: unknown) => new KitError('rpc-error', { key: 'badge.ensFailed', vars: { detail: detailOf(error) } }, { cause: error });

  return {
    id: 'ens',

    async resolveName(name) {
      const c = await client();
      if (!c) throw new KitError('resolution-failed', { key: 'badge.ensUnavailable', vars: { chain: chain()?.name ?? String(env.config.ensChain) } });
      try {
        const address = await getEnsAddress(c, { name });
        return address ? toChecksumAddress(address) : null;
      } catch (error) {
        throw failed(error);
      }
    },

    async lookup(address: Address): Promise<Partial<Identity> | null> {
      const c = await client();
      if (!c) return null;
      let name: string | null = null;
      try {
        name = await getEnsName(c, { address, strict: true });
      } catch (error) {
        const revert = revertOf(error);
        if (revert?.errorName === 'ReverseAddressMismatch') {
          // The UniversalResolver already compared the forward record: a claim, not a name.
          const claim = typeof revert.args?.[0] === 'string' ? revert.args[0] : '';
          return { unverifiedName: (await isNormal(claim, normalize)) ? claim : '' };
        }
        if (!revert?.errorName || !NULL_REVERTS.has(revert.errorName)) throw failed(error);
      }
      if (!name) return null;
      if (!(await isNormal(name, normalize))) return { unverifiedName: '' };
      // Forward check and records in one round (they batch together).
      try {
        const [forward, avatar, ...values] = await Promise.all([
          getEnsAddress(c, { name }),
          getEnsText(c, { name, key: 'avatar' }),
          ...TEXT_KEYS.map((key) => getEnsText(c, { name, key })),
        ]);
        if (!forward || forward.toLowerCase() !== address.toLowerCase()) return { unverifiedName: name };
        const texts: Record<string, string> = {};
        TEXT_KEYS.forEach((key, i) => {
          if (values[i]) texts[key] = values[i] as string;
        });
        return { name, nameSource: 'ens', verified: true, avatar: avatar || null, texts };
      } catch (error) {
        throw failed(error);
      }
    },
  };
}

async function isNormal(name: string, normalize: (name: string) => Promise<string>): Promise<boolean> {
  try {
    return !!name && (await normalize(name)) === name;
  } catch {
    return false;
  }
}
