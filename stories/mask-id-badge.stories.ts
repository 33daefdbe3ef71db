import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import '../src/components/id-badge/define.js';
import type { MaskIdBadge } from '../src/components/id-badge/mask-id-badge.js';
import { BADGE_SIZES, BADGE_VARIANTS, type BadgeSize, type BadgeVariant } from '../src/components/id-badge/mask-id-badge.types.js';
import { withKit } from '../test/support/kit-provider.js';
import { waitFor } from './support/wait.js';
import { ALICE, BOB, BROKEN, CAROL, DOWN, LOOKALIKE, NAMELESS, RISKY, SPAMMER, SPOOF, STANI, StoryKit, WEB3BIO_DOWN } from './support/identity-fixture.js';

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
    ${withKit(kit, content)}
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
  // The story is done when every badge has settled (looked up, failed or empty; reachability known when shown), then the card opens.
  play: async ({ canvasElement, args }) => {
    await customElements.whenDefined('mask-id-badge');
    const badges = [...canvasElement.querySelectorAll<MaskIdBadge>('mask-id-badge')];
    if (!args.never) {
      for (const el of badges) {
        await waitFor(() => el.matches(':state(resolved), :state(error), :state(empty)'), `${el.outerHTML} to settle`);
        if (el.showReachability && !el.matches(':state(error)')) await waitFor(() => el.matches(':state(reachable), :state(unreachable)'), 'reachability');
      }
    }
    if (args.open) await badges[0].show();
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

/**
 * Two names that read alike on one page: a1ice.eth (a digit one) is a valid name of its own, verified,
 * and its card says it looks like alice.eth, a different address shown a line below. Nothing is blocked.
 */
export const LookalikeCard: Story = {
  args: { address: LOOKALIKE, open: true },
  render: (args) =>
    frame(
      args,
      html`<p>Tips go to ${badge(args)}</p>
        <p>Posted by ${badge({ ...args, address: ALICE })}</p>`,
    ),
  play: async (context) => {
    await meta.play!(context);
    const first = context.canvasElement.querySelector<MaskIdBadge>('mask-id-badge')!;
    await waitFor(() => first.shadowRoot!.querySelector('[part~="lookalike-warning"]'), 'the look-alike warning');
  },
};

/** No name: identicon and address stay. */
export const NoName: Story = { args: { address: NAMELESS, open: true } };

/** The avatar record is not an image: the identicon stays. */
export const BrokenAvatar: Story = { args: { address: BROKEN } };

/** A Lens-only address shows its Lens handle; the card shows the Lens profile. */
export const LensProfile: Story = { args: { address: STANI, open: true } };

/** ENS name and Lens profile together. */
export const EnsAndLens: Story = { args: { address: CAROL, open: true } };

/** Waits, after the card opens, until the trust line (`part`) is in it. */
const withTrust = (part: string): Story['play'] => async (context) => {
  await meta.play!(context);
  const el = context.canvasElement.querySelector<MaskIdBadge>('mask-id-badge')!;
  await waitFor(() => !!el.shadowRoot?.querySelector(`[part~="${part}"]`), `the card's ${part}`);
};

/** web3.bio's credentials say verified human (with who verified it); its names on other platforms and a proof-verified link are listed as reported, never as the badge's name; the Lens account is shown beside its owner. */
export const VerifiedHumanCard: Story = { args: { address: CAROL, open: true }, play: withTrust('trust-human') };

/** Flagged as risky (linked to a hack) by web3.bio's credentials: a plain warning in the card; nothing is hidden. */
export const RiskyCard: Story = { args: { address: RISKY, open: true }, play: withTrust('trust-warning') };

/** Flagged as spam by web3.bio's credentials; the Farcaster name it reports is listed, not shown as the name. */
export const SpamCard: Story = { args: { address: SPAMMER, open: true }, play: withTrust('trust-warning') };

/** web3.bio did not answer as the card opened: the name stays, the card says the checks could not be made (`mask-error` `resolution-failed`). */
export const TrustCheckFailedCard: Story = { args: { address: WEB3BIO_DOWN, open: true }, play: withTrust('trust-unknown') };

/** Given a name instead of an address. */
export const FromName: Story = { args: { address: '', name: 'alice.eth' } };

/** A name being resolved: no address yet, so a placeholder. */
export const FromNameLoading: Story = { args: { address: '', name: 'alice.eth', never: true } };

/** Reachability on: the dot says the address can receive XMTP messages; the card says it in words. */
export const Reachable: Story = { args: { address: CAROL, showReachability: true, open: true } };

/** Reachability on: not on XMTP (the dot, and the card's sentence). */
export const Unreachable: Story = { args: { address: BOB, showReachability: true, open: true } };

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
