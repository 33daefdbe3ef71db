import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { shortAddress } from '../../internal/address.js';
import { oneOf, text } from '../../internal/converters.js';
import { MaskElement } from '../../internal/mask-element.js';
import { CHAT_MODES, CHAT_POSITIONS, type ChatMode, type ChatPosition } from './mask-chat.types.js';

const BUBBLE_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>`;

/**
 * Wallet-to-wallet messaging over XMTP. As a launcher (default) it is a
 * floating bubble that opens a panel; inline it sits in the page flow.
 *
 * @summary Encrypted chat with an address, ENS name or Lens handle.
 * @csspart launcher - The floating bubble button.
 * @csspart panel - The conversation panel.
 * @csspart header - The panel's header.
 * @csspart account - "Connected as …".
 * @csspart connect-button - Shown while no wallet is connected.
 * @csspart error - The error sentence.
 * @cssproperty [--mask-chat-offset-x=20px] - Launcher distance from the side.
 * @cssproperty [--mask-chat-offset-y=20px] - Launcher distance from the bottom.
 * @cssproperty [--mask-chat-accent=var(--mask-color-accent)] - Launcher and send colour.
 * Like `<dialog>`, `open` is the boolean property and attribute, and `show()`,
 * `close()` and `toggle()` are the methods (a method named `open` would be
 * overwritten by frameworks that set `open` as a property).
 *
 * @cssstate open - The panel is open.
 * @cssstate connected - A wallet is connected.
 * @event mask-error - Something failed; `code` says what.
 */
export class MaskChat extends MaskElement {
  static override styles = [
    MaskElement.styles,
    css`
      @layer mask-widgets {
        :host {
          --_accent: var(--mask-chat-accent, var(--mask-color-accent, light-dark(#1c68f3, #6ea2ff)));
          --_x: var(--mask-chat-offset-x, 20px);
          --_y: var(--mask-chat-offset-y, 20px);
        }
        :host([mode='inline']) {
          display: block;
        }
        [part~='launcher'] {
          position: fixed;
          inset-block-end: var(--_y);
          inset-inline-end: var(--_x);
          width: 56px;
          height: 56px;
          border-radius: 50%;
          border: 0;
          background: var(--_accent);
          color: var(--_on-accent);
          box-shadow: 0 4px 16px rgb(0 0 0 / 20%);
          display: grid;
          place-items: center;
        }
        :host([position='left']) [part~='launcher'] {
          inset-inline-end: auto;
          inset-inline-start: var(--_x);
        }
        [part~='panel'] {
          background: var(--_surface);
          border: 1px solid var(--_border);
          border-radius: var(--_radius);
          padding: var(--_space-4);
        }
        :host(:not([mode='inline'])) [part~='panel'] {
          position: fixed;
          inset-block-end: calc(var(--_y) + 68px);
          inset-inline-end: var(--_x);
          width: min(380px, calc(100vw - 2 * var(--_x)));
          box-shadow: 0 8px 32px rgb(0 0 0 / 20%);
        }
        :host([position='left']:not([mode='inline'])) [part~='panel'] {
          inset-inline-end: auto;
          inset-inline-start: var(--_x);
        }
        [part~='header'] {
          margin: 0 0 var(--_space-3);
          font-size: 1rem;
        }
        [part~='account'],
        .note {
          color: var(--_muted);
          font-size: 0.875em;
        }
      }
    `,
  ];

  /** Who to talk to: address, ENS name or Lens handle. */
  @property({ converter: text }) accessor peer = '';
  /** `launcher` (floating bubble) or `inline`. */
  @property({ reflect: true, converter: oneOf(CHAT_MODES, 'launcher') }) accessor mode: ChatMode = 'launcher';
  /** Launcher side: `right` or `left`. */
  @property({ reflect: true, converter: oneOf(CHAT_POSITIONS, 'right') }) accessor position: ChatPosition = 'right';
  /** Whether the panel is open (always open inline). */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  /** Opens the panel. */
  show(): void {
    this.open = true;
  }
  /** Closes the panel. */
  close(): void {
    this.open = false;
  }
  /** Opens or closes the panel. */
  toggle(): void {
    this.open = !this.open;
  }

  override willUpdate(): void {
    this.setState('open', this.open || this.mode === 'inline');
    this.setState('connected', this.kit.wallet.status === 'connected');
  }

  override render() {
    const inline = this.mode === 'inline';
    const account = this.kit.wallet.account;
    const panel = html`<section part="panel" role=${inline ? 'region' : 'dialog'} aria-labelledby="title" ?hidden=${!inline && !this.open}>
      <h2 part="header" id="title">${this.t('chat.title')}</h2>
      ${account
        ? html`<p part="account">${this.t('wallet.connectedAs', { account: shortAddress(account) })}</p>
            <p class="note">${this.t('chat.comingSoon')}</p>`
        : html`<button class="primary" part="connect-button" @click=${() => this.connectWallet()}>${this.t('wallet.connect')}</button>`}
      ${this.renderError()}
    </section>`;
    if (inline) return panel;
    return html`${panel}
      <button part="launcher" aria-expanded=${this.open ? 'true' : 'false'} aria-label=${this.open ? this.t('chat.close') : this.t('chat.open')} @click=${() => this.toggle()}>
        ${BUBBLE_ICON}
      </button>`;
  }
}
