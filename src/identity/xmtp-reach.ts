/**
 * "Can this address receive XMTP messages?" without the XMTP engine: one
 * `xmtp.identity.api.v1.IdentityApi/GetInboxIds` call over binary gRPC-web,
 * batched across badges (the request is a repeated list; answers are
 * positional and echo each identifier). An address with an inbox id is
 * reachable. The protobuf here is the few fields that call needs.
 */
import type { XmtpConfig, XmtpEnv } from '../config/config.js';
import { KitError } from '../internal/errors.js';
import { frame, readFields, unframe, writeBytes, writeString, writeVarint } from '../internal/grpc-web.js';
import { batcher } from './batch.js';
import { detailOf } from './ens.js';

/** What the check needs from the kit (its port): the XMTP network it asks. */
export interface ReachEnv {
  readonly config: { readonly xmtp: Pick<XmtpConfig, 'env' | 'apiUrl'> };
}

/**
 * The gRPC-web endpoints the XMTP browser SDK uses per V3 environment. The decentralised network's
 * envs have no V3 identity API: there the check needs `xmtp.apiUrl`, or says it could not check.
 */
const API_URLS: Partial<Record<XmtpEnv, string>> = {
  local: 'http://localhost:5557',
  dev: 'https://api.dev.xmtp.network:5558',
  production: 'https://api.production.xmtp.network:5558',
};
const METHOD = '/xmtp.identity.api.v1.IdentityApi/GetInboxIds';
/** `IdentifierKind.IDENTIFIER_KIND_ETHEREUM` */
const KIND_ETHEREUM = 1;

// protobuf and gRPC-web framing: internal/grpc-web.ts (re-exported for the tests and the test support)
export { frame, readFields, unframe, writeBytes, writeString, writeVarint };

const text = (value: number | Uint8Array | undefined): string => (value instanceof Uint8Array ? new TextDecoder().decode(value) : '');

/** `GetInboxIdsRequest { repeated Request requests = 1 }`, `Request { identifier = 1, identifier_kind = 2 }`. */
export function encodeGetInboxIds(addresses: string[]): number[] {
  const out: number[] = [];
  for (const address of addresses) {
    const request: number[] = [];
    writeString(request, 1, address);
    writeVarint(request, 2, KIND_ETHEREUM);
    writeBytes(out, 1, request);
  }
  return out;
}

/** `GetInboxIdsResponse { repeated Response responses = 1 }`, `Response { identifier = 1, optional inbox_id = 2 }`. */
export function decodeGetInboxIds(message: Uint8Array): Map<string, string | null> {
  const answers = new Map<string, string | null>();
  for (const item of readFields(message).get(1) ?? []) {
    if (!(item instanceof Uint8Array)) continue;
    const fields = readFields(item);
    answers.set(text(fields.get(1)?.[0]), text(fields.get(2)?.[0]) || null);
  }
  return answers;
}

// ---------------------------------------------------------------- the check

export function xmtpReach(env: ReachEnv): (address: string) => Promise<boolean> {
  const failed = (error: unknown) => new KitError('node-unreachable', { key: 'badge.xmtpFailed', vars: { detail: detailOf(error) } }, { cause: error });
  const ask = batcher<string, string | null>(
    async (addresses) => {
      const url = env.config.xmtp.apiUrl ?? API_URLS[env.config.xmtp.env];
      if (!url) throw failed(new Error(`no identity API for the XMTP env “${env.config.xmtp.env}”`));
      const base = url.replace(/\/+$/, '');
      let response: Response;
      try {
        response = await fetch(base + METHOD, {
          method: 'POST',
          headers: { 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1' },
          body: frame(encodeGetInboxIds(addresses)),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw failed(error);
      }
      if (!response.ok) throw failed(new Error(`HTTP ${response.status}`));
      const { messages, status, message } = unframe(new Uint8Array(await response.arrayBuffer()), response.headers);
      if (status !== 0 || !messages.length) throw failed(new Error(`grpc-status ${status}${message ? `: ${message}` : ''}`));
      return decodeGetInboxIds(messages[0]);
    },
    { max: 100 },
  );
  // The node matches identifiers by exact string: addresses go lower-case, as the SDK sends them.
  return async (address) => !!(await ask(address.toLowerCase()));
}
