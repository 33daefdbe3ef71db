/**
 * Browser entry for `chat-tabs-relay.e2e.ts`: the real tab coordination
 * (`src/messaging/tabs.ts`: Web Locks, BroadcastChannel, relayed calls,
 * handover) in a page of its own, over a scripted stand-in for the XMTP client
 * (what each tab's client does with `publish` is set per page). Several pages
 * of one browser context are several tabs of one origin.
 *
 * Counts what a tab holds (open BroadcastChannels, `pagehide` listeners) so a
 * test can check that `close()` leaves nothing behind.
 */
import { coordinate, tabKey } from '../../src/messaging/tabs.js';
import { EngineError, type Engine, type EngineOptions } from '../../src/messaging/types.js';

let channels = 0;
const Native = BroadcastChannel;
window.BroadcastChannel = class extends Native {
  #open = true;
  constructor(name: string) {
    super(name);
    channels++;
  }
  override close(): void {
    if (this.#open) channels--;
    this.#open = false;
    super.close();
  }
};
let pagehide = 0;
const add = window.addEventListener.bind(window);
const remove = window.removeEventListener.bind(window);
window.addEventListener = ((type: string, ...rest: [EventListenerOrEventListenerObject, boolean | AddEventListenerOptions | undefined]) => {
  if (type === 'pagehide') pagehide++;
  add(type, ...rest);
}) as typeof window.addEventListener;
window.removeEventListener = ((type: string, ...rest: [EventListenerOrEventListenerObject, boolean | EventListenerOptions | undefined]) => {
  if (type === 'pagehide') pagehide--;
  remove(type, ...rest);
}) as typeof window.removeEventListener;

/** What this tab's client does when it owns and `publish` runs: answer, or never answer. */
type Script = { publish: 'ok' | 'hang' };

const OPTIONS: EngineOptions = {
  env: 'local',
  apiUrl: 'http://xmtp.tabs-test.invalid',
  address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  signMessage: () => Promise.reject(new Error('no wallet in this test')),
  timeoutMs: 5_000,
};

const calls: Array<{ method: string; args: unknown[] }> = [];
let engine: Engine | null = null;

function scripted(script: Script): Engine {
  const record =
    <T>(method: string, value: T) =>
    (...args: unknown[]): Promise<T> => {
      calls.push({ method, args });
      return Promise.resolve(value);
    };
  return {
    inboxId: 'tabs-test-inbox',
    installationId: `installation-of-${document.title}`,
    isRegistered: record('isRegistered', true),
    register: record('register', undefined),
    canMessage: record('canMessage', true),
    openDm: record('openDm', { id: 'c1', peerInboxId: null, peerAddresses: [], consent: 'allowed' as const }),
    openConversation: record('openConversation', null),
    requests: record('requests', []),
    conversationList: record('conversationList', []),
    summaries: record('summaries', []),
    conversationSummary: record('conversationSummary', null),
    setConsent: record('setConsent', undefined),
    messages: record('messages', []),
    prepareText: record('prepareText', 'm1'),
    dmPeer: record('dmPeer', null),
    members: record('members', { kind: 'dm' as const, members: [] }),
    sendReadReceipt: record('sendReadReceipt', undefined),
    lastReadTimes: record('lastReadTimes', {}),
    prepareTransaction: record('prepareTransaction', 't1'),
    prepareReaction: record('prepareReaction', 'r1'),
    prepareAttachment: record('prepareAttachment', 'a1'),
    publish: (...args: unknown[]) => {
      calls.push({ method: 'publish', args });
      return script.publish === 'hang' ? new Promise<void>(() => {}) : Promise.resolve();
    },
    sync: record('sync', undefined),
    stream: record('stream', undefined),
    installations: record('installations', []),
    revokeInstallations: record('revokeInstallations', undefined),
    exportBackup: record('exportBackup', new Uint8Array(0)),
    importBackup: record('importBackup', undefined),
    createGroup: record('createGroup', null as never),
    groupDetails: record('groupDetails', null as never),
    addMembers: record('addMembers', undefined),
    removeMembers: record('removeMembers', undefined),
    leaveGroup: record('leaveGroup', undefined),
    updateGroup: record('updateGroup', undefined),
    inboxAddresses: record('inboxAddresses', {}),
    close: () => void calls.push({ method: 'close', args: [] }),
  };
}

const api = {
  /** Joins the tabs: owner when first, relay otherwise. `callMs`: every relayed call's timeout. */
  async start(script: Script, callMs: number): Promise<void> {
    engine = await coordinate(OPTIONS, () => Promise.resolve(scripted(script)), { callMs });
  },
  owner: (): boolean => !!(engine as { owner?: boolean } | null)?.owner,
  /** Publishes through this tab's engine; resolves with the outcome (an error as its code and message). */
  publish(conversationId: string): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
    return engine!.publish(conversationId).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, code: error instanceof EngineError ? error.code : 'not-an-engine-error', message: String((error as Error).message) }),
    );
  },
  calls: () => calls,
  close: () => engine?.close(),
  /** What this tab still holds: open channels, pagehide listeners, the lock (held or queued for). */
  async held(): Promise<{ channels: number; pagehide: number; locks: number }> {
    const state = await navigator.locks.query();
    const key = tabKey(OPTIONS);
    const mine = [...(state.held ?? []), ...(state.pending ?? [])].filter((l) => l.name === key && l.clientId === clientId);
    return { channels, pagehide, locks: mine.length };
  },
};

// This page's lock client id: the one lock request it makes at load, seen in the query.
let clientId = '';
const probe = `tabs-test-probe-${Math.random()}`;
await navigator.locks.request(probe, async () => {
  const state = await navigator.locks.query();
  clientId = state.held?.find((l) => l.name === probe)?.clientId ?? '';
});

Object.assign(window, { tabs: api });
