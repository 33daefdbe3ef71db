/**
 * What a group lets the visitor do, and how its changes read: pure functions of the engine's plain
 * data (`GroupDetails`, `GroupUpdate`), unit-tested without a browser. The details view shows an
 * action the rules refuse as disabled, with the reason from `refusal`, and never attempts it.
 */
import type { GroupDetails, GroupPolicy, GroupRole, GroupUpdate } from '../../messaging/types.js';
import type { ChatT } from './chat.messages.js';

export type GroupAction = 'add' | 'remove' | 'edit' | 'leave';
type Refusal = Parameters<ChatT>[0] & `chat.groups.reason.${string}`;

/** Whether a member with `role` passes `policy`. */
export function allows(policy: GroupPolicy, role: GroupRole): boolean {
  if (policy === 'everyone') return true;
  if (policy === 'admins') return role === 'admin' || role === 'super-admin';
  if (policy === 'super-admins') return role === 'super-admin';
  return false;
}

const POLICY_WORD: Record<Exclude<GroupPolicy, 'everyone'>, 'Admins' | 'SuperAdmins' | 'Nobody'> = { admins: 'Admins', 'super-admins': 'SuperAdmins', nobody: 'Nobody' };

function byPolicy(action: 'add' | 'remove' | 'edit', policy: GroupPolicy, role: GroupRole): Refusal | null {
  if (allows(policy, role)) return null;
  return `chat.groups.reason.${action}${POLICY_WORD[policy as Exclude<GroupPolicy, 'everyone'>]}` as Refusal;
}

/**
 * Why the visitor may not do `action` in the group (a message key), or null when the rules let them.
 * `target` is the member a removal is about.
 */
export function refusal(group: GroupDetails, action: GroupAction, target?: { role: GroupRole }): Refusal | null {
  if (!group.active) return 'chat.groups.reason.inactive';
  const role = group.role;
  switch (action) {
    case 'add':
      return byPolicy('add', group.policies.addMember, role);
    case 'remove':
      if (target?.role === 'super-admin' && role !== 'super-admin') return 'chat.groups.reason.removeSuperAdmin';
      return byPolicy('remove', group.policies.removeMember, role);
    case 'edit':
      return byPolicy('edit', group.policies.updateName, role) ?? byPolicy('edit', group.policies.updateDescription, role);
    case 'leave':
      if (group.leaving) return 'chat.groups.reason.leaving';
      if (role === 'super-admin' && group.members.filter((m) => m.role === 'super-admin').length <= 1) return 'chat.groups.reason.leaveSuperAdmin';
      return null;
  }
}

/** A group image's URL when it may be shown: a plain https URL (what a member sets is remote text). */
export function safeImageUrl(url: string | null | undefined): string | null {
  if (!url || url.length > 2048 || !/^https:\/\/[^\s"'<>\\]+$/i.test(url)) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Most members the form takes at once. */
export const MAX_NEW_MEMBERS = 20;

/** The members typed in a form: split at commas, semicolons and white space, each once (case-insensitively). */
export function parseMembers(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const value = part.trim();
    if (value && !seen.has(value.toLowerCase())) {
      seen.add(value.toLowerCase());
      out.push(value);
    }
  }
  return out;
}

/** Longest group name a line quotes. */
const MAX_LINE_NAME = 80;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A remote name as a line quotes it: one line, no direction overrides, capped. */
export function quoteName(text: string): string {
  const clean = text.replace(/\s+/g, ' ').replace(CONTROLS, '').trim();
  return clean.length > MAX_LINE_NAME ? `${clean.slice(0, MAX_LINE_NAME - 1)}…` : clean;
}

/**
 * The sentences of one group change, in order: who was added, removed, who left, what was renamed.
 * `me` is the visitor's inbox ("You" as the one who acted, "you" when added or removed); `nameOf`
 * names any other inbox (a verified name, else a short address); `list` joins names in the chat's
 * language.
 */
export function updateLines(update: GroupUpdate, t: ChatT, me: string | undefined, nameOf: (inboxId: string) => string, list: (names: string[]) => string): string[] {
  const who = (inbox: string) => (inbox === me ? t('chat.group.you') : nameOf(inbox));
  const actor = update.by ? who(update.by) : t('chat.group.someone');
  const lines: string[] = [];
  const others = (ids: string[]) => ids.filter((id) => id !== me);
  const names = (ids: string[]) => list(ids.map(who));
  for (const [ids, key, keyYou] of [
    [update.added, 'chat.group.line.added', 'chat.group.line.addedYou'],
    [update.removed, 'chat.group.line.removed', 'chat.group.line.removedYou'],
  ] as const) {
    if (me && ids.includes(me) && update.by !== me) lines.push(t(keyYou, { actor }));
    const rest = update.by !== me && me ? others(ids) : ids;
    if (rest.length) lines.push(t(key, { actor, names: names(rest) }));
  }
  if (update.left.length) lines.push(t('chat.group.line.left', { names: names(update.left) }));
  for (const change of update.changes) {
    if (change.field === 'name') lines.push(change.value ? t('chat.group.line.renamed', { actor, name: quoteName(change.value) }) : t('chat.group.line.unnamed', { actor }));
    else if (change.field === 'description') lines.push(t('chat.group.line.described', { actor }));
    else lines.push(t('chat.group.line.image', { actor }));
  }
  return lines;
}
