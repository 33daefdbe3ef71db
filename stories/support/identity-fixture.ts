import { Kit } from '../../src/context/kit.js';
import { identityMessages } from '../../src/identity/identity.messages.js';
import { ShownNames } from '../../src/identity/shown.js';
import type { Identity, IdentityService, NameResolution, Trust } from '../../src/identity/types.js';
import { addMessages } from '../../src/internal/i18n.js';
import { KitError } from '../../src/wallet/errors.js';

// The service's own sentences (it registers them when it loads; this fixture stands in for it).
addMessages('en', identityMessages as Parameters<typeof addMessages>[1]);

/*
 * STORY FIXTURE. Storybook cannot reach the dev chain, the Lens API or XMTP,
 * so every story runs the real element against a kit whose identity service
 * answers from the table below, in the page (never on the network). The data
 * mirrors the dev chain's seed (dev/chain/seed-data.ts) and the local Lens
 * stand-in. `delay` and `never` script the loading states.
 */

const svg = (bg: string, fg: string, letter: string) =>
  `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" rx="12" fill="${bg}"/><text x="32" y="42" font-family="sans-serif" font-size="30" text-anchor="middle" fill="${fg}">${letter}</text></svg>`)}`;

export const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
export const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
export const CAROL = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
export const SPOOF = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
export const NAMELESS = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc';
export const BROKEN = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
export const STANI = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
export const DOWN = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
/** `a1ice.eth` (digit one): a valid name of its own that reads like alice.eth. */
export const LOOKALIKE = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
/** Flagged as risky (linked to a hack) by web3.bio's credentials. */
export const RISKY = '0x000000000000000000000000000000000000bad1';
/** Flagged as spam by web3.bio's credentials, with a Farcaster name it reports. */
export const SPAMMER = '0x0000000000000000000000000000000000005a11';
/** dave.eth, whose card opens while web3.bio does not answer. */
export const WEB3BIO_DOWN = '0x000000000000000000000000000000000000da7e';

const base = (address: string): Identity => ({
  address: address as `0x${string}`,
  name: null,
  nameSource: null,
  verified: false,
  unverifiedName: null,
  avatar: null,
  texts: {},
  lens: null,
});

const IDENTITIES: Record<string, Partial<Identity>> = {
  [ALICE]: {
    name: 'alice.eth',
    nameSource: 'ens',
    verified: true,
    avatar: svg('#7c3aed', '#ffffff', 'A'),
    texts: { description: 'Alice on the Mask dev chain. Likes tips.', url: 'https://alice.example.org', 'com.twitter': 'alice_dev', 'com.github': 'alice-dev' },
  },
  [BOB]: { name: 'bob.eth', nameSource: 'ens', verified: true, avatar: svg('#0ea5e9', '#0f172a', 'B'), texts: { description: 'Bob builds widgets.' } },
  [CAROL]: {
    name: 'carol.eth',
    nameSource: 'ens',
    verified: true,
    avatar: svg('#16a34a', '#f0fdf4', 'C'),
    texts: { description: 'Carol chats over XMTP.' },
    lens: { handle: 'lens/carol', name: 'Carol', bio: 'Carol posts on Lens and chats over XMTP.', picture: null, url: 'https://hey.xyz/u/carol', account: '0x1e45000000000000000000000000000000000003' },
  },
  [SPOOF]: { unverifiedName: 'alice.eth' },
  [WEB3BIO_DOWN]: { name: 'dave.eth', nameSource: 'ens', verified: true },
  [NAMELESS]: {},
  [BROKEN]: { name: 'broken.eth', nameSource: 'ens', verified: true, avatar: 'data:image/png;base64,bm90LWFuLWltYWdl', texts: { description: 'Has an avatar record that is not an image.' } },
  [STANI]: {
    name: 'lens/stani',
    nameSource: 'lens',
    verified: true,
    avatar: svg('#0f766e', '#ffffff', 'S'),
    lens: { handle: 'lens/stani', name: 'Stani (dev)', bio: 'A Lens-only profile: no ENS name.', picture: null, url: 'https://hey.xyz/u/stani', account: '0x1e45000000000000000000000000000000000007' },
  },
  [RISKY]: {},
  [SPAMMER]: {},
  [LOOKALIKE]: { name: 'a1ice.eth', nameSource: 'ens', verified: true, texts: { description: 'Not Alice.' } },
  [DOWN]: { failures: [{ source: 'ens', code: 'rpc-error', message: 'The name service did not answer (HTTP request failed).' }] },
};
/** What the service says when web3.bio does not answer (its real sentence). */
const WEB3BIO_FAILED = {
  text: 'The web3.bio Profile API did not answer (HTTP 503).',
  sentence: { key: 'badge.web3bioFailed', vars: { detail: 'HTTP 503' } },
};

/** What web3.bio reports when a card opens (`elsewhere()`; the stand-in in `test/support/web3bio-server.ts` has the same). */
const ELSEWHERE: Record<string, Partial<Identity>> = {
  [CAROL]: {
    profiles: [
      { platform: 'farcaster', name: 'carol', displayName: 'Carol 🟣', avatar: null, source: 'web3bio' },
      { platform: 'basenames', name: 'carol.base.eth', displayName: null, avatar: null, source: 'web3bio' },
    ],
    links: [{ platform: 'twitter', handle: 'carol_dev', url: 'https://x.com/carol_dev', verifiedBy: ['nextid'], source: 'web3bio' }],
  },
  [SPAMMER]: { profiles: [{ platform: 'farcaster', name: 'free-airdrop', displayName: 'FREE AIRDROP', avatar: null, source: 'web3bio' }] },
  [WEB3BIO_DOWN]: { failures: [{ source: 'web3bio', code: 'resolution-failed', message: WEB3BIO_FAILED.text, sentence: WEB3BIO_FAILED.sentence }] },
};
const NAMES: Record<string, string> = { 'alice.eth': ALICE, 'a1ice.eth': LOOKALIKE, 'bob.eth': BOB, 'carol.eth': CAROL, 'lens/stani': STANI };
const REACHABLE = new Set([ALICE, CAROL]);
/** What the web3.bio credential stand-in says (`test/support/web3bio-server.ts` has the same three). */
const TRUST: Record<string, Trust> = {
  [CAROL]: { human: [{ issuer: 'dentity', label: 'Humanity Verified', link: 'https://www.dentity.com/' }], risky: [], spam: [], source: 'web3bio' },
  [RISKY]: { human: [], risky: [{ issuer: 'hacker', label: 'Hacker', link: 'https://hacked.slowmist.io/' }], spam: [], source: 'web3bio' },
  [SPAMMER]: { human: [], risky: [], spam: [{ issuer: 'farcaster-spam', label: 'Spam', link: 'https://github.com/warpcast/labels' }], source: 'web3bio' },
};

export interface Script {
  /** Milliseconds before each answer. */
  delay: number;
  /** Never answer (the loading state). */
  never: boolean;
}

/** A kit whose identity service is the fixture above. */
export class StoryKit extends Kit {
  /** The names this story's badges have shown (the real registry, so look-alike warnings work as on a page). */
  readonly #shown = new ShownNames();

  constructor(readonly script: Script) {
    super({ config: { lang: 'en' } });
  }

  override identity(): Promise<IdentityService> {
    const wait = async <T>(value: () => T): Promise<T> => {
      if (this.script.never) await new Promise(() => {});
      await new Promise((r) => setTimeout(r, this.script.delay));
      return value();
    };
    return Promise.resolve({
      lookup: (address) => wait(() => ({ ...base(address), ...IDENTITIES[address] })),
      resolveName: (name) =>
        wait((): NameResolution => {
          const key = name.trim().toLowerCase().replace(/^(.+)\.lens$/, 'lens/$1');
          const address = NAMES[key];
          if (!address) throw new KitError('resolution-failed', `${key} does not point to an address.`);
          return { name: key, address: address as `0x${string}`, source: key.startsWith('lens/') ? 'lens' : 'ens' };
        }),
      canMessage: (address) => wait(() => REACHABLE.has(address)),
      elsewhere: (address) => wait(() => ({ ...base(address), ...ELSEWHERE[address] })),
      trust: (address) =>
        wait(() => {
          if (address === WEB3BIO_DOWN) throw new KitError('resolution-failed', WEB3BIO_FAILED.sentence);
          return TRUST[address] ?? null;
        }),
      addResolver: () => {},
      noteShown: (name, address) => this.#shown.note(name, address),
      lookalikes: (name, address) => this.#shown.lookalikes(name, address),
      onShown: (listener) => this.#shown.watch(listener),
    });
  }
}
