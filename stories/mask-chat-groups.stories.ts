import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/chat/define.js';
import type { ChatMessage, ConversationSummary, GroupDetails, GroupPolicy } from '../src/messaging/types.js';
import { FIXTURE_CONVERSATION, FIXTURE_ME, fixtureKit, type FixtureOptions } from '../test/support/chat-fixture.js';
import { withKit } from '../test/support/kit-provider.js';
import { ALICE, BOB, CAROL, NAMELESS, StoryKit } from './support/identity-fixture.js';
import { waitFor } from './support/wait.js';

/*
 * Groups in `<mask-chat>` (issue 13), over the STORY FIXTURE engine (`test/support/chat-fixture.ts`)
 * and the identity fixture: the "New group" form, a group's details with roles (as its super admin,
 * as a plain member under the admin-only rules: actions disabled with the reason, as someone who was
 * removed), and the lines membership and metadata changes show in the conversation.
 */

const meta: Meta = {
  // Not under Elements/: those docs pages are one element's API tables each (stories.e2e.ts).
  title: 'Groups/mask-chat',
  component: 'mask-chat',
  parameters: { layout: 'padded', docs: { story: { inline: false, height: '620px' } } },
};
export default meta;
type Story = StoryObj;

const START = Date.UTC(2026, 0, 15, 9, 30);
const ns = (ms: number) => `${ms}000000`;
const HOSTILE = '<img src=x onerror=alert(1)> Free ‮gnp.exe';
const inbox = (who: string) => `inbox-${who}`;

const row = (id: string, name: string, minutesAgo: number): ConversationSummary => ({
  id,
  kind: 'group',
  peerInboxId: null,
  peerAddresses: [],
  groupName: name,
  groupImageUrl: null,
  consent: 'allowed',
  last: { senderInboxId: inbox('alice'), kind: 'text', text: 'The second round opens next week.', sentAtNs: ns(START - minutesAgo * 60_000) },
  lastActivityNs: ns(START - minutesAgo * 60_000),
  unread: 0,
});
const rows = [row('c-group', 'Grant reviewers', 5), row('c-hostile', HOSTILE, 60)];

const members = [
  { inboxId: inbox('alice'), addresses: [ALICE.toLowerCase()] },
  { inboxId: inbox('bob'), addresses: [BOB.toLowerCase()] },
  { inboxId: inbox('carol'), addresses: [CAROL.toLowerCase()] },
];
const policies = (p: GroupPolicy): GroupDetails['policies'] => ({ addMember: p, removeMember: p, updateName: p, updateDescription: p, updateImage: p });
const details = (over: Partial<Omit<GroupDetails, 'id'>>): Omit<GroupDetails, 'id'> => ({
  name: 'Grant reviewers',
  description: 'Reviews for the second grant round. Be kind, be quick.',
  imageUrl: '',
  members: [
    { inboxId: FIXTURE_ME, addresses: [], role: 'member' },
    { inboxId: inbox('alice'), addresses: [ALICE.toLowerCase()], role: 'super-admin' },
    { inboxId: inbox('bob'), addresses: [BOB.toLowerCase()], role: 'admin' },
    { inboxId: inbox('carol'), addresses: [CAROL.toLowerCase()], role: 'member' },
  ],
  role: 'member',
  policies: policies('admins'),
  active: true,
  leaving: false,
  ...over,
});

interface Scenario extends FixtureOptions {
  drive: (root: ShadowRoot) => Promise<unknown>;
  done: (root: ShadowRoot) => unknown;
  what: string;
}

/** An inline inbox over the story fixture; `drive` opens what the story shows. */
function groupStory(s: Scenario): Story {
  return {
    render: () => {
      const { kit } = fixtureKit({ conversations: rows, groupMembers: members, ...s });
      const identities = new StoryKit({ delay: 0, never: false });
      kit.identity = () => identities.identity();
      return withKit(kit, html`<mask-chat mode="inline"></mask-chat>`);
    },
    play: async ({ canvasElement }) => {
      await customElements.whenDefined('mask-chat');
      const root = await waitFor(() => canvasElement.querySelector('mask-chat')?.shadowRoot, 'the chat');
      await waitFor(() => root.querySelector('[part~="inbox-row"]'), 'the inbox');
      await s.drive(root);
      await waitFor(() => s.done(root), s.what);
    },
  };
}

const click = async (root: ShadowRoot, selector: string, what = selector) => (await waitFor(() => root.querySelector<HTMLElement>(selector), what)).click();
const openDetails = (id: string) => async (root: ShadowRoot) => {
  await click(root, `[role="option"][data-id="${id}"]`, 'the group row');
  await click(root, '[part~="group-details-button"]', 'Group details');
};
const text = (root: ShadowRoot, sentence: string) => root.textContent?.includes(sentence);

/** "New group" from the inbox: name, members by address, ENS name or Lens handle, optional description and image URL. (Story fixture.) */
export const NewGroup = groupStory({
  drive: (root) => click(root, '[part~="new-group-button"]'),
  what: 'the form',
  done: (root) => root.querySelector('[part~="group-form"] #group-name') && root.querySelector('#group-members'),
});

