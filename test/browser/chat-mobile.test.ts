/**
 * The launcher's panel on a phone (issue 15, item 8): at 390×844 it is full
 * screen, the message list fills the height and the composer sits at the
 * bottom; the bubble does not cover the panel, and closing gives focus back to
 * the bubble. Real Chromium at a phone's viewport; the chat story fixture
 * stands in for the XMTP engine (everything above it is the real code).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/components/chat/define.js';
import type { MaskChat } from '../../src/components/chat/mask-chat.js';
import { fixtureConversation, fixtureKit } from '../support/chat-fixture.js';
import { until, withKit } from './support.js';

const PEER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const part = (chat: MaskChat, name: string) => chat.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

async function openChat(items: ReturnType<typeof fixtureConversation>): Promise<MaskChat> {
  const { kit } = fixtureKit({ items });
  const host = await fixture(withKit(kit, html`<mask-chat peer=${PEER}></mask-chat>`));
  const chat = host.querySelector<MaskChat>('mask-chat')!;
  await chat.updateComplete;
  part(chat, 'launcher')!.click();
  await until(() => chat.matches(':state(open)') && chat.shadowRoot!.querySelector('[part~="composer"] textarea:not([disabled])'), 'the composer', 15_000);
  await chat.updateComplete;
  return chat;
}

const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('<mask-chat> launcher on a phone (390×844)', () => {
  before(() => setViewport({ width: 390, height: 844 }));
  after(() => setViewport({ width: 800, height: 600 }));

  for (const [what, items] of [
    ['a new conversation', []],
    ['a long history', fixtureConversation(60, Date.UTC(2026, 0, 15))],
  ] as const) {
    it(`${what}: full screen, the list fills the height, the composer at the bottom`, async () => {
      const chat = await openChat([...items]);
      const panel = part(chat, 'panel')!.getBoundingClientRect();
      expect([panel.top, panel.left, panel.width, panel.height]).to.deep.equal([0, 0, innerWidth, innerHeight]);
      const composer = part(chat, 'composer')!.getBoundingClientRect();
      expect(innerHeight - composer.bottom, 'space under the composer (px)').to.be.within(0, 16);
      const list = part(chat, 'messages')!.getBoundingClientRect();
      expect(composer.top - list.bottom, 'gap between the list and the composer (px)').to.be.below(24);
      expect(list.height, 'the list takes most of the screen').to.be.above(innerHeight / 2);
    });
  }

  it('the bubble is hidden while the panel is open, and closing gives focus back to it', async () => {
    const chat = await openChat([]);
    const launcher = part(chat, 'launcher')!;
    const panel = part(chat, 'panel')!.getBoundingClientRect();
    const visible = launcher.checkVisibility();
    expect(visible && overlaps(launcher.getBoundingClientRect(), panel), 'the bubble covers the panel').to.equal(false);
    expect(visible, 'the bubble shows over a full-screen panel').to.equal(false);
    expect(chat.shadowRoot!.contains(deepActive()), 'focus is in the panel, not lost with the hidden bubble').to.equal(true);
    part(chat, 'close-button')!.click();
    await until(() => !chat.open, 'the panel to close');
    await chat.updateComplete;
    expect(launcher.checkVisibility(), 'the bubble is back').to.equal(true);
    await until(() => deepActive() === launcher, 'focus back on the bubble');
  });

  it('on a wide screen the bubble stays beside the open panel', async () => {
    await setViewport({ width: 1280, height: 800 });
    try {
      const chat = await openChat([]);
      const launcher = part(chat, 'launcher')!;
      expect(launcher.checkVisibility()).to.equal(true);
      expect(overlaps(launcher.getBoundingClientRect(), part(chat, 'panel')!.getBoundingClientRect())).to.equal(false);
    } finally {
      await setViewport({ width: 390, height: 844 });
    }
  });
});
