/**
 * What every story must show, in the words of the English catalogues: story id
 * → the message keys whose sentences must be visible in it (values given here
 * are filled in; any other `{placeholder}` matches any text), or `none` and why
 * the story shows no sentence of its own. `stories.e2e.ts` fails for a story
 * missing here, for an entry naming no story, and for a sentence that is not
 * visible: a "Pending" story that shows a failure, or a theming example whose
 * badges show a failed lookup instead of the name, cannot pass.
 */
import { attachmentMessages } from '../../src/components/chat/chat-attachments.messages.js';
import { backupMessages } from '../../src/components/chat/chat-backup.messages.js';
import { inboxMessages } from '../../src/components/chat/chat-inbox.messages.js';
import { notifyMessages } from '../../src/components/chat/chat-notify.messages.js';
import { chatMessages } from '../../src/components/chat/chat.messages.js';
import { groupLineMessages } from '../../src/components/chat/chat-group-lines.messages.js';
import { groupMessages } from '../../src/components/chat/chat-groups.messages.js';
import { badgeMessages } from '../../src/components/id-badge/id-badge.messages.js';
import { identityMessages } from '../../src/identity/identity.messages.js';
import { en } from '../../src/internal/i18n.js';
import { tipMessages } from '../../src/tip/tip.messages.js';
import { walletMessages } from '../../src/wallet/wallet.messages.js';

const catalogue: Record<string, string> = { ...en, ...walletMessages, ...badgeMessages, ...identityMessages, ...tipMessages, ...chatMessages, ...inboxMessages, ...attachmentMessages, ...backupMessages, ...notifyMessages, ...groupMessages, ...groupLineMessages };

export type Key = keyof typeof catalogue & string;
/** A sentence: its key, and the values known in the story. */
export type Said = string | { key: string; vars: Record<string, string> };
export type Expectation = Said[] | { none: string };

const ALICE_NAME = { name: 'alice.eth' };

