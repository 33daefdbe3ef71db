import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/chat/define.js';
import { CHAT_MODES, CHAT_POSITIONS } from '../src/components/chat/mask-chat.types.js';
import { EngineError, type ChatMessage, type EngineItem, type InstallationInfo } from '../src/messaging/types.js';
import { FIXTURE_CONVERSATION, FIXTURE_ME, FIXTURE_PEER, FIXTURE_PEER_ADDRESS, fixtureConversation, fixtureKit, type FixtureOptions } from '../test/support/chat-fixture.js';
import { withKit } from '../test/support/kit-provider.js';
import { darkPage } from './support/dark-page.js';

/*
 * Stories cannot reach an XMTP node. The first four run the element as a page
 * gets it (no wallet connected, so no engine loads). The others are driven by
 * the STORY FIXTURE in `test/support/chat-fixture.ts`: an in-memory stand-in
 * for the XMTP engine, primed into a kit of the story's own with a scripted,
 * connected wallet. Everything above the engine (messaging context, feed,
 * message list, chat UI) is the real code.
 */

interface Args {
  mode: (typeof CHAT_MODES)[number];
  position: (typeof CHAT_POSITIONS)[number];
  open: boolean;
  peer: string;
}

const meta: Meta<Args> = {
  title: 'Elements/mask-chat',
  component: 'mask-chat',
  argTypes: {
    mode: { control: 'inline-radio', options: CHAT_MODES },
    position: { control: 'inline-radio', options: CHAT_POSITIONS },
    open: { control: 'boolean' },
    peer: { control: 'text' },
  },
  args: { mode: 'launcher', position: 'right', open: false, peer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' },
  render: (args) => html`<mask-chat mode=${args.mode} position=${args.position} ?open=${args.open} peer=${args.peer}></mask-chat>`,
  // On a docs page each story gets its own frame: launchers are fixed to the viewport, and open panels would share one page.
  parameters: { layout: 'fullscreen', docs: { story: { inline: false, height: '620px' } } },
};
export default meta;
type Story = StoryObj<Args>;

/** The floating bubble, closed. */
export const LauncherClosed: Story = {};

/** The bubble with its panel open; no wallet is connected, so it offers to connect. */
export const LauncherOpen: Story = { args: { open: true } };

/** On the left side. */
export const LauncherLeft: Story = { args: { open: true, position: 'left' } };

/** In the page flow, as a Lens frontend's DM pane. */
export const Inline: Story = { args: { mode: 'inline' }, parameters: { layout: 'padded' } };

// ---------------------------------------------------------------- story fixture

const HOUR = 3600_000;
const START = Date.UTC(2026, 0, 15, 9, 30);
const ns = (ms: number) => `${ms}000000`;
const HASH = '0x1cbb68c8a6b1f0d3e9b6a9f1c3d4e5f60718293a4b5c6d7e8f90a1b2c5a1e679';

function message(id: string, minutes: number, mine: boolean, text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id, conversationId: FIXTURE_CONVERSATION, senderInboxId: mine ? FIXTURE_ME : FIXTURE_PEER, sentAtNs: ns(START + minutes * 60_000), kind: 'text', text, reactions: [], delivery: 'sent', ...extra };
}

const reaction = (id: string, minutes: number, mine: boolean, reference: string, emoji: string): EngineItem => ({
  kind: 'reaction',
  id,
  conversationId: FIXTURE_CONVERSATION,
  senderInboxId: mine ? FIXTURE_ME : FIXTURE_PEER,
  sentAtNs: ns(START + minutes * 60_000),
  reference,
  emoji,
  removed: false,
});

/** A reply, reactions, and a tip receipt with its note. */
const tipConversation: EngineItem[] = [
  message('q', 0, false, 'Did the fix for the gas estimate go out?'),
  message('a', 3, true, 'Yes, shipped ten minutes ago. Details: https://example.com/changelog', { kind: 'reply', replyTo: { id: 'q', text: 'Did the fix for the gas estimate go out?' } }),
  reaction('r1', 4, false, 'a', '🎉'),
  reaction('r2', 4, true, 'a', '👍'),
  message('tx', 6, true, '', {
    kind: 'transaction',
    transaction: { networkId: '8453', hash: HASH, amount: '1500000000000000', decimals: 15, currency: 'ETH', from: null, to: FIXTURE_PEER_ADDRESS.toLowerCase() },
  }),
  message('note', 6.1, true, 'Thanks for the quick turnaround!', { kind: 'reply', replyTo: { id: 'tx', text: null } }),
  message('thanks', 9, false, 'Thank you, that is very kind 🙏'),
];

const installations: InstallationInfo[] = Array.from({ length: 10 }, (_, i) => ({ id: `${(0x5a17c0de + i * 0x1111).toString(16)}e1f2a3b4c5d6`, createdAt: START - (10 - i) * 24 * HOUR, current: false }));

interface Scenario extends FixtureOptions {
  connected?: boolean;
  mode?: 'inline' | 'launcher';
  /** Clicks the sign button once it shows (the installation-limit flow). */
  sign?: boolean;
}

