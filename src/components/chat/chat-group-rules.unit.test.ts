import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GroupDetails, GroupPolicy } from '../../messaging/types.js';
import { groupLineMessages } from './chat-group-lines.messages.js';
import { allows, parseMembers, quoteName, refusal, safeImageUrl, updateLines } from './chat-group-rules.js';
import { groupMessages } from './chat-groups.messages.js';
import type { ChatT } from './chat.messages.js';

const english: Record<string, string> = { ...groupLineMessages, ...groupMessages };
const t = ((key: string, vars: Record<string, string | number> = {}) => english[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]))) as ChatT;

const policies = (p: GroupPolicy): GroupDetails['policies'] => ({ addMember: p, removeMember: p, updateName: p, updateDescription: p, updateImage: p });
const group = (over: Partial<GroupDetails> = {}): GroupDetails => ({
  id: 'g',
  name: 'Grant reviewers',
  description: '',
  imageUrl: '',
  members: [
    { inboxId: 'alice', addresses: [], role: 'super-admin' },
    { inboxId: 'bob', addresses: [], role: 'admin' },
    { inboxId: 'me', addresses: [], role: 'member' },
  ],
  role: 'member',
  policies: policies('admins'),
  active: true,
  leaving: false,
  ...over,
});

test('who passes a policy', () => {
  assert.deepEqual(
    (['everyone', 'admins', 'super-admins', 'nobody'] as const).map((p) => (['member', 'admin', 'super-admin'] as const).map((r) => allows(p, r))),
    [
      [true, true, true],
      [false, true, true],
      [false, false, true],
      [false, false, false],
    ],
  );
});

test('a plain member under the admin-only rules: add, remove and edit refused with the reason; leave allowed', () => {
  const g = group();
  const said = (action: Parameters<typeof refusal>[1]) => {
    const key = refusal(g, action);
    return key && t(key);
  };
  assert.equal(said('add'), 'Only the group’s admins can add members.');
  assert.equal(said('remove'), 'Only the group’s admins can remove members.');
  assert.equal(said('edit'), 'Only the group’s admins can change its name and description.');
  assert.equal(said('leave'), null);
});

test('admins, super admins, other policies, and a group the visitor left', () => {
  assert.equal(refusal(group({ role: 'admin' }), 'add'), null);
  assert.equal(refusal(group({ role: 'admin' }), 'remove', { role: 'member' }), null);
  assert.equal(refusal(group({ role: 'admin' }), 'remove', { role: 'super-admin' }), 'chat.groups.reason.removeSuperAdmin');
  assert.equal(refusal(group({ role: 'super-admin' }), 'remove', { role: 'super-admin' }), null);
  assert.equal(refusal(group({ role: 'admin', policies: policies('super-admins') }), 'add'), 'chat.groups.reason.addSuperAdmins');
  assert.equal(refusal(group({ role: 'super-admin', policies: policies('nobody') }), 'edit'), 'chat.groups.reason.editNobody');
  assert.equal(refusal(group({ policies: policies('everyone') }), 'add'), null);
  // The only super admin cannot leave; with a second one they can.
  const alone = group({ role: 'super-admin', members: [{ inboxId: 'me', addresses: [], role: 'super-admin' }] });
  assert.equal(refusal(alone, 'leave'), 'chat.groups.reason.leaveSuperAdmin');
  assert.equal(refusal({ ...alone, members: [...alone.members, { inboxId: 'x', addresses: [], role: 'super-admin' }] }, 'leave'), null);
  assert.equal(refusal(group({ leaving: true }), 'leave'), 'chat.groups.reason.leaving');
  for (const action of ['add', 'remove', 'edit', 'leave'] as const) assert.equal(refusal(group({ active: false, role: 'super-admin' }), action), 'chat.groups.reason.inactive');
});

test('an image URL is shown only when it is plain https', () => {
  assert.equal(safeImageUrl('https://example.com/a.png'), 'https://example.com/a.png');
  for (const bad of ['http://example.com/a.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'https://x.com/a".png', 'https://x.com/<b>', ' https://x.com/a.png', `https://x.com/${'a'.repeat(3000)}`, '', null, undefined]) {
    assert.equal(safeImageUrl(bad), null, String(bad));
  }
});

test('members typed in: split at commas, semicolons and spaces, each once', () => {
  assert.deepEqual(parseMembers(' bob.eth, @carol;0xAbC\n bob.ETH  '), ['bob.eth', '@carol', '0xAbC']);
  assert.deepEqual(parseMembers(' , ; '), []);
});

test('the lines of a change name who did what; the visitor is "You"; hostile names are one capped line', () => {
  const names: Record<string, string> = { alice: 'alice.eth', bob: 'bob.eth', carol: 'carol.eth' };
  const nameOf = (inbox: string) => names[inbox] ?? 'A member';
  const list = (items: string[]) => new Intl.ListFormat('en', { type: 'conjunction' }).format(items);
  const lines = (update: Parameters<typeof updateLines>[0]) => updateLines(update, t, 'me', nameOf, list);
  assert.deepEqual(lines({ by: 'alice', added: ['bob', 'carol'], removed: [], left: [], changes: [] }), ['alice.eth added bob.eth and carol.eth']);
  assert.deepEqual(lines({ by: 'me', added: [], removed: ['bob'], left: [], changes: [] }), ['You removed bob.eth']);
  assert.deepEqual(lines({ by: 'alice', added: [], removed: [], left: ['carol'], changes: [] }), ['carol.eth left']);
  assert.deepEqual(lines({ by: 'alice', added: ['me', 'carol'], removed: [], left: [], changes: [] }), ['alice.eth added you', 'alice.eth added carol.eth']);
  assert.deepEqual(lines({ by: 'alice', added: [], removed: ['me'], left: [], changes: [] }), ['alice.eth removed you']);
  assert.deepEqual(lines({ by: 'me', added: ['bob'], removed: [], left: ['me'], changes: [] }), ['You added bob.eth', 'You left']);
  assert.deepEqual(lines({ by: 'zed', added: [], removed: [], left: [], changes: [{ field: 'name', value: 'New ‮name\n<b>x</b>' }, { field: 'description', value: 'd' }, { field: 'image', value: null }] }), [
    'A member renamed the group to “New name <b>x</b>”',
    'A member changed the group’s description',
    'A member changed the group’s image',
  ]);
  assert.deepEqual(lines({ by: '', added: [], removed: [], left: [], changes: [{ field: 'name', value: null }] }), ['A member removed the group’s name']);
  assert.equal(quoteName('x'.repeat(500)).length, 80);
});
