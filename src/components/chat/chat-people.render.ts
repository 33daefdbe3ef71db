/**
 * The conversation's header (who the chat is with) and a group message's
 * sender line. The header reuses `<mask-id-badge>` in the chat's shadow root:
 * avatar, verified name, short address with copy, and the badge's card on
 * click. Part of the chat's lazy chunk; names are remote text, set as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import '../id-badge/define.js';
import { identicon } from '../../internal/identicon.js';
import type { Address } from '../../internal/address.js';
import type { Sender } from './chat-people.js';

/** The peer of a DM (their badge), or a group's name with its "Group details" button. */
export function renderPeerBar(peer: { address: Address | null; label: string; group: boolean }, details?: { label: string; open: () => void }): TemplateResult | typeof nothing {
  if (peer.group)
    return html`<div part="peer" class="peer"><span part="inbox-avatar" class="avatar small" aria-hidden="true"><span class="group-mark">#</span></span><span part="peer-name" class="peer-name" .textContent=${peer.label}></span>${details
      ? html`<button part="group-details-button" class="link" type="button" @click=${details.open}>${details.label}</button>`
      : nothing}</div>`;
  if (!peer.address) return nothing;
  return html`<div part="peer" class="peer"><mask-id-badge part="peer-badge" address=${peer.address} size="sm" loading="eager"></mask-id-badge></div>`;
}

/** The first message of a run from one sender in a group: their avatar and name. */
export function renderSender(sender: Sender): TemplateResult {
  return html`<p part="sender" class="sender"><span class="avatar small" aria-hidden="true">${sender.avatar
    ? html`<img src=${sender.avatar} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : sender.address
      ? identicon(sender.address)
      : nothing}</span><span class="sender-name" .textContent=${sender.label}></span></p>`;
}
