/**
 * Groups in `<mask-chat>`: the "New group" form (from the inbox) and a group's details (from the
 * conversation's header): name, description, image, members with their roles, add, remove, leave,
 * and the name and description when the rules allow. Its own lazy chunk (with its templates and
 * strings), loaded by the chat's controller the first time one of these views opens.
 *
 * Every member typed in is resolved with the kit's identity service (address, ENS name or Lens
 * handle) and checked reachable on XMTP before anything is created or added. What the group's rules
 * (`chat-group-rules.ts`) refuse the visitor is shown disabled with the reason in words and never
 * attempted. Every name, description and URL a member set is remote text: rendered as text, and an
 * image only from a plain https URL.
 */
import type { TemplateResult } from 'lit';
import type { Kit } from '../../context/kit.js';
import type { MaskErrorCode } from '../../events/error-codes.js';
import { shortAddress, toChecksumAddress, type Address } from '../../internal/address.js';
import { KitError, sentence } from '../../internal/errors.js';
import { addMessages } from '../../internal/i18n.js';
import { ellipsize, stripBidiControls } from '../../internal/text.js';
import type { Messaging } from '../../messaging/messaging.js';
import { isEngineError, type ConversationSummary, type GroupDetails } from '../../messaging/types.js';
import { MAX_NEW_MEMBERS, parseMembers, refusal, safeImageUrl, type GroupAction } from './chat-group-rules.js';
import { groupMessages } from './chat-groups.messages.js';
import { renderGroupDetails, renderNewGroup, type GroupsView } from './chat-groups.render.js';
import type { ChatT } from './chat.messages.js';

