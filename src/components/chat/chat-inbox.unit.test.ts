/**
 * The inbox's logic over a scripted engine (no DOM): rows and tabs, the
 * filter, live updates and unread counts, read marks, keyboard moves, and
 * the progressive fill (the cheap list paints, summaries fill it in).
 * The real SDK path is `test/e2e/chat-inbox.e2e.ts`.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Kit } from '../../context/kit.js';
import type { IdentityService, Trust } from '../../identity/types.js';
import { toChecksumAddress, type Address } from '../../internal/address.js';
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

/** As the engine lists rows: allowed then unknown, each by last activity, only the cheap fields. */
const listed = (all: ConversationSummary[]): ConversationSummary[] => {
  const byActivity = [...all].sort((a, b) => b.lastActivityNs.length - a.lastActivityNs.length || (b.lastActivityNs < a.lastActivityNs ? -1 : b.lastActivityNs > a.lastActivityNs ? 1 : 0));
  return [...byActivity.filter((r) => r.consent === 'allowed'), ...byActivity.filter((r) => r.consent === 'unknown')].map((r) => ({
    ...structuredClone(r),
    peerInboxId: null,
    peerAddresses: [],
    last: null,
    lastActivityNs: '0',
    unread: 0,
    partial: true,
  }));
};
const summariesOf = (all: () => ConversationSummary[]) => (ids: readonly string[]) => Promise.resolve(structuredClone(all().filter((r) => ids.includes(r.id))));
/** Loads, then lets the summaries fill every row in. */
async function loaded(inbox: ChatInbox): Promise<void> {
  await inbox.load();
  for (let i = 0; i < 50 && inbox.rows.some((r) => r.partial); i++) await new Promise((r) => setTimeout(r, 0));
}

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
    conversationList: () => Promise.resolve(listed(rows)),
    summaries: (ids: readonly string[], lastRead: LastRead) => (asked.push(lastRead), summariesOf(() => rows)(ids)),
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
  await loaded(inbox);
  assert.equal(inbox.status, 'ready');
  assert.deepEqual(inbox.visible.map((r) => r.id), ['new', 'group', 'old']);
  assert.equal(inbox.requestCount(), 1);
  assert.equal(totals.at(-1), 4);
  inbox.setTab('requests');
  assert.deepEqual(inbox.visible.map((r) => r.id), ['request']);
});

test('names and previews are cleaned text: bidi controls dropped, lines joined', async () => {
  await loaded(inbox);
  const group = inbox.rows.find((r) => r.id === 'group')!;
  assert.equal(inbox.label(group), 'Grant reviewers');
  assert.equal(inbox.preview(inbox.rows.find((r) => r.id === 'new')!), 'hello there');
});

test('the filter matches names and addresses', async () => {
  await loaded(inbox);
  inbox.onFilter({ target: { value: 'grant' } } as unknown as Event);
  assert.deepEqual(inbox.visible.map((r) => r.id), ['group']);
  inbox.onFilter({ target: { value: PEER.slice(2, 10) } } as unknown as Event);
  assert.deepEqual(inbox.visible.map((r) => r.id), ['new', 'old']);
  inbox.onFilter({ target: { value: 'nobody' } } as unknown as Event);
  assert.deepEqual(inbox.visible, []);
});

test('live: others’ messages count (once, up to 99) and move the row up; mine and the shown conversation’s do not', async () => {
  await loaded(inbox);
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
  await loaded(inbox);
  inbox.onItem(msg('f1', 'fresh', '900'));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(inbox.requestCount(), 2);
});

test('opening clears the count and stores the mark, which the next load sends', async () => {
  await loaded(inbox);
  inbox.open(inbox.visible[0]);
  assert.deepEqual(opened, ['new']);
  assert.equal(inbox.rows.find((r) => r.id === 'new')!.unread, 0);
  assert.equal(totals.at(-1), 3);
  await inbox.load(true);
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(asked.at(-1), { new: '300' });
});

test('keyboard: End, Home, arrows move the active row; Enter opens it', async () => {
  await loaded(inbox);
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
  await loaded(inbox);
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
    messaging: () => ({ engine: { inboxId: ME, conversationList: () => Promise.resolve(listed(rows)), summaries: summariesOf(() => rows) }, phase: 'ready', account: '0xme' }) as unknown as Messaging,
    update: () => void updated++,
    isOpen: () => true,
    shownId: () => null,
    open: () => {},
    fail: () => {},
    clearError: () => {},
    setUnread: () => {},
    root: () => null,
  });
  await loaded(flagged);
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

