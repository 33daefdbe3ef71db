/**
 * Groups in `<mask-chat>`, end to end: the built kit in three browser contexts (alice.eth, bob.eth
 * and carol.eth: dev accounts 1–3, named by the dev chain's ENS), the real `@xmtp/browser-sdk` on
 * the local node. Alice creates a group from her inbox ("New group": members by ENS name, each
 * checked on XMTP before anything is created) with a hostile name and description; bob, a plain
 * member under the admin-only rules, sees add and remove disabled with the reason; alice adds
 * carol, carol leaves, alice removes bob; everyone still in the group sees the membership lines by
 * verified name. Names and descriptions render as text; axe runs on the form and the details.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chatSuite, until, type Visitor } from './chat-page.js';

const suite = chatSuite();
const HOSTILE_NAME = '<img src=x onerror="window.pwned=1">Team ‮evil';
const SHOWN_NAME = '<img src=x onerror="window.pwned=1">Team evil';
const HOSTILE_DESCRIPTION = '<script>window.pwned=2</script> reviewers only';
/** An address no one registered on XMTP (and without a name). */
const NOBODY = '0x000000000000000000000000000000000000dEaD';

describe('<mask-chat> groups: create, roles and rules, add, remove, leave, across three browser contexts', { timeout: 900_000 }, () => {
  const v: Record<'alice' | 'bob' | 'carol', Visitor> = {} as never;

  const lines = (who: Visitor) => who.chat.locator('[part~="group-update"]').allInnerTexts();
  const waitLine = async (who: Visitor, text: string, ms = 60_000) => {
    try {
      await until(`${who.name} to see “${text}”`, async () => (await lines(who)).includes(text), ms);
    } catch (error) {
      throw new Error(`${(error as Error).message}; the lines shown: ${JSON.stringify(await lines(who))}`);
    }
  };
  const pwned = (who: Visitor) => who.page.evaluate(() => (window as unknown as { pwned?: number }).pwned);

  async function enable(name: 'alice' | 'bob' | 'carol', account: number): Promise<void> {
    const visitor = (v[name] = await suite.visit(name, suite.site.url({ account })));
    await visitor.openChat();
    await visitor.connect();
    await visitor.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await visitor.chat.locator('[part~="inbox"]').getByText('No conversations yet').waitFor({ timeout: 60_000 });
  }

  /** "Back to the conversation", with the keyboard (a member's badge card may cover it for the mouse). */
  async function back(who: Visitor): Promise<void> {
    const button = who.chat.getByRole('button', { name: 'Back to the conversation' });
    await button.focus();
    await button.press('Enter');
    await who.chat.locator('[part~="composer"]').waitFor({ timeout: 30_000 });
  }

  /** Opens the group from the visitor's inbox (allowing it first when it is a request). */
  async function openGroup(who: Visitor): Promise<void> {
    const requests = who.chat.getByRole('tab', { name: /^Requests \(\d+\)$/ });
    await until(`${who.name}’s group to arrive`, async () => (await requests.count()) > 0 || (await who.chat.locator('[role="option"]', { hasText: 'Team evil' }).count()) > 0, 60_000);
    if (await requests.count()) {
      await requests.click();
      await who.chat.getByRole('button', { name: `Allow ${SHOWN_NAME}` }).click();
      await who.chat.getByRole('tab', { name: 'Chats' }).click();
    }
    await who.chat.locator('[role="option"]', { hasText: 'Team evil' }).click();
    await who.chat.getByRole('button', { name: 'Group details' }).waitFor({ timeout: 30_000 });
  }

  test('three visitors enable chat on the site; each inbox is empty', async () => {
    await enable('alice', 1);
    await enable('bob', 2);
    await enable('carol', 3);
  });

  test('New group: the form is labelled (axe); a member not on XMTP and a non-https image are refused with a sentence, nothing created', async () => {
    const alice = v.alice;
    await alice.chat.getByRole('button', { name: 'New group' }).click();
    await alice.chat.getByRole('textbox', { name: 'Group name' }).fill(HOSTILE_NAME);
    const members = alice.chat.getByRole('textbox', { name: /^Members:/ });
    await members.fill(`bob.eth, ${NOBODY}`);
    assert.deepEqual(await alice.axe(), [], 'axe: the New group form');
    await alice.chat.getByRole('button', { name: 'Create group' }).click();
    await alice.chat.locator('[part~="group-error"]').getByText(/^0x0000…dEaD cannot receive XMTP messages yet: nothing was created\.$/).waitFor({ timeout: 30_000 });
    assert.ok((await alice.events()).some((e) => e.type === 'mask-error' && e.code === 'peer-not-reachable'));
    await members.fill('bob.eth');
    await alice.chat.getByRole('textbox', { name: 'Image URL (optional, https)' }).fill('javascript:alert(1)');
    await alice.chat.getByRole('button', { name: 'Create group' }).click();
    await alice.chat.locator('[part~="group-error"]').getByText('The image URL must start with https:// (javascript:alert(1)).').waitFor();
    assert.ok((await alice.events()).some((e) => e.type === 'mask-error' && e.code === 'group-invalid'));
    // Nothing was created: bob still has no conversation.
    assert.equal(await v.bob.chat.locator('[part~="inbox-row"]').count(), 0);
  });

  test('alice creates the group: it opens, its name is text, her line says she added bob.eth, and she writes', async () => {
    const alice = v.alice;
    await alice.chat.getByRole('textbox', { name: 'Image URL (optional, https)' }).fill('');
    await alice.chat.getByRole('textbox', { name: 'Description (optional)' }).fill(HOSTILE_DESCRIPTION);
    await alice.chat.getByRole('button', { name: 'Create group' }).click();
    await alice.chat.getByRole('button', { name: 'Group details' }).waitFor({ timeout: 60_000 });
    assert.equal(await alice.chat.locator('[part~="peer-name"]').innerText(), SHOWN_NAME);
    await waitLine(alice, 'You added bob.eth');
    // Before anyone writes in it, the new group is in bob's inbox (the engine streams new conversations).
    await until('the group in bob’s inbox before its first message', async () => (await v.bob.chat.getByRole('tab', { name: /^Requests \(1\)$/ }).count()) > 0, 60_000);
    await alice.send('hello group');
    await until('alice’s message sent', async () => (await alice.bubbles()).includes('hello group'), 30_000);
    assert.equal(await pwned(alice), undefined);
    assert.deepEqual(alice.errors, []);
  });

  test('bob, a plain member: the group arrives; the details show roles by verified name; add and remove are disabled with the reason (axe)', async () => {
    const bob = v.bob;
    await openGroup(bob);
    await until('bob to see alice’s message', async () => (await bob.bubbles()).includes('hello group'), 60_000);
    await waitLine(bob, 'alice.eth added you');
    await bob.chat.getByRole('button', { name: 'Group details' }).click();
    const details = bob.chat.locator('[part~="group-details"]');
    await details.waitFor({ timeout: 30_000 });
    // Remote text as text: the name (bidi override dropped) and the description; nothing runs.
    assert.equal(await details.locator('[part~="group-title"]').innerText(), SHOWN_NAME);
    assert.equal(await details.locator('[part~="group-description"]').innerText(), HOSTILE_DESCRIPTION);
    assert.equal(await details.locator('[part~="group-title"] *, [part~="group-description"] *').count(), 0, 'the name and description are text, no elements');
    assert.equal(await pwned(bob), undefined);
    // Roles, with each member's verified name.
    const member = (role: string) => details.locator(`[part~="group-member"][data-role="${role}"]`);
    await until('the members’ names', async () => (await member('super-admin').locator('mask-id-badge [part~="name"]').innerText().catch(() => '')) === 'alice.eth', 60_000);
    assert.match(await member('super-admin').locator('[part~="group-role"]').innerText(), /^Super admin$/);
    assert.match(await member('member').locator('[part~="group-role"]').innerText(), /^Member \(you\)$/);
    await until('bob’s own name', async () => (await member('member').locator('mask-id-badge [part~="name"]').innerText().catch(() => '')) === 'bob.eth', 30_000);
    // Under the admin-only rules a member may not add or remove: disabled, described by the reason in words.
    const add = details.getByRole('button', { name: 'Add member' });
    assert.equal(await add.isDisabled(), true);
    assert.equal(await add.getAttribute('aria-describedby'), 'group-add-reason');
    assert.equal(await details.locator('#group-add-reason').innerText(), 'Only the group’s admins can add members.');
    const remove = details.getByRole('button', { name: 'Remove alice.eth' });
    assert.equal(await remove.isDisabled(), true);
    assert.equal(await details.locator('#group-remove-reason').innerText(), 'Only the group’s admins can remove members.');
    assert.equal(await details.locator('#group-edit-reason').innerText(), 'Only the group’s admins can change its name and description.');
    assert.equal(await details.getByRole('button', { name: 'Leave group' }).isDisabled(), false);
    assert.deepEqual(await bob.axe(), [], 'axe: a member’s group details');
    await back(bob);
    assert.deepEqual(bob.errors, []);
  });

  test('alice, the super admin: adds carol.eth from the details; everyone sees the line', async () => {
    const alice = v.alice;
    await alice.chat.getByRole('button', { name: 'Group details' }).click();
    const details = alice.chat.locator('[part~="group-details"]');
    await details.waitFor({ timeout: 30_000 });
    assert.match(await details.locator('[part~="group-member"][data-role="super-admin"] [part~="group-role"]').innerText(), /^Super admin \(you\)$/);
    // The only super admin may not leave: disabled with the reason.
    assert.equal(await details.getByRole('button', { name: 'Leave group' }).isDisabled(), true);
    assert.match(await details.locator('#group-leave-reason').innerText(), /only super admin/);
    assert.deepEqual(await alice.axe(), [], 'axe: the super admin’s group details');
    await details.getByRole('textbox', { name: /^Add a member/ }).fill('carol.eth');
    await details.getByRole('button', { name: 'Add member' }).click();
    await until('carol in alice’s member list', async () => (await details.locator('[part~="group-member"]').count()) === 3, 60_000);
    await back(alice);
    await waitLine(alice, 'You added carol.eth');
    await waitLine(v.bob, 'alice.eth added carol.eth');
    // A group with no message yet reaches the inbox with its first message (the inbox follows the message stream).
    await alice.send('welcome carol');
    await openGroup(v.carol);
    await waitLine(v.carol, 'alice.eth added you');
  });

  test('carol leaves: alice’s app removes her, and alice and bob see “carol.eth left”', async () => {
    const carol = v.carol;
    await carol.chat.getByRole('button', { name: 'Group details' }).click();
    const details = carol.chat.locator('[part~="group-details"]');
    await details.getByRole('button', { name: 'Leave group' }).click();
    await until('carol’s leave to be acknowledged', async () => (await details.getByRole('button', { name: 'Leave group' }).isDisabled()) && /asked to leave|no longer a member/.test(await details.locator('#group-leave-reason').innerText().catch(() => '')), 30_000);
    await waitLine(v.alice, 'carol.eth left', 120_000);
    await waitLine(v.bob, 'carol.eth left', 60_000);
    assert.deepEqual(carol.errors, []);
  });

  test('alice removes bob: both see the line; bob’s details say he is no longer a member, every action disabled', async () => {
    const alice = v.alice;
    await alice.chat.getByRole('button', { name: 'Group details' }).click();
    const details = alice.chat.locator('[part~="group-details"]');
    await until('two members left', async () => (await details.locator('[part~="group-member"]').count()) === 2, 60_000);
    await details.getByRole('button', { name: 'Remove bob.eth' }).click();
    await until('bob removed from the list', async () => (await details.locator('[part~="group-member"]').count()) === 1, 60_000);
    await back(alice);
    await waitLine(alice, 'You removed bob.eth');
    const bob = v.bob;
    await waitLine(bob, 'alice.eth removed you');
    await bob.chat.getByRole('button', { name: 'Group details' }).click();
    const bobDetails = bob.chat.locator('[part~="group-details"]');
    await until('bob’s inactive details', async () => (await bobDetails.locator('#group-leave-reason').innerText().catch(() => '')) === 'You are no longer a member of this group.', 30_000);
    assert.equal(await bobDetails.getByRole('button', { name: 'Leave group' }).isDisabled(), true);
    assert.equal(await bobDetails.getByRole('button', { name: 'Add member' }).isDisabled(), true);
    assert.deepEqual(await bob.axe(), [], 'axe: details of a group the visitor was removed from');
    for (const who of Object.values(v)) {
      assert.equal(await pwned(who), undefined);
      assert.deepEqual(who.errors, [], `${who.name}: page errors`);
    }
  });
});
