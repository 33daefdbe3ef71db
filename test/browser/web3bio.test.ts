/**
 * The web3.bio source in real Chromium, against the dev chain (ENS), the
 * local Lens stand-in and the local web3.bio stand-in
 * (`test/support/web3bio-server.ts`), directly or through its fault proxy:
 * the badge card's trust signals and reported names, a source that is down
 * or hung, hostile profile text.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/id-badge/define.js';
import type { MaskIdBadge } from '../../src/components/id-badge/mask-id-badge.js';
import { Kit } from '../../src/context/kit.js';
import { devChains, testEnv, until } from './support.js';

const env = testEnv();
const account = (i: number) => env.deployment.accounts[i].address;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const cardText = (el: Element) => part(el, 'card')!.textContent!.replace(/\s+/g, ' ');

function kit(web3bioApiUrl: string | false | undefined = env.web3bioUrl, lensApiUrl = env.lensUrl): Kit {
  return new Kit({ config: { chains: devChains(env), defaultChain: env.chainId, ensChain: env.chainId, lensApiUrl, web3bioApiUrl, lang: 'en' } });
}

async function badge(address: string, k = kit()): Promise<MaskIdBadge> {
  const host = await fixture(html`<test-kit-provider .kit=${k}></test-kit-provider>`);
  host.innerHTML = `<mask-id-badge address="${address}" loading="eager"></mask-id-badge>`;
  const el = host.querySelector('mask-id-badge') as MaskIdBadge;
  await until(() => el.matches(':state(resolved), :state(error)'), 'the badge to settle', 20_000);
  await el.updateComplete;
  return el;
}

async function openCard(el: MaskIdBadge, ...waitFor: string[]): Promise<string> {
  await el.show();
  for (const name of waitFor) await until(() => part(el, name), `the card's ${name}`);
  await el.updateComplete;
  return cardText(el);
}

/** The API requests the stand-in has answered so far. */
async function requests(): Promise<string[]> {
  return ((await (await fetch(`${env.web3bioUrl}/fixtures/requests`)).json()) as { requests: string[] }).requests;
}

async function fault(name: string): Promise<void> {
  await fetch(env.faultWeb3bioControlUrl!, { method: 'POST', body: name });
}

