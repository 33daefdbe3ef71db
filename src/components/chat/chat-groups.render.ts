/**
 * The group views' templates (`chat-groups.ts` holds the state): the "New group" form and a group's
 * details. An action the group's rules refuse is a disabled control described by its reason
 * (`aria-describedby`), in words under it. Names, descriptions and URLs are remote text, set as text;
 * members are shown with the kit's `<mask-id-badge>` (verified name, else short address).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import '../id-badge/define.js';
import type { Address } from '../../internal/address.js';
import { stripBidiControls } from '../../internal/text.js';
import type { GroupDetails, GroupRole } from '../../messaging/types.js';
import type { GroupAction } from './chat-group-rules.js';
import type { ChatT } from './chat.messages.js';

type Member = GroupDetails['members'][number];

/** What the templates read from the group views (`chat-groups.ts`), and what they may ask of them. */
export interface GroupsView {
  readonly busy: boolean;
  readonly error: string;
  readonly announcement: string;
  readonly name: string;
  readonly members: string;
  readonly description: string;
  readonly image: string;
  readonly group: GroupDetails | null;
  readonly loadError: string;
  readonly addValue: string;
  readonly editName: string;
  readonly editDescription: string;
  /** The visitor's inbox id. */
  readonly me: string;
  /** The group's image when it may be shown (https only). */
  readonly imageUrl: string | null;
  /** Why the rules refuse `action` (in words), or ''. */
  reason(action: GroupAction, target?: { role: GroupRole }): string;
  memberLabel(member: Member): string;
  memberAddress(member: Member): Address | null;
  readonly onField: (event: Event) => void;
  create(): Promise<void>;
  close(): void;
  reload(): Promise<void>;
  save(): Promise<void>;
  add(): Promise<void>;
  remove(member: Member): Promise<void>;
  leave(): Promise<void>;
}

const submit = (run: () => void) => (event: Event) => {
  event.preventDefault();
  run();
};

export function renderNewGroup(g: GroupsView, t: ChatT): TemplateResult {
  return html`<form part="group-form" class="group-form group-view" aria-labelledby="group-form-title" @submit=${submit(() => void g.create())}>
    <h3 id="group-form-title">${t('chat.groups.newTitle')}</h3>
    <label for="group-name">${t('chat.groups.name')}</label>
    <input id="group-name" part="group-name-input" data-field="name" autocomplete="off" maxlength="100" .value=${live(g.name)} @input=${g.onField} ?disabled=${g.busy} aria-describedby="group-error" />
    <label for="group-members">${t('chat.groups.members')}</label>
    <textarea id="group-members" part="group-members-input" data-field="members" rows="2" spellcheck="false" .value=${live(g.members)} @input=${g.onField} ?disabled=${g.busy} aria-describedby="group-error"></textarea>
    <label for="group-description">${t('chat.groups.description')}</label>
    <textarea id="group-description" part="group-description-input" data-field="description" rows="2" maxlength="1000" .value=${live(g.description)} @input=${g.onField} ?disabled=${g.busy}></textarea>
    <label for="group-image">${t('chat.groups.image')}</label>
    <input id="group-image" part="group-image-input" data-field="image" inputmode="url" autocomplete="off" spellcheck="false" .value=${live(g.image)} @input=${g.onField} ?disabled=${g.busy} aria-describedby="group-error" />
    <p id="group-error" part="group-error" class="note" role="status" .textContent=${g.error}></p>
    <div class="group-actions">
      <button class="primary" part="group-create" type="submit" ?disabled=${g.busy}>${g.busy ? t('chat.groups.creating') : t('chat.groups.create')}</button>
      <button class="secondary" part="group-cancel" type="button" @click=${() => g.close()}>${t('chat.groups.cancel')}</button>
    </div>
  </form>`;
}

/** A reason under a disabled control (its `aria-describedby`), or nothing. */
const reasonLine = (id: string, reason: string) => (reason ? html`<p id=${id} part="group-reason" class="note reason" .textContent=${reason}></p>` : nothing);

