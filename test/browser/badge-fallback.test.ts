/**
 * A badge whose lookup fails falls back quietly (issue 15, item 5): the
 * identicon and the short address stay, in the page's colours, with no
 * sentence in place of the byline; `mask-error` still carries the code; the
 * card says why, in one well-punctuated sentence. Real parts: the dev chain,
 * the local Lens stand-in, and ports where nothing listens.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { SEED_PROFILES } from '../../dev/chain/seed-data.js';
import '../../src/components/id-badge/define.js';
import type { MaskIdBadge } from '../../src/components/id-badge/mask-id-badge.js';
import { Kit } from '../../src/context/kit.js';
import type { MaskErrorEvent } from '../../src/events/mask-error.js';
import { devChains, testEnv, until } from './support.js';

const env = testEnv();
const account = (i: number) => env.deployment.accounts[i].address;
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const part = (root: ParentNode, name: string) => root.querySelector<HTMLElement>(`[part~="${name}"]`);
/** A port where nothing answers. */
const DEAD = 'http://127.0.0.1:9/';

function kit(opts: { rpcDown?: boolean; lensDown?: boolean }): Kit {
  return new Kit({
    config: {
      chains: devChains(env).map((c) => (opts.rpcDown ? { ...c, rpcUrls: [DEAD] } : c)),
      defaultChain: env.chainId,
      ensChain: env.chainId,
      lensApiUrl: opts.lensDown ? DEAD : env.lensUrl,
      web3bioApiUrl: false,
      lang: 'en',
    },
  });
}

/** Renders a badge for `address`, waits for its `mask-error` and for the lookup to settle. */
async function failing(k: Kit, address: string, variant = 'full'): Promise<{ el: MaskIdBadge; event: MaskErrorEvent }> {
  const host = await fixture(html`<test-kit-provider .kit=${k}></test-kit-provider>`);
  const errored = oneEvent(host, 'mask-error') as Promise<MaskErrorEvent>;
  host.innerHTML = `<mask-id-badge address="${address}" variant="${variant}" loading="eager"></mask-id-badge>`;
  const el = host.querySelector('mask-id-badge') as MaskIdBadge;
  const event = await errored;
  await until(() => el.matches(':state(resolved)') && !el.matches(':state(loading)'), 'the lookup to settle', 20_000);
  await el.updateComplete;
  return { el, event };
}

/** The badge at rest: its identicon, its short address, nothing red, no sentence outside the card. */
function expectQuietFallback(el: MaskIdBadge, address: string): void {
  const root = el.shadowRoot!;
  expect(part(root, 'avatar')!.querySelector('svg'), 'identicon').to.exist;
  expect(part(root, 'address')!.textContent).to.equal(short(address));
  const outside = [...root.querySelectorAll('[part~="error"], [role="alert"]')].filter((n) => !n.closest('[part~="card"]'));
  expect(outside.map((n) => n.textContent), 'a sentence in place of the byline').to.deep.equal([]);
  const text = getComputedStyle(el).color;
  const coloured = [...root.querySelectorAll<HTMLElement>('[part~="base"] *')]
    .filter((n) => !n.closest('[part~="card"]') && n.checkVisibility() && n.textContent?.trim() && getComputedStyle(n).color !== text && !n.matches('.second, .second *, [part~="copy-button"]'));
  expect(coloured.map((n) => `${n.getAttribute('part') ?? n.className}: ${getComputedStyle(n).color}`), 'text in another colour than the page’s').to.deep.equal([]);
  expect(el.matches(':state(error)')).to.equal(true);
}

async function cardSentence(el: MaskIdBadge): Promise<string> {
  await el.show();
  await el.updateComplete;
  const card = part(el.shadowRoot!, 'card')!;
  expect(card.matches(':popover-open')).to.equal(true);
  return part(card, 'error')?.textContent?.trim() ?? '';
}

describe('<mask-id-badge> when the lookup fails', () => {
  it('the chain does not answer: identicon and short address, rpc-error, the reason in the card without doubled punctuation', async () => {
    const { el, event } = await failing(kit({ rpcDown: true, lensDown: true }), account(1));
    expect(event.detail.code).to.equal('rpc-error');
    expectQuietFallback(el, account(1));
    const said = await cardSentence(el);
    expect(said).to.match(/^The name service did not answer \(.+\)\.$/);
    expect(said).not.to.match(/[.。]\)\./);
    await expect(el).to.be.accessible();
  });

  it('the Lens API does not answer: the ENS name stays, resolution-failed, the reason in the card', async () => {
    const address = account(SEED_PROFILES.find((p) => p.name === 'alice.eth')!.accountIndex);
    const { el, event } = await failing(kit({ lensDown: true }), address);
    expect(event.detail.code).to.equal('resolution-failed');
    expect(part(el.shadowRoot!, 'name')?.textContent).to.equal('alice.eth');
    const said = await cardSentence(el);
    expect(said).to.match(/^The Lens API did not answer \(.+\)\.$/);
    expect(said).not.to.match(/[.。]\)\./);
  });

  it('the compact and avatar variants fall back the same way', async () => {
    for (const variant of ['compact', 'avatar']) {
      const { el } = await failing(kit({ rpcDown: true }), account(3), variant);
      const outside = [...el.shadowRoot!.querySelectorAll('[part~="error"]')].filter((n) => !n.closest('[part~="card"]'));
      expect(outside.length, variant).to.equal(0);
      expect(part(el.shadowRoot!, 'avatar')!.querySelector('svg'), variant).to.exist;
    }
  });
});
