/**
 * The inbox's logic over a scripted engine (no DOM): rows and tabs, the
 * filter, live updates and unread counts, read marks, keyboard moves.
 * The real SDK path is `test/e2e/chat-inbox.e2e.ts`.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Kit } from '../../context/kit.js';
import type { IdentityService, Trust } from '../../identity/types.js';
import type { Address } from '../../internal/address.js';
import type { Messaging } from '../../messaging/messaging.js';
import type { ChatMessage, ConversationSummary, Engine, LastRead } from '../../messaging/types.js';
import { ChatInbox, type InboxHost } from './chat-inbox.js';

const ME = 'me-inbox';
const PEER = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';
const row = (id: string, ns: string, fields: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id,
  kind: 'dm',
  peerInboxId: `p-${id}`,
  peerAddresses: [PEER],
  groupName: null,
  groupImageUrl: null,
  consent: 'allowed',
  last: null,
  lastActivityNs: ns,
  unread: 0,
  ...fields,
});
const msg = (id: string, conversationId: string, ns: string, sender = 'them'): ChatMessage => ({
  id,
  conversationId,
  senderInboxId: sender,
  sentAtNs: ns,
  kind: 'text',
  text: `text of ${id}`,
  reactions: [],
  delivery: 'sent',
});

let rows: ConversationSummary[];
let asked: LastRead[];
let opened: string[];
let totals: number[];
let shown: string | null;
let inbox: ChatInbox;
let summaries: number;

beforeEach(() => {
  Object.assign(globalThis, { localStorage: { data: new Map<string, string>(), getItem(k: string) { return this.data.get(k) ?? null; }, setItem(k: string, v: string) { this.data.set(k, v); } } });
  rows = [
    row('old', '100', { unread: 3 }),
    row('new', '300', { unread: 1, last: { senderInboxId: 'them', kind: 'text', text: 'hello\u202E\nthere', sentAtNs: '300' } }),
    row('group', '200', { kind: 'group', peerInboxId: null, peerAddresses: [], groupName: 'Grant\u202E reviewers' }),
    row('request', '250', { consent: 'unknown', unread: 2 }),
  ];
  asked = [];
  opened = [];
  totals = [];
  shown = null;
  summaries = 0;
  const engine = {
    inboxId: ME,
    conversations: ({ lastRead }: { lastRead: LastRead }) => (asked.push(lastRead), Promise.resolve(structuredClone(rows))),
    conversationSummary: (id: string) => (summaries++, Promise.resolve(id === 'fresh' ? row('fresh', '900', { consent: 'unknown', unread: summaries, last: { senderInboxId: 'them', kind: 'text', text: 'f2', sentAtNs: '900' } }) : null)),
  } as unknown as Engine;
  const messaging = { engine, phase: 'ready', account: '0xme' } as unknown as Messaging;
  const host: InboxHost = {
    kit: { config: { ipfsGateway: 'https://ipfs.example/ipfs/' } } as unknown as Kit,
    t: (key, vars) => `${key}${vars ? JSON.stringify(vars) : ''}`,
    lang: 'en',
    messaging: () => messaging,
    update: () => {},
    isOpen: () => true,
    shownId: () => shown,
    open: (r: ConversationSummary, _label: string, _address: Address | null) => {
      opened.push(r.id);
      shown = r.id;
    },
    fail: () => {},
    clearError: () => {},
    setUnread: (total) => totals.push(total),
    root: () => null,
  };
  inbox = new ChatInbox(host);
});

test('rows by last activity; chats and requests apart; the total counts chats only', async () => {
  await inbox.load();
  assert.equal(inbox.status, 'ready');
  assert.deepEqual(inbox.visible.map((r) => r.id), ['new', 'group', 'old']);
  assert.equal(inbox.requestCount(), 1);
  assert.equal(totals.at(-1), 4);
  inbox.setTab('requests');
  assert.deepEqual(inbox.visible.map((r) => r.id), ['request']);
});

test('names and previews are cleaned text: bidi controls dropped, lines joined', async () => {
  await inbox.load();
  const group = inbox.rows.find((r) => r.id === 'group')!;
  assert.equal(inbox.label(group), 'Grant reviewers');
  assert.equal(inbox.preview(inbox.rows.find((r) => r.id === 'new')!), 'hello there');
});

test('the filter matches names and addresses', async () => {
  await inbox.load();
  inbox.onFilter({ target: { value: 'grant' } } as unknown as Event);
  assert.deepEqual(inbox.visible.map((r) => r.id), ['group']);
  inbox.onFilter({ target: { value: PEER.slice(2, 10) } } as unknown as Event);
  assert.deepEqual(inbox.visible.map((r) => r.id), ['new', 'old']);
  inbox.onFilter({ target: { value: 'nobody' } } as unknown as Event);
  assert.deepEqual(inbox.visible, []);
});

test('live: others’ messages count (once, up to 99) and move the row up; mine and the shown conversation’s do not', async () => {
  await inbox.load();
  inbox.onItem(msg('m1', 'old', '400'));
  inbox.onItem(msg('m1', 'old', '400'));
  assert.equal(inbox.rows[0].id, 'old');
  assert.equal(inbox.rows[0].unread, 4, 'counted once');
  inbox.onItem(msg('m2', 'old', '401', ME));
  assert.equal(inbox.rows[0].unread, 4, 'my own message');
  assert.equal(inbox.preview(inbox.rows[0]), 'chat.inbox.fromMe{"text":"text of m2"}');
  for (let i = 0; i < 120; i++) inbox.onItem(msg(`x${i}`, 'group', String(500 + i)));
  assert.equal(inbox.rows.find((r) => r.id === 'group')!.unread, 99);
  shown = 'new';
  inbox.onItem(msg('m3', 'new', '700'));
  assert.equal(inbox.rows.find((r) => r.id === 'new')!.unread, 1, 'the conversation on screen is read');
});

test('a message in an unknown conversation adds its row (a new request)', async () => {
  await inbox.load();
  inbox.onItem(msg('f1', 'fresh', '900'));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(inbox.requestCount(), 2);
});

test('opening clears the count and stores the mark, which the next load sends', async () => {
  await inbox.load();
  inbox.open(inbox.visible[0]);
  assert.deepEqual(opened, ['new']);
  assert.equal(inbox.rows.find((r) => r.id === 'new')!.unread, 0);
  assert.equal(totals.at(-1), 3);
  await inbox.load(true);
  assert.deepEqual(asked.at(-1), { new: '300' });
});

test('keyboard: End, Home, arrows move the active row; Enter opens it', async () => {
  await inbox.load();
  const key = (k: string) => inbox.onListKeydown({ key: k, preventDefault() {} } as KeyboardEvent);
  key('End');
  assert.equal(inbox.active, 2);
  key('ArrowDown');
  assert.equal(inbox.active, 2, 'stays on the last row');
  key('Home');
  key('ArrowDown');
  assert.equal(inbox.active, 1);
  key('Enter');
  assert.deepEqual(opened, ['group']);
});

test('a group’s image shows only as a plain https URL', () => {
  const group = (url: string | null) => row('g', '1', { kind: 'group', peerInboxId: null, peerAddresses: [], groupImageUrl: url });
  assert.equal(inbox.picture(group('https://img.example/a.png')), 'https://img.example/a.png');
  for (const bad of ['javascript:alert(1)', 'http://img.example/a.png', 'data:image/svg+xml,<svg onload=alert(1)>', 'https://x.example/a b', '//x.example/a', null]) {
    assert.equal(inbox.picture(group(bad)), null, String(bad));
  }
});

test('messages arriving while a new conversation’s row is fetched make the engine count again, once; not twice', async () => {
  await inbox.load();
  inbox.onItem(msg('f1', 'fresh', '890'));
  inbox.onItem(msg('f2', 'fresh', '900'));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(summaries, 2, 'fetched again after the second message');
  const fresh = inbox.rows.find((r) => r.id === 'fresh')!;
  assert.equal(fresh.unread, 2, 'the engine’s count');
  inbox.onItem(msg('f0', 'fresh', '880'));
  assert.equal(inbox.rows.find((r) => r.id === 'fresh')!.unread, 2, 'an older message is already in the engine’s row');
});

test('requests from senders the credential source flags are marked and sorted last; never hidden; a failed check marks nothing', async () => {
  const RISKY = '0x000000000000000000000000000000000000bad1';
  const SPAM = '0x0000000000000000000000000000000000005a11';
  const DOWN = '0x000000000000000000000000000000000000d0e1';
  rows.push(
    row('risky', '400', { consent: 'unknown', peerAddresses: [RISKY] }),
    row('spam', '350', { consent: 'unknown', peerAddresses: [SPAM] }),
    row('down', '380', { consent: 'unknown', peerAddresses: [DOWN] }),
  );
  const trusts: Record<string, Trust> = {
    [RISKY]: { human: [], risky: [{ issuer: 'hacker', label: 'Hacker', link: null }], spam: [], source: 'web3bio' },
    [SPAM]: { human: [], risky: [], spam: [{ issuer: 'farcaster-spam', label: 'Spam', link: null }], source: 'web3bio' },
  };
  let updated = 0;
  const service = {
    lookup: () => new Promise(() => {}),
    noteShown: () => {},
    trust: async (address: string) => {
      if (address.toLowerCase() === DOWN) throw new Error('down');
      return trusts[address.toLowerCase()] ?? { human: [], risky: [], spam: [], source: 'web3bio' };
    },
  } as unknown as IdentityService;
  const flagged = new ChatInbox({
    kit: { config: { ipfsGateway: 'https://ipfs.example/ipfs/' }, identity: async () => service } as unknown as Kit,
    t: (key, vars) => `${key}${vars ? JSON.stringify(vars) : ''}`,
    lang: 'en',
    messaging: () => ({ engine: { inboxId: ME, conversations: () => Promise.resolve(structuredClone(rows)) }, phase: 'ready', account: '0xme' }) as unknown as Messaging,
    update: () => void updated++,
    isOpen: () => true,
    shownId: () => null,
    open: () => {},
    fail: () => {},
    clearError: () => {},
    setUnread: () => {},
    root: () => null,
  });
  await flagged.load();
  flagged.setTab('requests');
  assert.deepEqual(flagged.visible.map((r) => r.id), ['risky', 'down', 'spam', 'request'], 'by last activity until the check answers');
  flagged.lookUp(flagged.visible);
  await new Promise((r) => setTimeout(r, 10));
  assert.ok(updated > 0);
  assert.deepEqual(flagged.visible.map((r) => r.id), ['down', 'request', 'risky', 'spam'], 'flagged senders last, each group by last activity');
  assert.deepEqual(flagged.visible.map((r) => flagged.flag(r)), [null, null, 'risky', 'spam']);
  assert.equal(flagged.flagSource(flagged.visible[2]), 'web3.bio');
  assert.equal(flagged.requestCount(), 4, 'nothing hidden');
  flagged.setTab('chats');
  assert.ok(flagged.visible.every((r) => flagged.flag(r) === null || r.consent === 'allowed'));
});