/** The form refuses what it cannot create, with a sentence (here: no name). (Story fixture.) */
export const NewGroupRefused = groupStory({
  drive: async (root) => {
    await click(root, '[part~="new-group-button"]');
    await click(root, '[part~="group-create"]', 'Create group');
  },
  what: 'the sentence asking for a name',
  done: (root) => root.querySelector('[part~="group-error"]')?.textContent === 'Give the group a name.',
});

/** A group's details as its super admin: members with their roles and verified names; add, remove, rename allowed. (Story fixture.) */
export const DetailsSuperAdmin = groupStory({
  groupDetails: details({
    role: 'super-admin',
    members: [
      { inboxId: FIXTURE_ME, addresses: [], role: 'super-admin' },
      { inboxId: inbox('alice'), addresses: [ALICE.toLowerCase()], role: 'admin' },
      { inboxId: inbox('carol'), addresses: [CAROL.toLowerCase()], role: 'member' },
      { inboxId: inbox('nameless'), addresses: [NAMELESS.toLowerCase()], role: 'member' },
    ],
  }),
  drive: openDetails('c-group'),
  what: 'the members with roles, actions enabled',
  done: (root) =>
    root.querySelectorAll('[part~="group-member"]').length === 4 &&
    !root.querySelector('[part~="group-reason"]:not(#group-leave-reason)') &&
    root.querySelectorAll('[part~="group-remove"]:not([disabled])').length === 3,
});

/**
 * A plain member under the admin-only rules: add, remove and rename are shown disabled, each with the
 * reason in words; the hostile group name and description are text. (Story fixture.)
 */
export const DetailsMember = groupStory({
  groupDetails: details({ name: HOSTILE, description: '<script>alert(1)</script> reviewers only' }),
  drive: openDetails('c-hostile'),
  what: 'the actions disabled with their reasons',
  done: (root) =>
    root.querySelector('[part~="group-add-button"][disabled]') &&
    root.querySelectorAll('[part~="group-remove"][disabled]').length === 3 &&
    text(root, 'Only the group’s admins can add members.') &&
    !root.querySelector('[part~="group-details"] img, [part~="group-details"] script'),
});

/** Someone who was removed (or left): the group is read-only, every action disabled with the reason. (Story fixture.) */
export const DetailsRemoved = groupStory({
  groupDetails: details({ active: false, members: details({}).members.filter((m) => m.inboxId !== FIXTURE_ME) }),
  drive: openDetails('c-group'),
  what: 'the sentence that the visitor is no longer a member',
  done: (root) => root.querySelector('#group-leave-reason')?.textContent === 'You are no longer a member of this group.' && root.querySelector('[part~="group-leave"][disabled]'),
});

const update = (id: string, minutes: number, by: string, change: Partial<NonNullable<ChatMessage['update']>>): ChatMessage => ({
  id,
  conversationId: FIXTURE_CONVERSATION,
  senderInboxId: by,
  sentAtNs: ns(START + minutes * 60_000),
  kind: 'update',
  text: '',
  update: { by, added: [], removed: [], left: [], changes: [], ...change },
  reactions: [],
  delivery: 'sent',
});
const said = (id: string, minutes: number, who: string, text: string): ChatMessage => ({
  id,
  conversationId: FIXTURE_CONVERSATION,
  senderInboxId: who,
  sentAtNs: ns(START + minutes * 60_000),
  kind: 'text',
  text,
  reactions: [],
  delivery: 'sent',
});

/** Membership and metadata changes as lines in the conversation, by verified name (a member who left: their short address). (Story fixture.) */
export const MembershipLines = groupStory({
  inboxAddresses: { [inbox('gone')]: [NAMELESS.toLowerCase()] },
  items: [
    update('u1', 0, inbox('alice'), { added: [FIXTURE_ME, inbox('carol')] }),
    said('m1', 1, inbox('alice'), 'Welcome, both of you.'),
    update('u2', 2, inbox('alice'), { changes: [{ field: 'name', value: 'Grant reviewers' }] }),
    update('u3', 3, inbox('alice'), { removed: [inbox('gone')] }),
    update('u4', 4, inbox('alice'), { left: [inbox('carol')] }),
    update('u5', 5, FIXTURE_ME, { changes: [{ field: 'description', value: 'Round two' }] }),
  ],
  drive: (root) => click(root, '[role="option"][data-id="c-group"]', 'the group row'),
  what: 'the lines by verified name',
  done: (root) =>
    [...root.querySelectorAll('[part~="group-update"]')].map((p) => p.textContent).join('|') ===
    `alice.eth added you|alice.eth added carol.eth|alice.eth renamed the group to “Grant reviewers”|alice.eth removed ${NAMELESS.slice(0, 6)}…${NAMELESS.slice(-4)}|carol.eth left|You changed the group’s description`,
});