export function renderGroupDetails(g: GroupsView, t: ChatT): TemplateResult {
  const group = g.group;
  const back = html`<button part="group-back" class="link back" type="button" @click=${() => g.close()}>${t('chat.groups.back')}</button>`;
  if (!group) {
    return html`${back}<div class="center" part="group-state">${g.loadError
      ? html`<p .textContent=${g.loadError}></p><button class="secondary" type="button" @click=${() => void g.reload()}>${t('chat.inbox.retry')}</button>`
      : html`<p role="status">${t('chat.groups.loading')}</p>`}</div>`;
  }
  const me = g.me;
  const image = g.imageUrl;
  const addReason = g.reason('add');
  const removeReason = g.reason('remove');
  const superReason = removeReason ? '' : g.reason('remove', { role: 'super-admin' });
  const editReason = g.reason('edit');
  const leaveReason = g.reason('leave');
  const name = stripBidiControls(group.name).trim();
  const description = stripBidiControls(group.description).trim();
  return html`${back}<section part="group-details" class="group-details group-view" aria-labelledby="group-title">
    <div class="group-head">
      ${image ? html`<img part="group-image" class="group-image" src=${image} alt="" loading="lazy" referrerpolicy="no-referrer" />` : html`<span class="avatar" aria-hidden="true"><span class="group-mark">#</span></span>`}
      <h3 id="group-title" part="group-title" tabindex="-1" dir="auto">${name || t('chat.inbox.group')}</h3>
    </div>
    <p part="group-description" class="group-description" dir="auto" .textContent=${description || t('chat.groups.noDescription')}></p>
    <form part="group-edit" class="group-form" @submit=${submit(() => void g.save())}>
      <fieldset ?disabled=${!!editReason || g.busy} aria-describedby=${editReason ? 'group-edit-reason' : nothing}>
        <label for="group-edit-name">${t('chat.groups.name')}</label>
        <input id="group-edit-name" part="group-edit-name" data-field="editName" autocomplete="off" maxlength="100" .value=${live(g.editName)} @input=${g.onField} />
        <label for="group-edit-description">${t('chat.groups.description')}</label>
        <textarea id="group-edit-description" part="group-edit-description" data-field="editDescription" rows="2" maxlength="1000" .value=${live(g.editDescription)} @input=${g.onField}></textarea>
        <button class="secondary" part="group-save" type="submit">${t('chat.groups.edit')}</button>
      </fieldset>
      ${reasonLine('group-edit-reason', editReason)}
    </form>
    <h4 id="group-members-title">${t('chat.groups.membersTitle', { count: group.members.length })}</h4>
    <ul part="group-members" class="plain group-members" aria-labelledby="group-members-title">
      ${group.members.map((member) => {
        const address = g.memberAddress(member);
        const self = member.inboxId === me;
        const rowReason = removeReason ? 'group-remove-reason' : member.role === 'super-admin' && superReason ? 'group-super-reason' : '';
        return html`<li part="group-member" class="group-member" data-inbox=${member.inboxId} data-role=${member.role}>
          ${address ? html`<mask-id-badge address=${address} size="sm" loading="eager"></mask-id-badge>` : html`<code .textContent=${g.memberLabel(member)}></code>`}
          <span part="group-role" class="role">${t(`chat.groups.role.${member.role}` as const)}${self ? html` ${t('chat.groups.isYou')}` : nothing}</span>
          ${self
            ? nothing
            : html`<button class="link" part="group-remove" type="button" aria-label=${t('chat.groups.removeName', { name: g.memberLabel(member) })} aria-describedby=${rowReason || nothing} ?disabled=${!!rowReason || g.busy} @click=${() => void g.remove(member)}>${t('chat.groups.remove')}</button>`}
        </li>`;
      })}
    </ul>
    ${reasonLine('group-remove-reason', removeReason)}${group.members.some((m) => m.role === 'super-admin' && m.inboxId !== me) ? reasonLine('group-super-reason', superReason) : nothing}
    <form part="group-add" class="group-form" @submit=${submit(() => void g.add())}>
      <label for="group-add-input">${t('chat.groups.addLabel')}</label>
      <div class="new-row">
        <input id="group-add-input" part="group-add-input" data-field="addValue" autocomplete="off" spellcheck="false" .value=${live(g.addValue)} @input=${g.onField} ?disabled=${!!addReason || g.busy} aria-describedby=${addReason ? 'group-add-reason' : 'group-error'} />
        <button class="primary" part="group-add-button" type="submit" ?disabled=${!!addReason || g.busy} aria-describedby=${addReason ? 'group-add-reason' : nothing}>${t('chat.groups.add')}</button>
      </div>
      ${reasonLine('group-add-reason', addReason)}
    </form>
    <button class="secondary" part="group-leave" type="button" ?disabled=${!!leaveReason || g.busy} aria-describedby=${leaveReason ? 'group-leave-reason' : nothing} @click=${() => void g.leave()}>${t('chat.groups.leave')}</button>
    ${reasonLine('group-leave-reason', leaveReason)}
    <p id="group-error" part="group-error" class="note" role="status" .textContent=${g.error}></p>
    <p class="visually-hidden" aria-live="polite" .textContent=${g.announcement}></p>
  </section>`;
}
