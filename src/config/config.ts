/**
 * The kit's configuration as plain data: its types, its defaults and their
 * validation. Pure (no DOM, no wallet, no context), so a service's port can
 * name the slice of configuration it reads (`Pick<KitConfig, 'lensApiUrl'>`)
 * without importing the context, and the rules are tested without a page.
 * `context/kit.ts` adds what is not data (the host's wallet provider) and
 * inheritance between kits.
 */
import { buildChains, DEFAULT_CHAINS, findChain, KitConfigError, type ChainConfig, type ChainInput } from './chains.js';

/**
 * `local`, `dev`, `production`: XMTP's centralised V3 network. `testnet-staging`, `testnet-dev`,
 * `testnet`, `mainnet`: its decentralised network (D14N), reached through the app's own gateway
 * (`gatewayHost`, required there and only there).
 */
export type XmtpEnv = 'local' | 'dev' | 'production' | 'testnet-staging' | 'testnet-dev' | 'testnet' | 'mainnet';

/** Where the chat's XMTP client connects, and where its engine loads from. */
export interface XmtpConfig {
  env: XmtpEnv;
  apiUrl?: string;
  /** The app's gateway service on the decentralised network (it pays for and relays publishes). */
  gatewayHost?: string;
  engineUrl?: string;
  /**
   * XMTP device sync: a new installation of the visitor's wallet (another site, another browser)
   * asks the wallet's other installations for history, and one that is online uploads an
   * encrypted archive to the history service for it. On unless `false` (also when omitted).
   */
  deviceSync?: boolean;
  /** The history service archives go through; omitted, the XMTP SDK's own for `env`. */
  historySyncUrl?: string;
}

/** The resolved configuration every widget reads. */
export interface KitConfig {
  chains: ChainConfig[];
  /** Chain used when a widget names none (id). */
  defaultChain: number;
  /** Chain whose ENS registry resolves names (id). */
  ensChain: number;
  xmtp: XmtpConfig;
  lensApiUrl: string;
  /** The web3.bio Profile API (names, links and credentials from more platforms), `https://api.web3.bio` by default; `false`: not asked. */
  web3bioApiUrl: string | false;
  ipfsGateway: string;
  /** BCP 47 language; empty = the document's or the browser's. */
  lang: string;
  /** Attachment storage, as given (checked by the lazy attachment chunk when a file is sent or shown). */
  attachments?: AttachmentsConfig;
}

/**
 * Where the chat stores remote attachments. `upload(bytes, info)` stores the encrypted bytes and
 * resolves to their https URL; or `endpoint`: a URL the kit POSTs the bytes to, answering
 * `{ "url": … }` (the dev store's protocol). Without either, only files up to `maxInlineBytes`
 * (default 700 000) can be sent. `devOrigin`: one plain-http origin the kit may also fetch from
 * (development only). `maxDownloadBytes` caps what is fetched (default 25 MB), `timeoutMs` how long.
 */
export interface AttachmentsConfig {
  upload?: (bytes: Uint8Array, info: { filename: string; mimeType: string; contentDigest: string; signal?: AbortSignal }) => Promise<string>;
  endpoint?: string;
  devOrigin?: string;
  maxInlineBytes?: number;
  maxDownloadBytes?: number;
  /** How long a download may take (ms, default 30 000). */
  timeoutMs?: number;
}

/** The data a host may pass to `configure()` / `<mask-provider>`. Everything is optional. */
export interface ConfigInput {
  chains?: ChainInput[];
  /** RPC URL overrides by chain id or key: `{ base: 'https://…' }`. */
  rpc?: Record<string, string>;
  defaultChain?: number | string;
  ensChain?: number | string;
  /**
   * `engineUrl`: where to load the prebuilt chat engine from (`mask-widgets-engine.js` of the CDN
   * build, resolved against the page) instead of from your bundle; for bundlers that cannot bundle
   * the XMTP SDK's worker and wasm.
   */
  xmtp?: { env?: XmtpEnv; apiUrl?: string; gatewayHost?: string; engineUrl?: string; deviceSync?: boolean; historySyncUrl?: string };
  lensApiUrl?: string;
  /**
   * The web3.bio Profile API (Mask's identity service), `https://api.web3.bio` by default. It is asked
   * only when someone looks: an open badge card, a tip's recipient, a message request's sender.
   * `false` turns it off: no address goes to web3.bio.
   */
  web3bioApiUrl?: string | false;
  ipfsGateway?: string;
  lang?: string;
  attachments?: AttachmentsConfig;
}

