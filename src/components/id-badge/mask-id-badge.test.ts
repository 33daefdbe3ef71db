import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { Kit } from '../../context/kit.js';
import type { MaskErrorEvent } from '../../events/mask-error.js';
import '../../../test/browser/support.js';
import './define.js';
import type { MaskIdBadge } from './mask-id-badge.js';

const ADDRESS = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

async function badge(attrs: string, kit = new Kit()): Promise<MaskIdBadge> {
  const host = await fixture(html`<test-kit-provider .kit=${kit}></test-kit-provider>`);
  host.innerHTML = `<mask-id-badge ${attrs}></mask-id-badge>`;
  const el = host.querySelector('mask-id-badge') as MaskIdBadge;
  await el.updateComplete;
  return el;
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

describe('<mask-id-badge> (first paint)', () => {
  it('shows an identicon and the short checksummed address, from lower-case input', async () => {
    const el = await badge(`address="${ADDRESS.toLowerCase()}"`);
    expect(part(el, 'address')!.textContent).to.equal('0x5aAe…eAed');
    expect(part(el, 'address')!.getAttribute('title')).to.equal(ADDRESS);
    expect(part(el, 'avatar')!.querySelector('svg')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('draws the same identicon for the same address in any case, and another for another', async () => {
    const a = await badge(`address="${ADDRESS}"`);
    const b = await badge(`address="${ADDRESS.toLowerCase()}"`);
    const c = await badge('address="0x0000000000000000000000000000000000000001"');
    const svg = (el: Element) => part(el, 'avatar')!.innerHTML.replace(/<!--[^>]*-->/g, '');
    expect(svg(a)).to.equal(svg(b));
    expect(svg(a)).not.to.equal(svg(c));
  });

  it('does not add attributes the page did not set', async () => {
    const el = await badge('');
    expect(el.getAttributeNames().sort()).to.deep.equal(['size', 'variant']);
  });

  it('bad input shows a sentence, emits mask-error, and recovers when fixed', async () => {
    const host = await fixture(html`<test-kit-provider .kit=${new Kit()}></test-kit-provider>`);
    const el = document.createElement('mask-id-badge');
    const errored = oneEvent(host, 'mask-error') as Promise<MaskErrorEvent>;
    el.setAttribute('address', '0x123');
    host.append(el);
    const event = await errored;
    expect(event.code).to.equal('invalid-address');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('“0x123” is not a valid Ethereum address');
    expect(el.matches(':state(error)')).to.equal(true);
    await expect(el).to.be.accessible();
    el.setAttribute('address', ADDRESS);
    await el.updateComplete;
    expect(part(el, 'error')).to.equal(null);
    expect(el.matches(':state(error)')).to.equal(false);
    expect(part(el, 'address')!.textContent).to.equal('0x5aAe…eAed');
  });

  it('a wrong EIP-55 checksum is rejected rather than shown', async () => {
    const el = await badge(`address="${ADDRESS.replace('aA', 'Aa')}"`);
    expect(el.matches(':state(error)')).to.equal(true);
  });

  it('with no address and no wallet: "Not connected" and the empty state', async () => {
    const el = await badge('');
    expect(part(el, 'address')!.textContent).to.equal('Not connected');
    expect(el.matches(':state(empty)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('while not connected, takes the box a badge with an address takes, in every size and variant: nothing moves when a wallet connects', async () => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return `${r.width.toFixed(1)}×${r.height.toFixed(1)}`;
    };
    for (const size of ['sm', 'md', 'lg']) {
      for (const variant of ['full', 'compact', 'avatar']) {
        const empty = await badge(`size="${size}" variant="${variant}"`);
        const shown = await badge(`size="${size}" variant="${variant}" address="${ADDRESS}"`);
        expect(empty.matches(':state(empty)')).to.equal(true);
        expect(`${size} ${variant} ${box(empty)}`).to.equal(`${size} ${variant} ${box(shown)}`);
        if (variant === 'avatar') await expect(empty).to.be.accessible();
      }
    }
  });

  it('reflects size and variant, and removing an attribute restores the default', async () => {
    const el = await badge(`address="${ADDRESS}" size="lg" variant="avatar"`);
    expect(el.size).to.equal('lg');
    expect(el.variant).to.equal('avatar');
    el.removeAttribute('size');
    el.setAttribute('variant', 'bogus');
    await el.updateComplete;
    expect(el.size).to.equal('md');
    expect(el.variant).to.equal('full');
    expect(el.hasAttribute('address')).to.equal(true);
    el.removeAttribute('address');
    await el.updateComplete;
    expect(el.address).to.equal('', 'removing address restores the default');
  });

  it('renders without Lit dev-mode warnings', async () => {
    const seen: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => seen.push(args.join(' '));
    try {
      await badge(`address="${ADDRESS}"`);
    } finally {
      console.warn = original;
    }
    expect(seen.filter((w) => /lit/i.test(w))).to.deep.equal([]);
  });
});