describe('progressive fill: the cheap list paints, summaries fill it in', () => {
  /**
   * An engine whose `summaries` calls wait until the test answers them; `whole`: its list ignores `limit`
   * (every row in the first step); `sdkFirst`: the row its list puts first (the SDK's order counts read receipts).
   */
  function deferred(all: ConversationSummary[], whole = false, sdkFirst?: string) {
    const calls: { ids: readonly string[]; answer(): void }[] = [];
    const limits: (number | undefined)[] = [];
    let single = 0;
    const engine = {
      inboxId: ME,
      // As the engine lists them: at most `limit` of each consent state.
      conversationList: ({ limit }: { limit?: number }) => {
        limits.push(limit);
        const byActivity = listed(all);
        // The SDK's own order may differ (`sdkFirst`: a row it lists first).
        const rows = sdkFirst ? [...byActivity.filter((r) => r.id === sdkFirst), ...byActivity.filter((r) => r.id !== sdkFirst)] : byActivity;
        const cap = whole ? Infinity : (limit ?? Infinity);
        const answer = [...rows.filter((r) => r.consent === 'allowed').slice(0, cap), ...rows.filter((r) => r.consent === 'unknown').slice(0, cap)];
        return new Promise<ConversationSummary[]>((resolve) => setTimeout(() => resolve(answer), 0));
      },
      summaries: (ids: readonly string[]) =>
        new Promise<ConversationSummary[]>((resolve) => calls.push({ ids, answer: () => resolve(structuredClone(all.filter((r) => ids.includes(r.id)))) })),
      conversationSummary: (id: string) => (single++, Promise.resolve(structuredClone({ ...all.find((r) => r.id === id)!, unread: 7, lastActivityNs: '99999' }))),
    } as unknown as Engine;
    const reported: number[] = [];
    const list = new ChatInbox({
      kit: { config: { ipfsGateway: 'https://ipfs.example/ipfs/' } } as unknown as Kit,
      t: (key, vars) => `${key}${vars ? JSON.stringify(vars) : ''}`,
      lang: 'en',
      messaging: () => ({ engine, phase: 'ready', account: '0xme' }) as unknown as Messaging,
      update: () => {},
      isOpen: () => true,
      shownId: () => null,
      open: () => {},
      fail: () => {},
      clearError: () => {},
      setUnread: (total) => reported.push(total),
      root: () => null,
    });
    return { list, calls, reported, limits, singles: () => single };
  }
  const tick = () => new Promise((r) => setTimeout(r, 0));
  /** Until the list's later steps are in (the first one paints a screen). */
  const listedAll = async (list: ChatInbox) => {
    for (let i = 0; i < 20 && !list.complete; i++) await tick();
  };
  const many = (n: number) => Array.from({ length: n }, (_, i) => row(`c${i}`, String(100_000 - i), { unread: 1, peerAddresses: [`0x${String(i).padStart(40, '0')}`] }));

  test('rows paint from the list with placeholders, never a wrong value; the total waits for every allowed count', async () => {
    const all = many(60);
    const { list, calls, reported } = deferred(all, true);
    await list.load();
    assert.equal(list.status, 'ready', 'painted before any summary');
    assert.equal(list.visible.length, 60);
    assert.deepEqual(list.visible.slice(0, 3).map((r) => r.id), ['c0', 'c1', 'c2'], 'in the list’s order (last activity)');
    const first = list.visible[0];
    assert.equal(list.label(first), 'chat.inbox.dm', 'no "unknown member" for a DM whose peer is not known yet');
    assert.equal(list.preview(first), 'chat.inbox.pending', 'no "no messages yet" before the preview is known');
    assert.equal(first.unread, 0);
    assert.equal(list.address(first), null);
    assert.deepEqual(reported, [], 'no total from unknown counts');
    assert.equal(calls.length, 1, 'one batch at a time');
    assert.ok(calls[0].ids.includes('c0') && calls[0].ids.length < 60, 'the first rows first, in a small batch');
    calls[0].answer();
    await tick();
    assert.equal(list.preview(list.visible[0]), 'chat.inbox.noMessages', 'filled in');
    assert.equal(list.address(list.visible[0]), toChecksumAddress(all[0].peerAddresses[0]));
    assert.deepEqual(reported, [], 'still no total: some allowed rows are not counted yet');
    while (calls.some((c, i) => i > 0 && c.ids.length) && list.rows.some((r) => r.partial)) {
      calls.at(-1)!.answer();
      await tick();
    }
    assert.ok(list.rows.every((r) => !r.partial), 'every row filled in the background');
    await listedAll(list);
    assert.deepEqual(reported, [60], 'the total, once, when every count is known');
    const asked = calls.flatMap((c) => c.ids);
    assert.equal(new Set(asked).size, asked.length, 'no row asked twice');
  });

  test('the rows scrolled into view are filled in next, before the rest', async () => {
    const { list, calls } = deferred(many(400), true);
    await list.load();
    list.onScroll({ target: { scrollTop: 200 * 60, clientHeight: 480 } } as unknown as Event);
    calls[0].answer();
    await tick();
    assert.equal(calls.length, 2);
    assert.ok(calls[1].ids.includes('c200') && calls[1].ids.includes('c205'), `the window next: ${calls[1].ids.join(',')}`);
  });

  test('a message in a row not filled in yet moves it up and fetches its row (counted by the engine)', async () => {
    const { list, calls, singles } = deferred(many(100), true);
    await list.load();
    list.onItem(msg('late', 'c90', '100001'));
    assert.equal(list.rows[0].id, 'c90', 'to the top at once');
    assert.equal(list.preview(list.rows[0]), 'chat.inbox.pending');
    await tick();
    assert.equal(singles(), 1);
    assert.equal(list.rows[0].unread, 7, 'the engine’s row');
    assert.equal(list.rows[0].partial, undefined);
    for (const c of calls) c.answer();
    await tick();
    assert.equal(list.rows.find((r) => r.id === 'c90')!.unread, 7, 'a batch answered later does not overwrite it');
  });

  test('1,000 conversations: a screen of them paints first, the rest follow; no count and no total until all are listed', async () => {
    const all = [...many(700), ...many(1000).slice(700).map((r) => ({ ...r, consent: 'unknown' as const }))];
    const { list, calls, reported, limits } = deferred(all);
    await list.load();
    assert.equal(list.status, 'ready');
    assert.deepEqual(limits, [24], 'painted from the first step');
    assert.equal(list.visible.length, 24, 'a screen of chats painted');
    assert.equal(list.complete, false);
    assert.equal(list.requestCount(), 0, 'no request count from part of the list');
    list.setTab('requests');
    assert.equal(list.visible.length, 24, 'and a screen of requests');
    list.setTab('chats');
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(limits, [24], 'the next step waits for the screen’s rows (one worker for both)');
    assert.equal(calls.length, 1);
    for (let i = 0; i < 20 && !list.complete; i++) {
      calls.at(-1)!.answer();
      await tick();
    }
    assert.deepEqual(limits, [24, 100, undefined], 'then longer steps, then all');
    assert.equal(list.complete, true);
    assert.equal(list.visible.length, 700);
    assert.equal(list.requestCount(), 300);
    assert.deepEqual(list.visible.slice(0, 30).map((r) => r.id), all.slice(0, 30).map((r) => r.id), 'the order kept across the steps');
    assert.equal(new Set(list.rows.map((r) => r.id)).size, 1000, 'no row twice');
    assert.deepEqual(reported, [], 'no total before every chat is counted');
    for (let i = 0; i < 200 && list.rows.some((r) => r.consent === 'allowed' && r.partial); i++) {
      calls.at(-1)!.answer();
      await tick();
    }
    assert.deepEqual(reported, [700], 'the total once every chat is listed and counted');
  });

  test('a row the SDK lists on top for a read receipt (no newer shown message) goes to its place once filled in', async () => {
    // c30's newest shown message is older than 30 others, but a read receipt made the SDK list it first.
    const { list, calls } = deferred(many(40), true, 'c30');
    await list.load();
    assert.deepEqual(list.visible.slice(0, 2).map((r) => r.id), ['c30', 'c0'], 'as the SDK lists them until filled in');
    calls[0].answer();
    await tick();
    assert.deepEqual(list.visible.slice(0, 3).map((r) => r.id), ['c0', 'c1', 'c2'], 'by the newest shown message once filled in');
    assert.equal(list.visible.findIndex((r) => r.id === 'c30') > 20, true, `c30 moved down: ${list.visible.map((r) => r.id).join(',')}`);
  });
});