function fixtureStory(s: Scenario): Story {
  return {
    render: () => {
      const { kit } = fixtureKit(s);
      const launcher = s.mode === 'launcher';
      const chat = html`<mask-chat mode=${launcher ? 'launcher' : 'inline'} ?open=${launcher} peer=${FIXTURE_PEER_ADDRESS}></mask-chat>`;
      if (s.sign) {
        queueMicrotask(async () => {
          for (let i = 0; i < 200; i++) {
            const button = document.querySelector('mask-chat')?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="sign-button"]');
            if (button) return button.click();
            await new Promise((r) => setTimeout(r, 25));
          }
        });
      }
      return withKit(kit, chat);
    },
    parameters: { layout: s.mode === 'launcher' ? 'fullscreen' : 'padded', docs: { story: { inline: false, height: '620px' } } },
  };
}

/** A first conversation: nothing yet, so the chat greets. (Story fixture.) */
export const EmptyConversation = fixtureStory({ items: [] });

/** History over two days: bubbles grouped by sender within five minutes, a date line per day. (Story fixture.) */
export const History = fixtureStory({ items: fixtureConversation(90, START - 2 * 24 * HOUR) });

/** A reply (quoting its message), reactions, and a tip receipt (amount, token, explorer link) with the tip's note. (Story fixture.) */
export const ReplyReactionTip = fixtureStory({ items: tipConversation });

/** The same as a launcher, open. (Story fixture.) */
export const LauncherOpenConversation = fixtureStory({ items: tipConversation, mode: 'launcher' });

/** What any XMTP client could send, shown safely (Story fixture): */
const hostileConversation: EngineItem[] = [
  // a long message: the first 2,000 characters, then "Show more";
  message('long', 0, false, `A very long message. ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(60)}`),
  // a link whose host is a look-alike: shown in punycode, as the browser resolves it;
  message('idn', 1, false, 'Claim your airdrop at https://аррle.com/claim'),
  // user-info in a link: "good.example" is only the user name, so it stays text;
  message('userinfo', 2, false, 'Log in at https://good.example@evil.example/login'),
  // a right-to-left override that would show "exe.pdf" as "fdp.exe": dropped;
  message('bidi', 3, false, 'See the attached invoice_\u202Efdp.exe'),
  // a receipt whose metadata says nothing checkable (no sender): shown as a claim.
  message('claim', 4, false, '', {
    kind: 'transaction',
    transaction: { networkId: '8453', hash: HASH, amount: '5000000', decimals: 6, currency: 'USDC', from: null, to: null },
  }),
];

/** Hostile content rendered safely: text capped with "Show more", links that show their real host, user-info links as text, bidi overrides dropped, a receipt marked as a claim. (Story fixture.) */
export const HostileContent = fixtureStory({ items: hostileConversation });

/** Someone new wrote first: allow or block before replying. (Story fixture.) */
export const MessageRequest = fixtureStory({
  consent: 'unknown',
  items: [message('hi', 0, false, 'Hi! I saw your post about the grant. Could we talk?'), message('hi2', 1, false, 'No rush.')],
});

/** The peer has not enabled XMTP: an invitation to copy. (Story fixture.) */
export const PeerNotOnXmtp = fixtureStory({ reachable: false });

/** The stream dropped; the chat reconnects and resyncs. (Story fixture.) */
export const Reconnecting = fixtureStory({ items: tipConversation, connection: 'reconnecting' });

/** The browser went offline. (Story fixture.) */
export const Offline = fixtureStory({ items: tipConversation, connection: 'offline' });

/** Before the one signature: what it is, and that it costs nothing. (Story fixture.) */
export const SignatureExplanation = fixtureStory({ phase: 'needs-signature' });

/** The wallet already has 10 installations: the list, with dates, and revoking the others. (Story fixture.) */
export const InstallationLimit = fixtureStory({
  phase: 'needs-signature',
  sign: true,
  installations,
  registerError: new EngineError('installation-limit', 'this inbox already has 10 installations'),
});

/** The engine (SDK, worker, wasm) is loading. (Story fixture.) */
export const EngineLoading = fixtureStory({ phase: 'loading', progress: 'worker' });

/** The engine could not start (here: the page's CSP blocks WebAssembly): what is wrong and a retry. (Story fixture.) */
export const EngineError_ = fixtureStory({
  phase: 'error',
  error: new EngineError('engine-load-failed', 'WebAssembly.instantiate(): Refused to compile or instantiate WebAssembly module'),
});
EngineError_.name = 'Engine error';

/** The XMTP network cannot be reached; the chat retries by itself. (Story fixture.) */
export const NetworkError = fixtureStory({ phase: 'error', error: new EngineError('node-unreachable', 'fetch failed') });

/** Dark (the page declares `color-scheme: dark`; the chat follows under `theme="auto"`): the closed bubble. */
export const DarkLauncherClosed: Story = { decorators: [darkPage] };

/** Dark: a conversation with a reply, reactions and a tip receipt, in the launcher. (Story fixture.) */
export const DarkConversation: Story = { ...fixtureStory({ items: tipConversation, mode: 'launcher' }), decorators: [darkPage] };

/** Dark: a message request. (Story fixture.) */
export const DarkMessageRequest: Story = { ...MessageRequest, decorators: [darkPage] };

/** Dark: the installation limit. (Story fixture.) */
export const DarkInstallationLimit: Story = { ...InstallationLimit, decorators: [darkPage] };
