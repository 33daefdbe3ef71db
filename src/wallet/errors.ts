import { KitError } from '../internal/errors.js';

export { KitError };

interface RpcLikeError {
  code?: number;
  message?: string;
  data?: { originalError?: { code?: number } };
  cause?: unknown;
}

/** The EIP-1193 / JSON-RPC numeric code of an error, looking through common wrappers. */
export function rpcCode(error: unknown): number | undefined {
  let e = error as RpcLikeError | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'number') return e.code;
    if (typeof e.data?.originalError?.code === 'number') return e.data.originalError.code;
    e = e.cause as RpcLikeError | undefined;
  }
  return undefined;
}

/** Maps anything a wallet throws to a `KitError` with a code and a sentence (as a key and values). */
export function toWalletError(error: unknown): KitError {
  if (error instanceof KitError) return error;
  const code = rpcCode(error);
  if (code === 4001 || code === 4100) return new KitError('user-rejected', { key: 'error.userRejected' }, { cause: error });
  if (code === -32002) return new KitError('wallet-error', { key: 'error.walletPending' }, { cause: error });
  const detail = String((error as RpcLikeError)?.message ?? error).slice(0, 200);
  return new KitError('wallet-error', { key: 'error.walletError', vars: { detail } }, { cause: error });
}
