import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/chat/define.js';
import { CHAT_MODES, CHAT_POSITIONS } from '../src/components/chat/mask-chat.types.js';
import { EngineError, type ChatMessage, type ConversationSummary, type EngineItem, type InstallationInfo } from '../src/messaging/types.js';
import { FIXTURE_CONVERSATION, FIXTURE_ME, FIXTURE_PEER, FIXTURE_PEER_ADDRESS, fixtureConversation, fixtureKit, type FixtureOptions } from '../test/support/chat-fixture.js';
import { withKit } from '../test/support/kit-provider.js';
import { darkPage } from './support/dark-page.js';
import { ALICE, BOB, CAROL, DOWN, NAMELESS, RISKY, SPAMMER, SPOOF, StoryKit } from './support/identity-fixture.js';
import { waitFor } from './support/wait.js';

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
  /** The chat's `peer` (default the fixture's peer, bob.eth). */
  peer?: string;
  /** The connected account is a smart account on this chain (what `eth_getCode` tells the real chat). */
  smartAccountChainId?: number;
}

function fixtureStory(s: Scenario): Story {
  return {
    render: () => {
      const { kit, messaging } = fixtureKit(s);
      if (s.smartAccountChainId) messaging.smartAccountChainId = s.smartAccountChainId;
      // Names and avatars (the conversation's header badge, greetings) from the identity fixture.
      const identities = new StoryKit({ delay: 0, never: false });
      kit.identity = () => identities.identity();
      const launcher = s.mode === 'launcher';
      const chat = html`<mask-chat mode=${launcher ? 'launcher' : 'inline'} ?open=${launcher} peer=${s.peer ?? FIXTURE_PEER_ADDRESS}></mask-chat>`;
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

/** The header names the peer: their badge (avatar, verified name bob.eth, short address with copy; a click opens the badge's card), and the greeting uses the verified name. (Story fixture.) */
export const PeerHeader = fixtureStory({ items: [] });

/** An address with no name in the identity fixture (NAMELESS is the fixture wallet's own account). */
const NO_NAME = '0x1111111111111111111111111111111111111111';

/** A peer with no verified name: the header and the greeting show the short address. (Story fixture.) */
export const PeerHeaderNoName = fixtureStory({ items: [], peer: NO_NAME, peerAddress: NO_NAME });

/** History over two days: bubbles grouped by sender within five minutes, a date line per day. (Story fixture.) */
export const History = fixtureStory({ items: fixtureConversation(90, START - 2 * 24 * HOUR) });

/** A reply (quoting its message), reactions, and a tip receipt (amount, token, explorer link) with the tip's note. (Story fixture.) */
export const ReplyReactionTip = fixtureStory({ items: tipConversation });

/** The peer read the conversation (their XMTP read receipt): "Seen" under the visitor's last message. (Story fixture.) */
export const Seen = fixtureStory({ items: tipConversation, peerReadNs: ns(START + 9 * 60_000) });

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

/** XMTP's network moved to its decentralised version (D14N): history readable, sending off, the sentence says what the site must update. (Story fixture.) */
export const NetworkMoved = fixtureStory({ items: tipConversation, connection: 'moved' });

/** Before the one signature: what it is, and that it costs nothing. (Story fixture.) */
export const SignatureExplanation = fixtureStory({ phase: 'needs-signature' });

/** The wallet already has 10 installations: the list, with dates, and revoking the others. (Story fixture.) */
export const InstallationLimit = fixtureStory({
  phase: 'needs-signature',
  sign: true,
  installations,
  registerError: new EngineError('installation-limit', 'this inbox already has 10 installations'),
});

/** A group paused for this kit's XMTP version (XIP-72): the history stays readable, the composer is off with the reason, the sentence says what the site must update. (Story fixture.) */
export const PausedGroup = fixtureStory({ items: tipConversation, pausedForVersion: '1.12.0' });

/** A smart-account wallet (ERC-1271) whose signature the XMTP network did not accept: the sentence says why, nothing was sent or spent. (Story fixture.) */
export const SmartAccountRefused = fixtureStory({
  phase: 'needs-signature',
  sign: true,
  smartAccountChainId: 8453,
  registerError: new EngineError('signature-invalid', '[SignatureError::Invalid] Signature error Signature validation failed'),
});

/** Chat just enabled in this browser for a wallet that chats elsewhere: the sentence says older messages may be missing here for now (device sync brings them). (Story fixture.) */
export const HistoryMayBeIncomplete = fixtureStory({
  phase: 'needs-signature',
  sign: true,
  items: tipConversation,
  installations: [
    { id: 'a1b2c3d4e5f6', createdAt: START - 30 * 24 * HOUR, current: false },
    { id: 'f6e5d4c3b2a1', createdAt: START, current: true },
  ],
});

/** The chat's settings, over a ready conversation: the installations and the backup section, then `drive` and `done`. */
function settingsStory(s: Scenario & { drive?: (root: ShadowRoot) => void; done: (root: ShadowRoot) => unknown; what: string }): Story {
  return {
    ...fixtureStory(s),
    play: async ({ canvasElement }) => {
      await customElements.whenDefined('mask-chat');
      const root = await waitFor(() => canvasElement.querySelector('mask-chat')?.shadowRoot, 'the chat');
      const settings = await waitFor(() => root.querySelector<HTMLElement>('[part~="settings-button"]'), 'the settings button');
      settings.click();
      await waitFor(() => root.querySelector('[part~="backup"]'), 'the backup section');
      s.drive?.(root);
      await waitFor(() => s.done(root), s.what);
    },
  };
}

/** Settings: export the conversations to a file only this wallet opens, or import one from another site. (Story fixture.) */
export const Backup = settingsStory({
  items: tipConversation,
  what: 'the backup section',
  done: (root) => root.querySelector('[part~="backup"]')?.textContent?.includes('Save your conversations in a file only your wallet can open'),
});

/** A file that is no backup of this wallet's: refused with a sentence, nothing imported. (Story fixture.) */
export const BackupRefused = settingsStory({
  items: tipConversation,
  importError: new EngineError('backup-unreadable', 'the archive could not be decrypted'),
  what: 'the refused import',
  drive: (root) => {
    const input = root.querySelector<HTMLInputElement>('[part~="backup"] input[type="file"]')!;
    const files = new DataTransfer();
    files.items.add(new File(['just some notes'], 'notes.xmtp'));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
  },
  done: (root) => root.textContent?.includes('“notes.xmtp” is not a chat backup made with this wallet'),
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

// ---------------------------------------------------------------- the inbox (story fixture)

const inboxRow = (id: string, minutesAgo: number, fields: Partial<ConversationSummary>): ConversationSummary => ({
  id,
  kind: 'dm',
  peerInboxId: `inbox-${id}`,
  peerAddresses: [],
  groupName: null,
  groupImageUrl: null,
  consent: 'allowed',
  last: null,
  lastActivityNs: ns(START - minutesAgo * 60_000),
  unread: 0,
  ...fields,
});
const said = (text: string, minutesAgo: number, mine = false, kind: ChatMessage['kind'] = 'text') => ({ senderInboxId: mine ? FIXTURE_ME : FIXTURE_PEER, kind, text, sentAtNs: ns(START - minutesAgo * 60_000) });

const inboxRows: ConversationSummary[] = [
  inboxRow('c-alice', 2, { peerAddresses: [ALICE.toLowerCase()], last: said('See you at the meetup on Friday!', 2), unread: 2 }),
  inboxRow('c-group', 30, { kind: 'group', peerInboxId: null, groupName: 'Grant reviewers', last: said('The second round opens next week.', 30), unread: 5 }),
  inboxRow('c-bob', 3 * 60, { peerAddresses: [BOB.toLowerCase()], last: said('Thanks, got it.', 3 * 60, true) }),
  inboxRow('c-carol', 26 * 60, { peerAddresses: [CAROL.toLowerCase()], last: said('', 26 * 60, false, 'transaction') }),
  inboxRow('c-hostile', 3 * 24 * 60, { kind: 'group', peerInboxId: null, groupName: '<img src=x onerror=alert(1)> Free ‮gnp.exe', last: said('<script>alert(1)</script>', 3 * 24 * 60) }),
  inboxRow('r-spoof', 10, { consent: 'unknown', peerAddresses: [SPOOF.toLowerCase()], last: said('Hi, it is alice.eth from the forum. Could you check this link?', 10), unread: 1 }),
  inboxRow('r-down', 5 * 60, { consent: 'unknown', peerAddresses: [DOWN.toLowerCase()], last: said('Hello! Are you the author of the grant post?', 5 * 60), unread: 3 }),
];

interface InboxScenario extends FixtureOptions {
  /** What the story does once the inbox shows, and the sentence (or part) that says it reached its state. */
  drive?: (root: ShadowRoot) => void;
  done: (root: ShadowRoot) => unknown;
  what: string;
}

/** An inline `<mask-chat>` without a peer: the visitor's inbox, over the story fixture's engine and the identity fixture. */
function inboxStory(s: InboxScenario): Story {
  return {
    render: () => {
      const { kit } = fixtureKit(s);
      const identities = new StoryKit({ delay: 0, never: false });
      kit.identity = () => identities.identity();
      return withKit(kit, html`<mask-chat mode="inline"></mask-chat>`);
    },
    play: async ({ canvasElement }) => {
      await customElements.whenDefined('mask-chat');
      const root = await waitFor(() => canvasElement.querySelector('mask-chat')?.shadowRoot, 'the chat');
      if (s.drive) {
        await waitFor(() => root.querySelector('[part~="inbox-row"], [part~="inbox-state"]:not([role="status"])') ?? (root.textContent?.includes('No conversations yet') && root), 'the inbox');
        s.drive(root);
      }
      await waitFor(() => s.done(root), s.what);
    },
    parameters: { layout: 'padded', docs: { story: { inline: false, height: '620px' } } },
  };
}

const text = (root: ShadowRoot, sentence: string) => root.textContent?.includes(sentence);
const click = (root: ShadowRoot, selector: string) => root.querySelector<HTMLElement>(selector)?.click();

/** The inbox: DMs and groups by last activity, each with avatar and verified name, a preview of the last message as text, its time and unread count; hostile group names show as text. (Story fixture.) */
export const Inbox = inboxStory({
  conversations: inboxRows,
  what: 'the rows with names and counts',
  done: (root) => root.querySelectorAll('[role="option"]').length === 5 && text(root, 'alice.eth') && text(root, 'Grant reviewers') && root.querySelector('[part~="inbox-unread"]'),
});

/** No conversations yet: the sentence says how to start one. (Story fixture.) */
export const InboxEmpty = inboxStory({ conversations: [], what: 'the empty sentence', done: (root) => text(root, 'No conversations yet. Start one with “New conversation”.') });

/** Requests from people the visitor has not chatted with, with Allow and Block on every row. (Story fixture.) */
export const InboxRequests = inboxStory({
  conversations: inboxRows,
  drive: (root) => click(root, '#tab-requests'),
  what: 'the requests with Allow and Block',
  done: (root) => root.querySelector('#tab-requests[aria-selected="true"]') && root.querySelectorAll('[part~="allow-button"]').length === 2 && root.querySelectorAll('[part~="block-button"]').length === 2,
});

/**
 * Requests from senders web3.bio's credentials flag (risky, spam): each marked in words before its
 * preview and sorted after the others; nothing is hidden, Allow and Block stay. (Story fixture.)
 */
export const InboxFlaggedRequests = inboxStory({
  conversations: [
    ...inboxRows,
    inboxRow('r-risky', 1, { consent: 'unknown', peerAddresses: [RISKY.toLowerCase()], last: said('Urgent: your wallet needs verification, sign here.', 1), unread: 1 }),
    inboxRow('r-spam', 4, { consent: 'unknown', peerAddresses: [SPAMMER.toLowerCase()], last: said('FREE AIRDROP, claim now!!!', 4), unread: 1 }),
  ],
  drive: (root) => click(root, '#tab-requests'),
  what: 'the flagged requests, marked and last',
  done: (root) => {
    const rows = [...root.querySelectorAll('[part~="inbox-row"]')];
    return rows.length === 4 && root.querySelectorAll('[part~="inbox-flag"]').length === 2 && rows.slice(2).every((r) => r.matches('[part~="flagged"]'));
  },
});

/** The list is loading. (Story fixture.) */
export const InboxLoading = inboxStory({ conversationsError: 'pending', what: 'the loading sentence', done: (root) => text(root, 'Loading your conversations…') });

/** The list has arrived and the rows' details are on their way: DMs say "Direct message", previews say "Loading…" (never a wrong name, preview or count); groups already show their names. (Story fixture.) */
export const InboxFilling = inboxStory({
  conversations: inboxRows,
  summariesPending: true,
  what: 'rows with placeholders',
  done: (root) => root.querySelectorAll('[role="option"]').length === 5 && text(root, 'Direct message') && text(root, 'Loading…') && text(root, 'Grant reviewers') && !root.querySelector('[part~="inbox-unread"]'),
});

/** The list could not be loaded: the sentence names the cause, with a retry. (Story fixture.) */
export const InboxError = inboxStory({
  conversationsError: new EngineError('node-unreachable', 'fetch failed'),
  what: 'the error sentence',
  done: (root) => text(root, 'Your conversations could not be loaded (fetch failed).'),
});

/** "New conversation": an address, ENS name or Lens handle, checked for XMTP before anything is sent. (Story fixture.) */
export const InboxNewConversation = inboxStory({
  conversations: inboxRows,
  reachable: false,
  drive: (root) => {
    click(root, '[part~="new-button"]');
    void Promise.resolve().then(async () => {
      const input = await waitFor(() => root.querySelector<HTMLInputElement>('[part~="new-input"]'), 'the input');
      input.value = BOB;
      input.dispatchEvent(new Event('input'));
      click(root, '[part~="new-start"]');
    });
  },
  what: 'the sentence about the address not on XMTP',
  done: (root) => /is not on XMTP yet/.test(root.querySelector('[part~="new-error"]')?.textContent ?? ''),
});

/** A row opened: the conversation, with the way back to the list. (Story fixture.) */
export const InboxConversation = inboxStory({
  conversations: inboxRows,
  items: tipConversation,
  drive: (root) => click(root, '[role="option"]'),
  what: 'the conversation with Back',
  done: (root) => root.querySelector('[part~="back-button"]') && root.querySelector('[part~="bubble"]'),
});

/** A thousand conversations: only the rows near the visible ones are in the DOM (the story checks the chat's DOM stays under 1,500 nodes). (Story fixture.) */
export const InboxThousand = inboxStory({
  conversations: Array.from({ length: 1000 }, (_, i) =>
    inboxRow(`c-${i}`, i * 7, { peerAddresses: [`0x${(i + 1).toString(16).padStart(40, '0')}`], last: said(`Message number ${1000 - i}`, i * 7), unread: i % 5 }),
  ),
  what: 'a small DOM for 1,000 rows',
  done: (root) => {
    if (!root.querySelector('[role="option"]')) return false;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    let nodes = 0;
    while (walker.nextNode()) nodes++;
    if (nodes >= 1500) throw new Error(`story: ${nodes} nodes in the chat for 1,000 conversations`);
    return root.querySelector('[role="option"][aria-setsize="1000"]');
  },
});

const groupMember = (who: string) => `inbox-${who}`;
const groupSaid = (id: string, minutes: number, who: string | null, text: string): ChatMessage => ({ ...message(id, minutes, who === null, text), senderInboxId: who === null ? FIXTURE_ME : groupMember(who) });

/** A group opened from the inbox: the header shows the group's name; each run of messages shows its sender (avatar and verified name, else the short address), grouped as in a DM. (Story fixture.) */
export const GroupConversation = inboxStory({
  conversations: inboxRows,
  groupMembers: [
    { inboxId: groupMember('alice'), addresses: [ALICE.toLowerCase()] },
    { inboxId: groupMember('carol'), addresses: [CAROL.toLowerCase()] },
    { inboxId: groupMember('nameless'), addresses: [NAMELESS.toLowerCase()] },
  ],
  items: [
    groupSaid('g1', 0, 'alice', 'The second round opens next week.'),
    groupSaid('g2', 1, 'alice', 'Reviews are due by Friday.'),
    groupSaid('g3', 2, 'carol', 'I can take the tooling proposals.'),
    groupSaid('g4', 3, 'nameless', 'Count me in for the docs ones.'),
    groupSaid('g5', 4, null, 'Thanks all, I will post the list.'),
  ],
  drive: (root) => click(root, '[role="option"][data-id="c-group"]'),
  what: 'the group name and three senders',
  done: (root) =>
    root.querySelector('[part~="peer-name"]')?.textContent === 'Grant reviewers' &&
    [...root.querySelectorAll('[part~="sender"]')].map((p) => p.textContent).join('|') === `alice.eth|carol.eth|${NAMELESS.slice(0, 6)}…${NAMELESS.slice(-4)}`,
});