/** XMTP's centralised V3 network; every other env is on its decentralised network and needs `gatewayHost`. */
const V3_ENVS: readonly XmtpEnv[] = ['local', 'dev', 'production'];
const XMTP_ENVS: readonly XmtpEnv[] = [...V3_ENVS, 'testnet-staging', 'testnet-dev', 'testnet', 'mainnet'];

export const DEFAULT_CONFIG: KitConfig = {
  chains: [...DEFAULT_CHAINS],
  defaultChain: 1,
  ensChain: 1,
  xmtp: { env: 'production' },
  lensApiUrl: 'https://api.lens.xyz/graphql',
  web3bioApiUrl: 'https://api.web3.bio',
  ipfsGateway: 'https://ipfs.io/ipfs/',
  lang: '',
};

/**
 * `input` over `base` (a parent kit's configuration, or the defaults). Invalid
 * input throws a `KitConfigError` naming the culprit.
 */
export function resolveConfig(input: ConfigInput, base: KitConfig = DEFAULT_CONFIG): KitConfig {
  let chains = input.chains ? buildChains(input.chains, [...base.chains, ...DEFAULT_CHAINS]) : base.chains;
  if (input.rpc) {
    chains = chains.map((c) => {
      const url = input.rpc?.[c.key] ?? input.rpc?.[String(c.id)];
      return url ? { ...c, rpcUrls: [url] } : c;
    });
    for (const ref of Object.keys(input.rpc)) {
      if (!findChain(chains, ref)) throw new KitConfigError(`RPC URL given for “${ref}”, which is not a configured chain.`);
    }
  }
  const pick = (ref: number | string | undefined, fallback: number): number => {
    if (ref === undefined || ref === '') return findChain(chains, fallback) ? fallback : chains[0].id;
    const found = findChain(chains, ref);
    if (!found) throw new KitConfigError(`“${String(ref)}” is not one of the configured chains (${chains.map((c) => c.key).join(', ')}).`);
    return found.id;
  };
  if (!chains.length) throw new KitConfigError('At least one chain must be configured.');
  const xmtp = { ...base.xmtp, ...input.xmtp };
  xmtp.deviceSync ??= base.xmtp.deviceSync; // an explicit undefined keeps the inherited choice
  if (!XMTP_ENVS.includes(xmtp.env)) throw new KitConfigError(`XMTP env must be one of ${XMTP_ENVS.join(', ')}.`);
  const d14n = !V3_ENVS.includes(xmtp.env);
  if (d14n !== !!xmtp.gatewayHost)
    throw new KitConfigError(d14n ? `XMTP env “${xmtp.env}” needs xmtp.gatewayHost, your gateway's URL.` : `xmtp.gatewayHost is for the decentralised envs only, not “${xmtp.env}”.`);
  if (xmtp.deviceSync !== undefined && typeof xmtp.deviceSync !== 'boolean') throw new KitConfigError(`xmtp.deviceSync “${String(xmtp.deviceSync)}” is not true or false.`);
  for (const url of [xmtp.apiUrl, xmtp.gatewayHost, xmtp.historySyncUrl, input.lensApiUrl, input.web3bioApiUrl || void 0, input.ipfsGateway]) {
    if (url !== undefined && !/^https?:\/\//.test(url)) throw new KitConfigError(`“${url}” is not an http(s) URL.`);
  }
  return {
    chains,
    defaultChain: pick(input.defaultChain, base.defaultChain),
    ensChain: pick(input.ensChain, base.ensChain),
    xmtp,
    lensApiUrl: input.lensApiUrl ?? base.lensApiUrl,
    web3bioApiUrl: input.web3bioApiUrl ?? base.web3bioApiUrl,
    ipfsGateway: input.ipfsGateway ?? base.ipfsGateway,
    lang: input.lang ?? base.lang,
    attachments: input.attachments ?? base.attachments,
  };
}