describe('web3.bio in the badge card', function () {
  this.timeout(60_000);
  before(function () {
    if (!env.web3bioUrl) this.skip();
  });
  afterEach(() => fault('pass'));

  it('verified human, with its source; names on other platforms as reported; a proof-verified link; the Lens account beside its owner', async () => {
    const el = await badge(account(3));
    expect(part(el, 'name')!.textContent).to.equal('carol.eth', 'the forward-verified ENS name stays the name');
    const text = await openCard(el, 'trust-human', 'profiles', 'verified-links');
    expect(part(el, 'trust-human')!.textContent).to.equal('Verified human: Humanity Verified (dentity), as reported by web3.bio.');
    expect(part(el, 'profiles')!.textContent!.replace(/\s+/g, ' ')).to.include('farcaster carol (Carol 🟣)').and.include('basenames carol.base.eth');
    const link = part(el, 'verified-links')!.querySelector('a')!;
    expect(link.textContent).to.equal('twitter carol_dev (verified by nextid)');
    expect(link.getAttribute('href')).to.equal('https://x.com/carol_dev');
    expect(part(el, 'verified-links')!.querySelectorAll('li').length, 'a link no proof backs (github) is not listed as verified').to.equal(1);
    expect(text).to.include('carol.eth points back to this address.');
    expect(part(el, 'lens-account')!.textContent).to.equal(`Lens account 0x1e45…0003, owned by ${account(3).slice(0, 6)}…${account(3).slice(-4)}: tips to lens/carol go to the owner.`);
    expect(part(el, 'trust-warning')).to.equal(null);
  });

  it('flagged as risky: a plain warning, the badge and its address still shown', async () => {
    const el = await badge(account(5));
    await openCard(el, 'trust-warning');
    expect(part(el, 'trust-warning')!.textContent).to.equal(
      'Warning: flagged as risky by Hacker (hacker), as reported by web3.bio (a compromised wallet or one linked to hacks). Check before you send anything.',
    );
    expect(cardText(el)).to.include(account(5));
  });

  it('flagged as spam: a warning; the Farcaster name it reports is listed, never the badge’s name', async () => {
    const el = await badge(account(9));
    await openCard(el, 'trust-warning', 'profiles');
    expect(part(el, 'trust-warning')!.textContent).to.equal('Warning: flagged as spam by Spam (farcaster-spam), as reported by web3.bio.');
    expect(part(el, 'name')).to.equal(null, 'no verified name');
    expect(part(el, 'profiles')!.textContent).to.include('free-airdrop');
  });

  it('hostile profile text renders as text', async () => {
    const evil = '0x000000000000000000000000000000000000E711';
    const payload = '<img src=x onerror="window.__pwned=1">';
    await fetch(`${env.web3bioUrl}/fixtures/identities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        identities: [
          {
            address: evil,
            profiles: [{ platform: 'farcaster', identity: payload, displayName: '<script>window.__pwned=2</script>', avatar: 'javascript:alert(1)', links: { twitter: { link: 'javascript:alert(1)', handle: payload, sources: ['nextid'] } } }],
            credentials: [{ category: 'isRisky', credentialSource: 'hacker', platform: 'ethereum', type: 'bool', value: 'true', label: payload, description: '', link: null }],
          },
        ],
      }),
    });
    const el = await badge(evil);
    await openCard(el, 'trust-warning', 'profiles', 'verified-links');
    const card = part(el, 'card')!;
    expect(card.querySelectorAll('img, script').length).to.equal(0);
    expect(part(el, 'profiles')!.textContent).to.include(payload);
    expect(part(el, 'trust-warning')!.textContent).to.include(payload);
    expect(part(el, 'verified-links')!.querySelector('a'), 'no javascript: link').to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('web3.bio down: the ENS name and Lens profile stay; the open card says the check failed; one mask-error names web3.bio', async () => {
    await fault('http-500');
    const el = await badge(account(3), kit(env.faultWeb3bioUrl));
    expect(part(el, 'name')!.textContent).to.equal('carol.eth');
    expect(el.matches(':state(error)'), 'nothing failed before the card opened').to.equal(false);
    const errors: Array<{ code: string; message: string }> = [];
    el.addEventListener('mask-error', (e) => errors.push({ code: e.code, message: e.message }));
    await openCard(el, 'trust-unknown', 'error');
    expect(part(el, 'trust-unknown')!.textContent).to.match(/^Could not check for trust warnings: The web3\.bio Profile API did not answer/);
    expect(part(el, 'error')!.textContent).to.equal('The web3.bio Profile API did not answer (HTTP 500).');
    expect(errors).to.deep.equal([{ code: 'resolution-failed', message: 'The web3.bio Profile API did not answer (HTTP 500).' }]);
    expect(el.matches(':state(error)')).to.equal(true);
    expect(part(el, 'name')!.textContent, 'the name stays').to.equal('carol.eth');
    expect(cardText(el)).to.include('lens/carol');
    // Fixed: the next time the card opens, web3.bio is asked again and the error goes.
    await fault('pass');
    el.hide();
    await el.updateComplete;
    await openCard(el, 'profiles');
    await until(() => !el.matches(':state(error)'), 'the error to clear');
    expect(part(el, 'error')).to.equal(null);
  });

  it('web3.bio hung: the badge never waits for it; the open card says so after the per-source timeout, not when the API gives up', async () => {
    await fault('hang');
    const el = await badge(account(3), kit(env.faultWeb3bioUrl));
    expect(part(el, 'name')!.textContent).to.equal('carol.eth');
    expect(part(el, 'error')).to.equal(null);
    await openCard(el, 'trust-unknown', 'error');
    expect(part(el, 'error')!.textContent).to.equal('The web3.bio Profile API did not answer (no answer within 4 s).');
    expect(part(el, 'trust-unknown')!.textContent, 'given up by the per-source timeout, not by the request’s own').to.equal(
      'Could not check for trust warnings: The web3.bio Profile API did not answer (no answer within 4 s).',
    );
  });

  it('a page of badges asks web3.bio nothing; opening a card asks it about that address', async () => {
    // Counted by address, for addresses no fault test uses: requests the fault proxy held may still arrive.
    const about = async (address: string) => (await requests()).filter((p) => decodeURIComponent(p).includes(address.toLowerCase())).length;
    const [opened, closed] = [account(9), account(1)];
    const before = [await about(opened), await about(closed)];
    const el = await badge(opened);
    await badge(closed);
    expect([await about(opened), await about(closed)], 'badges at rest').to.deep.equal(before);
    await openCard(el, 'trust-warning', 'profiles');
    expect(await about(opened), 'one profile batch and one credential request').to.equal(before[0] + 2);
    expect(await about(closed), 'nothing about the badge whose card stayed closed').to.equal(before[1]);
  });

  it('turned off: nothing from web3.bio in the card', async () => {
    const el = await badge(account(5), kit(false));
    await el.show();
    await el.updateComplete;
    expect(part(el, 'trust-warning')).to.equal(null);
    expect(part(el, 'profiles')).to.equal(null);
  });
});
