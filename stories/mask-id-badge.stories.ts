import { ContextProvider } from '@lit/context';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import '../src/components/id-badge/define.js';
import type { MaskIdBadge } from '../src/components/id-badge/mask-id-badge.js';
import { BADGE_SIZES, BADGE_VARIANTS, type BadgeSize, type BadgeVariant } from '../src/components/id-badge/mask-id-badge.types.js';
import { Kit } from '../src/context/kit.js';
import { kitContext } from '../src/context/kit-context.js';
import type { Identity, IdentityService, NameResolution } from '../src/identity/types.js';
import { KitError } from '../src/wallet/errors.js';

/*
 * STORY FIXTURE. Storybook cannot reach the dev chain, the Lens API or XMTP,
 * so every story runs the real element against a kit whose identity service
 * answers from the table below, in the page (never on the network). The data
 * mirrors the dev chain's seed (dev/chain/seed-data.ts) and the local Lens
 * stand-in. `delay` and `never` script the loading states.
 */

const svg = (bg: string, fg: string, letter: string) =>
  `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" rx="12" fill="${bg}"/><text x="32" y="42" font-family="sans-serif" font-size="30" text-anchor="middle" fill="${fg}">${letter}</text></svg>`)}`;

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const CAROL = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const SPOOF = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
const NAMELESS = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc';
const BROKEN = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const STANI = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const DOWN = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';

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
    lens: { handle: 'lens/carol', name: 'Carol', bio: 'Carol posts on Lens and chats over XMTP.', picture: null, url: 'https://hey.xyz/u/carol' },
  },
  [SPOOF]: { unverifiedName: 'alice.eth' },
  [NAMELESS]: {},
  [BROKEN]: { name: 'broken.eth', nameSource: 'ens', verified: true, avatar: 'data:image/png;base64,bm90LWFuLWltYWdl', texts: { description: 'Has an avatar record that is not an image.' } },
  [STANI]: {
    name: 'lens/stani',
    nameSource: 'lens',
    verified: true,
    avatar: svg('#0f766e', '#ffffff', 'S'),
    lens: { handle: 'lens/stani', name: 'Stani (dev)', bio: 'A Lens-only profile: no ENS name.', picture: null, url: 'https://hey.xyz/u/stani' },
  },
  [DOWN]: { failures: [{ source: 'ens', code: 'rpc-error', message: 'The name service did not answer (HTTP request failed).' }] },
};
const NAMES: Record<string, string> = { 'alice.eth': ALICE, 'bob.eth': BOB, 'carol.eth': CAROL, 'lens/stani': STANI };
const REACHABLE = new Set([ALICE, CAROL]);

interface Script {
  /** Milliseconds before each answer. */
  delay: number;
  /** Never answer (the loading state). */
  never: boolean;
}

/** A kit whose identity service is the fixture above. */
class StoryKit extends Kit {
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
      addResolver: () => {},
    });
  }
}

class BadgeStoryKit extends HTMLElement {
  #provider = new ContextProvider(this, { context: kitContext });
  set kit(kit: Kit) {
    this.#provider.setValue(kit);
  }
  connectedCallback(): void {
    this.#provider.hostConnected();
  }
}
if (!customElements.get('badge-story-kit')) customElements.define('badge-story-kit', BadgeStoryKit);

interface Args {
  address: string;
  name: string;
  chain: string;
  size: BadgeSize;
  variant: BadgeVariant;
  showReachability: boolean;
  theme: '' | 'light' | 'dark';
  delay: number;
  never: boolean;
  /** Opens the card once rendered. */
  open: boolean;
}

const badge = (args: Args) =>
  html`<mask-id-badge
    address=${args.address || nothing}
    name=${args.name || nothing}
    chain=${args.chain || nothing}
    size=${args.size}
    variant=${args.variant}
    theme=${args.theme || nothing}
    loading="eager"
    ?show-reachability=${args.showReachability}
  ></mask-id-badge>`;

const frame = (args: Args, content: TemplateResult) => {
  const kit = new StoryKit({ delay: args.delay, never: args.never });
  const dark = args.theme === 'dark';
  return html`<div style="padding: 16px; min-height: 360px; ${dark ? 'background:#111318; color:#eceef2; color-scheme: dark;' : ''}">
    <badge-story-kit .kit=${kit}>${content}</badge-story-kit>
  </div>`;
};

const meta: Meta<Args> = {
  title: 'Elements/mask-id-badge',
  component: 'mask-id-badge',
  argTypes: {
    address: { control: 'text' },
    name: { control: 'text' },
    chain: { control: 'text' },
    size: { control: 'inline-radio', options: BADGE_SIZES },
    variant: { control: 'inline-radio', options: BADGE_VARIANTS },
    showReachability: { control: 'boolean' },
    theme: { control: 'inline-radio', options: ['', 'light', 'dark'] },
    delay: { control: { type: 'number', min: 0, step: 100 }, description: 'Story fixture: milliseconds before the identity arrives.' },
    never: { control: 'boolean', description: 'Story fixture: the identity never arrives (loading state).' },
    open: { control: 'boolean', description: 'Open the card once the badge has rendered.' },
  },
  args: { address: ALICE, name: '', chain: '', size: 'md', variant: 'full', showReachability: false, theme: '', delay: 300, never: false, open: false },
  render: (args) => frame(args, badge(args)),
  play: async ({ canvasElement, args }) => {
    if (!args.open) return;
    const el = canvasElement.querySelector<MaskIdBadge>('mask-id-badge')!;
    await customElements.whenDefined('mask-id-badge');
    for (let i = 0; i < 100 && !el.matches(':state(resolved), :state(error)'); i++) await new Promise((r) => setTimeout(r, 50));
    await el.show();
  },
};
export default meta;
type Story = StoryObj<Args>;

/** First paint: identicon and short address, no network; the name is on its way (it never arrives here). */
export const FirstPaint: Story = { args: { never: true } };

/** A verified primary name (its forward record points back) with its avatar. */
export const Verified: Story = {};

/** The card: full address, text records, links, verification. */
export const VerifiedCard: Story = { args: { open: true } };

/** The address claims alice.eth, which points elsewhere: the address stays, the badge is unverified. */
export const Unverified: Story = { args: { address: SPOOF } };

/** The card explains the failed claim. */
export const UnverifiedCard: Story = { args: { address: SPOOF, open: true } };

/** No name: identicon and address stay. */
export const NoName: Story = { args: { address: NAMELESS, open: true } };

/** The avatar record is not an image: the identicon stays. */
export const BrokenAvatar: Story = { args: { address: BROKEN } };

/** A Lens-only address shows its Lens handle; the card shows the Lens profile. */
export const LensProfile: Story = { args: { address: STANI, open: true } };

/** ENS name and Lens profile together. */
export const EnsAndLens: Story = { args: { address: CAROL, open: true } };

/** Given a name instead of an address. */
export const FromName: Story = { args: { address: '', name: 'alice.eth' } };

/** A name being resolved: no address yet, so a placeholder. */
export const FromNameLoading: Story = { args: { address: '', name: 'alice.eth', never: true } };

/** Reachability on: the dot says the address can receive XMTP messages. */
export const Reachable: Story = { args: { address: CAROL, showReachability: true } };

/** Reachability on: not on XMTP. */
export const Unreachable: Story = { args: { address: BOB, showReachability: true } };

/** The chain did not answer: the address stays, the card says why. */
export const LookupFailed: Story = { args: { address: DOWN, open: true } };

/** Bad input: not an address. */
export const InvalidAddress: Story = { args: { address: '0x123' } };

/** Bad input: not a name. */
export const InvalidName: Story = { args: { address: '', name: 'not a name!!' } };

/** Bad input: both address and name. */
export const BothAttributes: Story = { args: { name: 'alice.eth' } };

/** Bad input: a chain the kit does not know. */
export const UnknownChain: Story = { args: { chain: 'nope' } };

/** A name with no address. */
export const NameNotFound: Story = { args: { address: '', name: 'nobody.eth' } };

/** No address, no name, no wallet connected. */
export const NotConnected: Story = { args: { address: '' } };

/** Sizes and variants side by side. */
export const SizesAndVariants: Story = {
  render: (args) =>
    frame(
      args,
      html`<table style="border-spacing: 16px 8px">
        ${BADGE_VARIANTS.map(
          (variant) => html`<tr>
            <th style="text-align:start">${variant}</th>
            ${BADGE_SIZES.map((size) => html`<td>${badge({ ...args, size, variant })}</td>`)}
          </tr>`,
        )}
      </table>`,
    ),
};

/** Dark. */
export const Dark: Story = { args: { theme: 'dark', open: true } };

/** Styled from outside with ::part() and custom properties. */
export const Styled: Story = {
  render: (args) =>
    frame(
      args,
      html`<style>
          .styled {
            --mask-id-badge-avatar-radius: 8px;
            --mask-id-badge-label-width: 12em;
            --mask-color-accent: #9d174d;
          }
          .styled::part(name) {
            color: #9d174d;
          }
          .styled::part(trigger) {
            padding: 4px 8px;
            background: #fdf2f8;
          }
        </style>
        <mask-id-badge class="styled" address=${ALICE} loading="eager"></mask-id-badge>`,
    ),
};

/** A comment thread: many badges share one cached, batched lookup (here: the fixture). */
export const Thread: Story = {
  render: (args) =>
    frame(
      args,
      html`<ul style="list-style:none; padding:0; display:grid; gap:8px">
        ${[ALICE, BOB, CAROL, SPOOF, NAMELESS, STANI, BROKEN, ALICE, BOB, CAROL].map(
          (address, i) => html`<li><mask-id-badge address=${address} size="sm" variant="compact"></mask-id-badge> <span>Comment ${i + 1}</span></li>`,
        )}
      </ul>`,
    ),
};
