/**
 * `<mask-provider>` scopes configuration to its subtree and shares the page's
 * wallet; `window.MaskWidgets` runs commands queued before the script loaded.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/id-badge/define.js';
import '../../src/components/provider/define.js';
import type { MaskProvider } from '../../src/components/provider/mask-provider.js';
import { installGlobalApi, type MaskWidgetsApi } from '../../src/context/global-api.js';
import { Kit } from '../../src/context/kit.js';
import { getDefaultKit } from '../../src/context/root.js';
import type { MaskErrorEvent } from '../../src/events/mask-error.js';

type BadgeWithKit = HTMLElement & { kit: Kit; updateComplete: Promise<unknown> };

describe('<mask-provider>', () => {
  it('widgets inside read its configuration; widgets outside read the page default', async () => {
    const root = await fixture(html`<div>
      <mask-id-badge id="outside"></mask-id-badge>
      <mask-provider chains="base,optimism" default-chain="optimism" xmtp-env="dev" lang="es">
        <mask-id-badge id="inside"></mask-id-badge>
      </mask-provider>
    </div>`);
    const inside = root.querySelector<BadgeWithKit>('#inside')!;
    const outside = root.querySelector<BadgeWithKit>('#outside')!;
    await inside.updateComplete;
    expect(inside.kit).to.equal((root.querySelector('mask-provider') as MaskProvider).scoped);
    expect(inside.kit.config.chains.map((c) => c.key)).to.deep.equal(['base', 'optimism']);
    expect(inside.kit.config.defaultChain).to.equal(10);
    expect(inside.kit.config.xmtp.env).to.equal('dev');
    expect(inside.kit.config.lang).to.equal('es');
    expect(outside.kit).to.equal(getDefaultKit());
    expect(outside.kit.config.defaultChain).to.equal(1);
    expect(inside.kit.wallet).to.equal(outside.kit.wallet, 'one wallet for the whole page');
  });

  it('an invalid attribute keeps the previous configuration, emits invalid-config, and recovers', async () => {
    const provider = await fixture<MaskProvider>(html`<mask-provider chains="base"></mask-provider>`);
    const errored = oneEvent(provider, 'mask-error') as Promise<MaskErrorEvent>;
    provider.setAttribute('chains', 'base,nowhere');
    const event = await errored;
    expect(event.code).to.equal('invalid-config');
    expect(event.message).to.contain('nowhere');
    await provider.updateComplete;
    expect(provider.scoped.config.chains.map((c) => c.key)).to.deep.equal(['base']);
    expect(provider.matches(':state(error)')).to.equal(true);
    expect(provider.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('nowhere');
    provider.setAttribute('chains', 'base,arbitrum');
    await provider.updateComplete;
    expect(provider.scoped.config.chains.map((c) => c.key)).to.deep.equal(['base', 'arbitrum']);
    expect(provider.matches(':state(error)')).to.equal(false);
  });

  it('rpc="key=url,…" overrides RPC URLs per chain', async () => {
    const provider = await fixture<MaskProvider>(html`<mask-provider chains="base,10" rpc="base=https://rpc.example/base, 10=https://rpc.example/op"></mask-provider>`);
    expect(provider.scoped.chain('base')!.rpcUrls).to.deep.equal(['https://rpc.example/base']);
    expect(provider.scoped.chain(10)!.rpcUrls).to.deep.equal(['https://rpc.example/op']);
  });
});

describe('nested <mask-provider>', () => {
  it('inherits from the provider around it, follows it, and inherits from the page again once moved out', async () => {
    const outer = await fixture<MaskProvider>(html`<mask-provider chains="base,optimism" default-chain="optimism" lang="es">
      <mask-provider xmtp-env="dev">
        <mask-id-badge></mask-id-badge>
      </mask-provider>
    </mask-provider>`);
    const inner = outer.querySelector('mask-provider')!;
    const badge = inner.querySelector('mask-id-badge')!;
    await badge.updateComplete;
    expect(badge.kit).to.equal(inner.scoped);
    expect(inner.scoped.parent).to.equal(outer.scoped, 'the enclosing provider, not the page default');
    expect(badge.kit.config.chains.map((c) => c.key)).to.deep.equal(['base', 'optimism']);
    expect(badge.kit.config.defaultChain).to.equal(10);
    expect(badge.kit.config.lang).to.equal('es');
    expect(badge.kit.config.xmtp.env).to.equal('dev', 'its own attribute');

    // The outer provider changes: the inner one follows; its own values still win.
    outer.setAttribute('default-chain', 'base');
    outer.setAttribute('xmtp-env', 'local');
    await outer.updateComplete;
    expect(badge.kit.config.defaultChain).to.equal(8453);
    expect(badge.kit.config.xmtp.env).to.equal('dev');

    // Moved out of the outer provider: it inherits from the page's kit again.
    document.body.append(inner);
    try {
      await badge.updateComplete;
      expect(badge.kit).to.equal(inner.scoped);
      expect(inner.scoped.parent).to.equal(getDefaultKit());
      expect(badge.kit.config.chains.map((c) => c.key)).to.deep.equal(getDefaultKit().config.chains.map((c) => c.key));
      expect(badge.kit.config.xmtp.env).to.equal('dev');
    } finally {
      inner.remove();
    }
  });
});

describe('the kit property', () => {
  it('a kit set on an element wins over its provider; null goes back to the provider', async () => {
    const provider = await fixture<MaskProvider>(html`<mask-provider chains="base"><mask-id-badge chain="optimism"></mask-id-badge></mask-provider>`);
    const badge = provider.querySelector('mask-id-badge')!;
    await badge.updateComplete;
    expect(badge.kit).to.equal(provider.scoped);
    expect(badge.matches(':state(error)')).to.equal(true, 'optimism is not configured in the provider');

    const own = new Kit({ config: { chains: ['base', 'optimism'] } });
    badge.kit = own;
    await badge.updateComplete;
    expect(badge.kit).to.equal(own);
    expect(badge.matches(':state(error)')).to.equal(false, 'rendered again with the kit set on it');

    provider.setAttribute('chains', 'base,arbitrum');
    await provider.updateComplete;
    expect(badge.kit).to.equal(own, 'the provider changing does not take it back');

    badge.kit = null;
    await badge.updateComplete;
    expect(badge.kit).to.equal(provider.scoped);
    expect(badge.matches(':state(error)')).to.equal(true);
  });

  it("a provider's kit property is the kit its subtree inherits from", async () => {
    const provider = await fixture<MaskProvider>(html`<mask-provider default-chain="polygon"><mask-id-badge></mask-id-badge></mask-provider>`);
    const parent = new Kit({ config: { chains: ['polygon', 'base'], lensApiUrl: 'https://lens.example/graphql' } });
    provider.kit = parent;
    const badge = provider.querySelector('mask-id-badge')!;
    await badge.updateComplete;
    expect(provider.scoped.parent).to.equal(parent);
    expect(badge.kit.config.chains.map((c) => c.key)).to.deep.equal(['polygon', 'base']);
    expect(badge.kit.config.lensApiUrl).to.equal('https://lens.example/graphql');
    expect(badge.kit.config.defaultChain).to.equal(137);
  });
});

describe('window.MaskWidgets', () => {
  const saved = window.MaskWidgets;
  afterEach(() => {
    window.MaskWidgets = saved;
  });

  it('runs commands queued before load, logs bad ones without throwing, and keeps working', async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      window.MaskWidgets = [['configure', { chains: ['base'], defaultChain: 'base' }], ['nonsense'], 'not-a-command' as never, ['configure', { chains: ['nowhere'] }]];
      const kit = new Kit();
      const api = installGlobalApi(kit);
      expect(window.MaskWidgets).to.equal(api);
      expect(kit.config.defaultChain).to.equal(8453);
      expect(logged.map((l) => String(l[0]))).to.deep.equal([
        'mask-widgets: unknown command “nonsense”. Known: configure, connect, disconnect, switchChain, on.',
        'mask-widgets: a queued command must be an array like ["configure", {…}]; got',
        'mask-widgets: configure failed:',
      ]);
      api.push(['configure', { lensApiUrl: 'https://lens.example/graphql' }]);
      expect(kit.config.lensApiUrl).to.equal('https://lens.example/graphql');
      expect(() => api.configure({ chains: ['nowhere'] })).to.throw(/Unknown chain “nowhere”/);
      // A second copy of the kit keeps the first API.
      expect(installGlobalApi(new Kit())).to.equal(api);
    } finally {
      console.error = original;
    }
  });

  it('on() listens on document and returns an unsubscribe', async () => {
    window.MaskWidgets = undefined;
    const api = installGlobalApi(new Kit()) as MaskWidgetsApi;
    let heard = 0;
    const off = api.on('mask-wallet-change', () => heard++);
    document.dispatchEvent(new Event('mask-wallet-change'));
    off();
    document.dispatchEvent(new Event('mask-wallet-change'));
    expect(heard).to.equal(1);
  });
});