export const STORY_SENTENCES: Record<string, Expectation> = {
  // <mask-chat>
  'elements-mask-chat--launcher-closed': { none: 'the closed bubble: a button named "Open chat", no sentence' },
  'elements-mask-chat--launcher-open': ['chat.connectFirst'],
  'elements-mask-chat--launcher-left': ['chat.connectFirst'],
  'elements-mask-chat--inline': ['chat.connectFirst'],
  'elements-mask-chat--empty-conversation': ['chat.state.live', 'chat.greeting'],
  'elements-mask-chat--peer-header': ['chat.state.live', { key: 'chat.greeting', vars: { name: 'bob.eth' } }],
  'elements-mask-chat--peer-header-no-name': ['chat.state.live', { key: 'chat.greeting', vars: { name: '0x1111…1111' } }],
  'elements-mask-chat--group-conversation': ['chat.inbox.back', 'chat.state.live'],
  'elements-mask-chat--history': ['chat.state.live'],
  'elements-mask-chat--reply-reaction-tip': ['chat.state.live', 'chat.start', 'chat.tx.title'],
  'elements-mask-chat--seen': ['chat.state.live', 'chat.seen'],
  'elements-mask-chat--launcher-open-conversation': ['chat.state.live', 'chat.start', 'chat.tx.title'],
  'elements-mask-chat--hostile-content': ['chat.state.live', 'chat.tx.incomplete'],
  'elements-mask-chat--message-request': ['chat.requests.explain'],
  'elements-mask-chat--peer-not-on-xmtp': ['chat.unreachable'],
  'elements-mask-chat--reconnecting': ['chat.state.reconnecting'],
  'elements-mask-chat--offline': ['chat.state.offline'],
  'elements-mask-chat--network-moved': ['chat.state.moved', 'chat.error.networkMoved'],
  'elements-mask-chat--signature-explanation': ['chat.sign.title', 'chat.sign.what', 'chat.sign.free'],
  'elements-mask-chat--installation-limit': ['chat.error.limit', 'chat.installations.consequence'],
  'elements-mask-chat--paused-group': [{ key: 'chat.error.paused', vars: { version: '1.12.0' } }, 'chat.paused.composer'],
  'elements-mask-chat--smart-account-refused': [{ key: 'chat.error.smartAccount', vars: { chain: '8453' } }],
  'elements-mask-chat--history-may-be-incomplete': ['chat.state.live', 'chat.historyNote'],
  'elements-mask-chat--backup': ['chat.backup.explain', 'chat.installations.explain'],
  'elements-mask-chat--backup-refused': [{ key: 'chat.backup.unreadable', vars: { file: 'notes.xmtp' } }, 'chat.backup.explain'],
  'elements-mask-chat--engine-loading': ['chat.progress.worker'],
  'elements-mask-chat--engine-error': ['chat.error.engineLoad', 'chat.error.engineHelp'],
  'elements-mask-chat--network-error': ['chat.error.node'],
  'elements-mask-chat--inbox': ['chat.inbox.chats', 'chat.inbox.new'],
  'elements-mask-chat--inbox-empty': ['chat.inbox.empty'],
  'elements-mask-chat--inbox-requests': [{ key: 'chat.inbox.requestsCount', vars: { count: '2' } }],
  'elements-mask-chat--inbox-flagged-requests': [
    { key: 'chat.inbox.flaggedRisky', vars: { source: 'web3.bio' } },
    { key: 'chat.inbox.flaggedSpam', vars: { source: 'web3.bio' } },
  ],
  'elements-mask-chat--inbox-loading': ['chat.inbox.loading'],
  'elements-mask-chat--inbox-filling': ['chat.inbox.dm', 'chat.inbox.pending'],
  'elements-mask-chat--inbox-error': [{ key: 'chat.inbox.error', vars: { detail: 'fetch failed' } }],
  'elements-mask-chat--inbox-new-conversation': ['chat.unreachable'],
  'elements-mask-chat--inbox-conversation': ['chat.inbox.back', 'chat.state.live'],
  'elements-mask-chat--inbox-thousand': ['chat.inbox.chats', 'chat.inbox.new'],
  'elements-mask-chat--dark-launcher-closed': { none: 'the closed bubble: a button named "Open chat", no sentence' },
  'elements-mask-chat--dark-conversation': ['chat.state.live', 'chat.start'],
  'elements-mask-chat--dark-message-request': ['chat.requests.explain'],
  'elements-mask-chat--dark-installation-limit': ['chat.error.limit', 'chat.installations.consequence'],
  // <mask-chat notifications> (issue 13)
  'notifications-mask-chat--off': ['chat.notify.explain', 'chat.notify.switch', 'chat.notify.off'],
  'notifications-mask-chat--on': ['chat.notify.switch', 'chat.notify.on'],
  'notifications-mask-chat--on-private': ['chat.notify.private', 'chat.notify.on'],
  'notifications-mask-chat--not-allowed': ['chat.notify.dismissed'],
  'notifications-mask-chat--blocked': ['chat.notify.denied'],
  'notifications-mask-chat--unsupported': ['chat.notify.unsupported'],
  'notifications-mask-chat--dark-blocked': ['chat.notify.denied'],
  // <mask-chat> attachments (issue 14)
  // Groups (stories/mask-chat-groups.stories.ts)
  'groups-mask-chat--new-group': ['chat.groups.newTitle', 'chat.groups.name', 'chat.groups.create'],
  'groups-mask-chat--new-group-refused': ['chat.groups.noName'],
  'groups-mask-chat--details-super-admin': ['chat.groups.role.super-admin', 'chat.groups.role.admin', 'chat.groups.add', 'chat.groups.reason.leaveSuperAdmin'],
  'groups-mask-chat--details-member': ['chat.groups.role.member', 'chat.groups.reason.addAdmins', 'chat.groups.reason.removeAdmins', 'chat.groups.reason.editAdmins'],
  'groups-mask-chat--details-removed': ['chat.groups.reason.inactive'],
  'groups-mask-chat--membership-lines': [
    { key: 'chat.group.line.addedYou', vars: { actor: 'alice.eth' } },
    { key: 'chat.group.line.added', vars: { actor: 'alice.eth', names: 'carol.eth' } },
    { key: 'chat.group.line.left', vars: { names: 'carol.eth' } },
  ],
  'attachments-mask-chat--preview': ['chat.state.live', { key: 'chat.attach.details', vars: { type: 'application/pdf' } }],
  'attachments-mask-chat--uploading': [{ key: 'chat.attach.uploading', vars: { name: 'screenshot.png' } }],
  'attachments-mask-chat--sent-image': ['chat.state.live'],
  'attachments-mask-chat--received-file': [{ key: 'chat.attach.download', vars: { name: 'contract.pdf' } }, { key: 'chat.attach.download', vars: { name: 'logo.svg' } }],
  'attachments-mask-chat--digest-mismatch': ['chat.attach.digest'],
  'attachments-mask-chat--length-mismatch': ['chat.attach.length'],
  'attachments-mask-chat--not-found': ['chat.attach.notFound'],
  'attachments-mask-chat--timeout': ['chat.attach.timeout'],
  'attachments-mask-chat--too-large': ['chat.attach.tooLarge'],
  'attachments-mask-chat--blocked-address': ['chat.attach.blockedUrl'],
  'attachments-mask-chat--no-storage': [{ key: 'chat.attach.noStorage', vars: { name: 'annual-report.pdf' } }],
  // <mask-id-badge>
  'elements-mask-id-badge--first-paint': { none: 'identicon and short address while the lookup runs; no sentence until it answers' },
  'elements-mask-id-badge--verified': { none: 'the name itself; VerifiedCard shows the sentence' },
  'elements-mask-id-badge--verified-card': [{ key: 'badge.verified', vars: ALICE_NAME }],
  'elements-mask-id-badge--unverified': { none: 'the mark beside the address; UnverifiedCard shows the sentence' },
  'elements-mask-id-badge--unverified-card': [{ key: 'badge.unverified', vars: ALICE_NAME }],
  'elements-mask-id-badge--lookalike-card': [{ key: 'badge.lookalike', vars: { name: 'a1ice.eth' } }],
  'elements-mask-id-badge--no-name': ['badge.noName'],
  'elements-mask-id-badge--broken-avatar': { none: 'the identicon stays where the picture failed' },
  'elements-mask-id-badge--lens-profile': [{ key: 'badge.verified', vars: { name: 'lens/stani' } }],
  'elements-mask-id-badge--ens-and-lens': [{ key: 'badge.verified', vars: { name: 'carol.eth' } }],
  'elements-mask-id-badge--verified-human-card': [
    { key: 'badge.human', vars: { by: 'Humanity Verified (dentity)', source: 'web3.bio' } },
    { key: 'badge.elsewhere', vars: { source: 'web3.bio' } },
    { key: 'badge.lensAccount', vars: { handle: 'lens/carol' } },
  ],
  'elements-mask-id-badge--risky-card': [{ key: 'badge.risky', vars: { by: 'Hacker (hacker)', source: 'web3.bio' } }],
  'elements-mask-id-badge--trust-check-failed-card': [
    { key: 'badge.trustFailed', vars: { detail: 'The web3.bio Profile API did not answer (HTTP 503).' } },
    { key: 'badge.web3bioFailed', vars: { detail: 'HTTP 503' } },
  ],
  'elements-mask-id-badge--spam-card': [{ key: 'badge.spam', vars: { by: 'Spam (farcaster-spam)', source: 'web3.bio' } }, { key: 'badge.elsewhere', vars: { source: 'web3.bio' } }],
  'elements-mask-id-badge--from-name': { none: 'the name it was given, and its address' },
  'elements-mask-id-badge--from-name-loading': { none: 'a placeholder while the name resolves' },
  'elements-mask-id-badge--reachable': ['badge.reachable'],
  'elements-mask-id-badge--unreachable': ['badge.unreachable'],
  'elements-mask-id-badge--lookup-failed': ['badge.ensFailed'],
  'elements-mask-id-badge--invalid-address': [{ key: 'error.invalidAddress', vars: { value: '0x123' } }],
  'elements-mask-id-badge--invalid-name': [{ key: 'badge.invalidName', vars: { value: 'not a name!!' } }],
  'elements-mask-id-badge--both-attributes': ['badge.bothInputs'],
  'elements-mask-id-badge--unknown-chain': [{ key: 'badge.unknownChain', vars: { value: 'nope' } }],
  'elements-mask-id-badge--name-not-found': [{ key: 'badge.noAddress', vars: { name: 'nobody.eth' } }],
  'elements-mask-id-badge--not-connected': ['wallet.notConnected'],
  'elements-mask-id-badge--sizes-and-variants': { none: 'names and addresses side by side' },
  'elements-mask-id-badge--dark': [{ key: 'badge.verified', vars: ALICE_NAME }],
  'elements-mask-id-badge--styled': { none: 'a name, styled from outside' },
  'elements-mask-id-badge--thread': { none: 'names beside comments' },
  // <mask-tip>
  'elements-mask-tip--button': { none: 'the button alone' },
  'elements-mask-tip--idle': ['tip.state.idle'],
  'elements-mask-tip--idle-usdc': ['tip.state.idle'],
  'elements-mask-tip--connecting': ['tip.state.connecting'],
  'elements-mask-tip--switching': [{ key: 'tip.state.switching', vars: { chain: 'Base' } }],
  'elements-mask-tip--checking': ['tip.state.checking'],
  'elements-mask-tip--contract-warning': [{ key: 'tip.state.warning', vars: { symbol: 'ETH' } }],
  'elements-mask-tip--flagged-recipient-warning': ['tip.state.flagged', { key: 'tip.recipient.risky', vars: { source: 'web3.bio', by: 'Hacker (hacker)' } }],
  'elements-mask-tip--confirming': [{ key: 'tip.state.confirming', vars: { amount: '5 USDC' } }],
  'elements-mask-tip--pending': ['tip.state.pending'],
  'elements-mask-tip--confirmed': [{ key: 'tip.state.confirmed', vars: { amount: '5 USDC' } }],
  'elements-mask-tip--failed': ['tip.state.failed', 'tip.failed.refused'],
  'elements-mask-tip--rejected': ['tip.state.rejected', 'tip.rejected'],
  'elements-mask-tip--spoofed-recipient': [{ key: 'tip.recipient.spoof', vars: ALICE_NAME }, 'tip.state.idle'],
  'elements-mask-tip--lookalike-recipient': [{ key: 'tip.recipient.lookalike', vars: { name: 'a1ice.eth' } }, 'tip.state.idle'],
  'elements-mask-tip--invalid-amount': ['tip.amount.comma'],
  'elements-mask-tip--dark-button': { none: 'the button alone' },
  'elements-mask-tip--dark-idle': ['tip.state.idle'],
  'elements-mask-tip--dark-confirmed': [{ key: 'tip.state.confirmed', vars: { amount: '5 USDC' } }],
  'elements-mask-tip--dark-failed': ['tip.state.failed', 'tip.failed.refused'],
  // Guides/Theming examples: the first badge's card is open on alice.eth.
  'guides-theming-examples--light': [{ key: 'badge.verified', vars: ALICE_NAME }],
  'guides-theming-examples--dark': [{ key: 'badge.verified', vars: ALICE_NAME }],
  'guides-theming-examples--auto-follows-host-color-scheme': [{ key: 'badge.verified', vars: ALICE_NAME }],
  'guides-theming-examples--tokens': [{ key: 'badge.verified', vars: ALICE_NAME }],
  'guides-theming-examples--parts': { none: 'resolved names styled with ::part()' },
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A sentence as a regular expression source over text whose white space is
 * collapsed: the English template, with the given values filled in and every
 * other placeholder (plural forms included) matching any text.
 */
export function sentencePattern(said: Said): string {
  const { key, vars } = typeof said === 'string' ? { key: said, vars: {} as Record<string, string> } : said;
  const template = catalogue[key];
  if (template === undefined) throw new Error(`${key} is in no English catalogue`);
  let out = '';
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)(,\s*plural,(?:[^{}]|\{[^{}]*\})*)?\}/g)) {
    out += escape(template.slice(last, m.index)).replace(/\s+/g, '\\s+');
    out += !m[2] && Object.hasOwn(vars, m[1]) ? escape(vars[m[1]]) : '.+?';
    last = m.index + m[0].length;
  }
  return out + escape(template.slice(last)).replace(/\s+/g, '\\s+');
}
