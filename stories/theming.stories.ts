import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import '../src/components/id-badge/define.js';
import type { MaskIdBadge } from '../src/components/id-badge/mask-id-badge.js';
// Imported by name, not for its side effect: a bare import of a module the package does not list under
// `sideEffects` is dropped by the Storybook build, and the badges then fell back to the page's kit (real
// network, failed lookups) instead of the story fixture.
import { withKit } from '../test/support/kit-provider.js';
import { ALICE, BOB, SPOOF, StoryKit } from './support/identity-fixture.js';
import { waitFor } from './support/wait.js';

/*
 * The live examples of the Theming guide (stories/docs/theming.mdx): the same
 * badges (over the story identity fixture, no network) in each theme, under a
 * host page's `color-scheme`, with kit tokens and with `::part()`.
 */

const kit = () => new StoryKit({ delay: 0, never: false });
const badges = (theme?: string): TemplateResult =>
  html`<mask-id-badge address=${ALICE} loading="eager" theme=${theme ?? 'auto'}></mask-id-badge>
    <mask-id-badge address=${SPOOF} loading="eager" theme=${theme ?? 'auto'}></mask-id-badge>
    <mask-id-badge address=${BOB} variant="compact" size="sm" loading="eager" theme=${theme ?? 'auto'}></mask-id-badge>`;

/** Opens the first badge's card once its identity is in. */
async function openFirstCard(canvasElement: HTMLElement): Promise<void> {
  await customElements.whenDefined('mask-id-badge');
  const badges = [...canvasElement.querySelectorAll<MaskIdBadge>('mask-id-badge')];
  for (const el of badges) await waitFor(() => el.matches(':state(resolved)'), 'the badges to resolve');
  await badges[0].show();
}

const meta: Meta = {
  title: 'Guides/Theming examples',
  tags: ['!autodocs'],
  render: () => withKit(kit(), html`<div style="display:flex; gap:16px; flex-wrap:wrap; min-height: 320px">${badges()}</div>`),
};
export default meta;
type Story = StoryObj;

/** `theme="light"`: light whatever the page or the system says. */
export const Light: Story = {
  render: () => withKit(kit(), html`<div style="display:flex; gap:16px; flex-wrap:wrap; min-height: 320px">${badges('light')}</div>`),
  play: ({ canvasElement }) => openFirstCard(canvasElement),
};

/** `theme="dark"`, on a dark page. */
export const Dark: Story = {
  render: () =>
    html`<div style="background:#111318; color:#eceef2; color-scheme: dark; padding: 16px">
      ${withKit(kit(), html`<div style="display:flex; gap:16px; flex-wrap:wrap; min-height: 320px">${badges('dark')}</div>`)}
    </div>`,
  play: ({ canvasElement }) => openFirstCard(canvasElement),
};

/** `theme="auto"` (the default) inside a host section that declares `color-scheme: dark`: the badges follow it. */
export const AutoFollowsHostColorScheme: Story = {
  render: () =>
    html`<section style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 16px" aria-label="A dark section of the host page">
      ${withKit(kit(), html`<div style="display:flex; gap:16px; flex-wrap:wrap; min-height: 320px">${badges()}</div>`)}
    </section>`,
  play: ({ canvasElement }) => openFirstCard(canvasElement),
};

/** Kit tokens set once on a container: every element below falls back to them. */
export const Tokens: Story = {
  render: () =>
    html`<div
      style="--mask-color-accent: #6d28d9; --mask-color-text: #3b0764; --mask-color-muted: #5b21b6; --mask-color-surface: #faf5ff; --mask-color-border: #c4b5fd; --mask-radius: 4px; --mask-font-family: Georgia, serif; --mask-space-2: 12px; --mask-space-3: 16px"
    >
      ${withKit(kit(), html`<div style="display:flex; gap:16px; flex-wrap:wrap; min-height: 320px">${badges('light')}</div>`)}
    </div>`,
  play: ({ canvasElement }) => openFirstCard(canvasElement),
};

/** `::part()` from the host page's CSS: no `!important` needed, the kit's styles are in a cascade layer. */
export const Parts: Story = {
  render: () =>
    html`<style>
        .themed-parts mask-id-badge::part(trigger) {
          border: 1px dashed #0f766e;
          border-radius: 999px;
          padding: 2px 10px 2px 2px;
        }
        .themed-parts mask-id-badge::part(name) {
          color: #0f766e;
          font-weight: 700;
        }
        .themed-parts mask-id-badge::part(avatar) {
          --mask-id-badge-avatar-radius: 6px;
        }
      </style>
      <div class="themed-parts">
        ${withKit(kit(), html`<div style="display:flex; gap:16px; flex-wrap:wrap">${badges('light')}</div>`)}
      </div>`,
  play: async ({ canvasElement }) => {
    for (const el of canvasElement.querySelectorAll('mask-id-badge')) await waitFor(() => el.matches(':state(resolved)'), 'the badges to resolve');
  },
};