addMessages('en', groupMessages as unknown as Parameters<typeof addMessages>[1]);

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** Longest group name and description the form sends (XMTP's own limits are larger). */
export const MAX_GROUP_NAME = 100;
export const MAX_GROUP_DESCRIPTION = 1000;

/** What the group views need from the chat's controller. */
export interface GroupsHost {
  readonly kit: Kit;
  readonly t: ChatT;
  readonly lang: string;
  messaging(): Messaging | null;
  update(): void;
  fail(code: MaskErrorCode, message: string, cause?: unknown): void;
  clearError(): void;
  root(): ShadowRoot | null;
  /** A member's name as the chat shows it: verified name, else short address. */
  label(address: Address): string;
  /** Leaves the view (back to the conversation, or to the list from the form). */
  close(): void;
  /** A group was created: list it and open it. */
  created(row: ConversationSummary): void;
  /** The group shown changed (members, name, description): the conversation reads it again. */
  changed(id: string, group: GroupDetails): void;
}

/** A member typed in, resolved: their address and how to name them. */
interface Resolved {
  address: Address;
  label: string;
}

export class ChatGroups implements GroupsView {
  mode: 'new' | 'details' = 'new';
  busy = false;
  /** The sentence of the last failure, shown in the view (also sent as `mask-error`). */
  error = '';
  /** Said politely to screen readers (a member added or removed, saved). */
  announcement = '';
  // The form.
  name = '';
  members = '';
  description = '';
  image = '';
  // The details.
  groupId = '';
  group: GroupDetails | null = null;
  loadError = '';
  addValue = '';
  editName = '';
  editDescription = '';
  readonly #host: GroupsHost;
  #generation = 0;

  constructor(host: GroupsHost) {
    this.#host = host;
  }

  get t(): ChatT {
    return this.#host.t;
  }

  close(): void {
    this.#host.close();
  }

  render(): TemplateResult {
    return this.mode === 'new' ? renderNewGroup(this, this.#host.t) : renderGroupDetails(this, this.#host.t);
  }

  /** Why the visitor may not do `action` (in words), or '' when the group's rules let them. */
  reason(action: GroupAction, target?: { role: GroupDetails['role'] }): string {
    const key = this.group ? refusal(this.group, action, target) : null;
    return key ? this.#host.t(key) : '';
  }

  /** A member's name: "verified name", else the short address (a member without one: a short inbox id). */
  memberLabel(member: GroupDetails['members'][number]): string {
    const address = toChecksumAddress(member.addresses[0] ?? '');
    return address ? this.#host.label(address) : `${member.inboxId.slice(0, 8)}…`;
  }

  memberAddress(member: GroupDetails['members'][number]): Address | null {
    return toChecksumAddress(member.addresses[0] ?? '');
  }

  get me(): string {
    return this.#host.messaging()?.engine?.inboxId ?? '';
  }

  /** The group's image, when it may be shown (https only). */
  get imageUrl(): string | null {
    return safeImageUrl(this.group?.imageUrl);
  }

  #focus(selector: string): void {
    void Promise.resolve().then(() => (this.#host.root()?.querySelector(selector) as HTMLElement | null)?.focus());
  }

  // ------------------------------------------------------------------ the form

  startNew(): void {
    this.mode = 'new';
    this.error = '';
    this.busy = false;
    this.#host.update();
    this.#focus('#group-name');
  }

  readonly onField = (event: Event): void => {
    const el = event.target as HTMLInputElement | HTMLTextAreaElement;
    const field = el.dataset.field as 'name' | 'members' | 'description' | 'image' | 'addValue' | 'editName' | 'editDescription';
    this[field] = el.value;
  };

  #say(code: MaskErrorCode, message: string, cause?: unknown): void {
    this.error = message;
    this.#host.fail(code, message, cause);
  }

  /** A failure as its sentence and code: the kit's own, a refusal of the rules, the network, or else unknown. */
  #failed(error: unknown): void {
    const t = this.#host.t;
    if (error instanceof KitError) {
      this.#say(error.code, error.sentence ? sentence(error.sentence, this.#host.lang) : error.message, error);
      return;
    }
    const detail = String((error as Error)?.message ?? error).slice(0, 200);
    if (/permission|not allowed|unauthori[sz]ed|policy|insufficient/i.test(detail)) this.#say('group-not-permitted', t('chat.groups.notPermitted', { detail }), error);
    else if (isEngineError(error) && error.code !== 'unknown') this.#say(error.code, t('chat.groups.failed', { detail }), error);
    else this.#say('unknown', t('chat.groups.failed', { detail }), error);
  }

  /** An address, ENS name or Lens handle as an address and a name to show; throws a `KitError` with its sentence. */
  async #resolve(given: string): Promise<Resolved> {
    const t = this.#host.t;
    const invalid = () => new KitError('invalid-address', t('error.invalidAddress', { value: ellipsize(stripBidiControls(given), 64) }));
    if (ADDRESS.test(given)) {
      const address = toChecksumAddress(given);
      if (!address) throw invalid();
      return { address, label: this.#host.label(address) };
    }
    if (given.startsWith('0x')) throw invalid();
    const identity = await this.#host.kit.identity();
    const resolved = await identity.resolveName(given);
    if (!resolved.address) throw invalid();
    identity.noteShown(resolved.name, resolved.address);
    return { address: resolved.address, label: resolved.name.replace(/^lens\//, '@') };
  }

  /** Resolves every member and checks each can receive XMTP messages; null (and the sentence said) when one cannot. */
  async #reachable(given: string[], messaging: Messaging): Promise<Resolved[] | null> {
    const t = this.#host.t;
    const resolved: Resolved[] = [];
    for (const r of await Promise.all(given.map((g) => this.#resolve(g)))) {
      if (r.address.toLowerCase() === messaging.account) {
        this.#say('invalid-recipient', t('chat.groups.self'));
        return null;
      }
      if (!resolved.some((x) => x.address === r.address)) resolved.push(r);
    }
    const reach = await Promise.all(resolved.map((r) => messaging.canMessage(r.address)));
    const unreachable = resolved.filter((_, i) => !reach[i]);
    if (unreachable.length) {
      const names = new Intl.ListFormat(this.#host.lang, { type: 'conjunction' }).format(unreachable.map((r) => r.label || shortAddress(r.address)));
      this.#say('peer-not-reachable', t('chat.groups.notReachable', { names }));
      return null;
    }
    return resolved;
  }

  /** "Create group": checks the form, resolves and checks every member, then creates the group and opens it. */
  async create(): Promise<void> {
    const messaging = this.#host.messaging();
    const engine = messaging?.engine;
    if (!messaging || !engine || this.busy) return;
    const t = this.#host.t;
    this.error = '';
    const name = this.name.trim();
    const given = parseMembers(this.members);
    const image = this.image.trim();
    if (!name) this.#say('group-invalid', t('chat.groups.noName'));
    else if (!given.length) this.#say('group-invalid', t('chat.groups.noMembers'));
    else if (given.length > MAX_NEW_MEMBERS) this.#say('group-invalid', t('chat.groups.tooMany', { max: MAX_NEW_MEMBERS }));
    else if (image && !safeImageUrl(image)) this.#say('group-invalid', t('chat.groups.badImage', { value: ellipsize(stripBidiControls(image), 64) }));
    if (this.error) {
      this.#host.update();
      return;
    }
    this.busy = true;
    this.#host.update();
    try {
      const members = await this.#reachable(given, messaging);
      if (!members) return;
      const description = this.description.trim();
      const row = await engine.createGroup({
        name: name.slice(0, MAX_GROUP_NAME),
        members: members.map((m) => m.address.toLowerCase()),
        ...(description ? { description: description.slice(0, MAX_GROUP_DESCRIPTION) } : {}),
        ...(image ? { imageUrl: image } : {}),
      });
      this.name = this.members = this.description = this.image = '';
      this.#host.clearError();
      this.#host.created(row);
    } catch (error) {
      this.#failed(error);
    } finally {
      this.busy = false;
      this.#host.update();
    }
  }

  // ------------------------------------------------------------------ the details

  /** Shows the details of the group `id`, read from the engine. */
  async showDetails(id: string): Promise<void> {
    this.mode = 'details';
    if (this.groupId !== id) {
      this.group = null;
      this.addValue = '';
    }
    this.groupId = id;
    this.error = '';
    this.loadError = '';
    this.announcement = '';
    await this.reload();
    this.#focus('#group-title');
  }

  /** Reads the group again (after a change here, or a membership line from elsewhere). */
  async reload(): Promise<void> {
    const engine = this.#host.messaging()?.engine;
    const id = this.groupId;
    if (!engine || !id) return;
    const generation = ++this.#generation;
    this.#host.update();
    try {
      const group = await engine.groupDetails(id);
      if (generation !== this.#generation || id !== this.groupId) return;
      const first = !this.group;
      this.group = group;
      if (first || !this.busy) {
        this.editName = group.name;
        this.editDescription = group.description;
      }
      this.loadError = '';
    } catch (error) {
      if (generation !== this.#generation) return;
      const detail = String((error as Error)?.message ?? error).slice(0, 200);
      this.loadError = this.#host.t('chat.groups.loadFailed', { detail });
      this.#host.fail(isEngineError(error) && error.code !== 'unknown' ? error.code : 'unknown', this.loadError, error);
    }
    this.#host.update();
  }

  /** Runs a change the rules allow (checked first: a refused one is never attempted), then reads the group again. */
  async #change(action: GroupAction, work: () => Promise<string | null>, target?: { role: GroupDetails['role'] }): Promise<void> {
    const group = this.group;
    if (!group || this.busy || refusal(group, action, target)) return;
    this.busy = true;
    this.error = '';
    this.#host.update();
    try {
      const said = await work();
      if (said !== null) {
        this.announcement = said;
        this.#host.clearError();
        await this.reload();
        if (this.group) this.#host.changed(group.id, this.group);
      }
    } catch (error) {
      this.#failed(error);
    } finally {
      this.busy = false;
      this.#host.update();
    }
  }

  /** "Add member": resolved and checked reachable first. */
  add(): Promise<void> {
    return this.#change('add', async () => {
      const messaging = this.#host.messaging();
      const given = parseMembers(this.addValue);
      if (!messaging?.engine) return null;
      if (!given.length) {
        this.#say('group-invalid', this.#host.t('chat.groups.noMembers'));
        return null;
      }
      const members = await this.#reachable(given, messaging);
      if (!members) return null;
      await messaging.engine.addMembers(this.groupId, members.map((m) => m.address.toLowerCase()));
      this.addValue = '';
      const names = new Intl.ListFormat(this.#host.lang, { type: 'conjunction' }).format(members.map((m) => m.label));
      return this.#host.t('chat.groups.added', { name: names });
    });
  }

  remove(member: GroupDetails['members'][number]): Promise<void> {
    return this.#change(
      'remove',
      async () => {
        const engine = this.#host.messaging()?.engine;
        if (!engine) return null;
        await engine.removeMembers(this.groupId, [member.inboxId]);
        return this.#host.t('chat.groups.removed', { name: this.memberLabel(member) });
      },
      member,
    );
  }

  leave(): Promise<void> {
    return this.#change('leave', async () => {
      const engine = this.#host.messaging()?.engine;
      if (!engine) return null;
      await engine.leaveGroup(this.groupId);
      return this.#host.t('chat.groups.leaving');
    });
  }

  /** "Save name and description": only what changed. */
  save(): Promise<void> {
    return this.#change('edit', async () => {
      const engine = this.#host.messaging()?.engine;
      const group = this.group;
      if (!engine || !group) return null;
      const name = this.editName.trim().slice(0, MAX_GROUP_NAME);
      const description = this.editDescription.trim().slice(0, MAX_GROUP_DESCRIPTION);
      if (!name) {
        this.#say('group-invalid', this.#host.t('chat.groups.noName'));
        return null;
      }
      const changes = { ...(name !== group.name ? { name } : {}), ...(description !== group.description ? { description } : {}) };
      if (Object.keys(changes).length) await engine.updateGroup(this.groupId, changes);
      return this.#host.t('chat.groups.saved');
    });
  }
}
