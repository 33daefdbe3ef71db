import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { shortAddress } from '../../internal/address.js';
import { text } from '../../internal/converters.js';
import { MaskElement } from '../../internal/mask-element.js';

/**
 * A tip button. Activating it connects the shared wallet when needed.
 *
 * @summary Tip an address, ENS name or Lens handle.
 * @csspart base - The wrapper.
 * @csspart button - The tip button.
 * @csspart account - "Connected as …", once a wallet is connected.
 * @csspart error - The error sentence.
 * @cssproperty [--mask-tip-accent=var(--mask-color-accent)] - Button colour.
 * @cssstate connected - A wallet is connected.
 * @cssstate connecting - The connect flow is open.
 * @cssstate error - The last action failed.
 * @event mask-error - Something failed; `code` says what.
 */
export class MaskTip extends MaskElement {
  static override styles = [
    MaskElement.styles,
    css`
      @layer mask-widgets {
        :host {
          display: inline-block;
          --_accent: var(--mask-tip-accent, var(--mask-color-accent, light-dark(#1c68f3, #6ea2ff)));
        }
        [part~='account'] {
          display: block;
          color: var(--_muted);
          font-size: 0.875em;
          margin-top: var(--_space-1);
        }
      }
    `,
  ];

  /** Recipient: address, ENS name or Lens handle. */
  @property({ converter: text }) accessor to = '';
  /** The button's text. */
  @property({ converter: text }) accessor label = '';

  override willUpdate(): void {
    this.setState('connected', this.kit.wallet.status === 'connected');
  }

  override render() {
    const account = this.kit.wallet.account;
    return html`<span part="base">
      <button class="primary" part="button" @click=${this.#onClick}>${this.label || this.t('tip.label')}</button>
      ${account ? html`<span part="account">${this.t('wallet.connectedAs', { account: shortAddress(account) })}</span>` : nothing}
      ${this.renderError()}
    </span>`;
  }

  #onClick = async (): Promise<void> => {
    this.setState('connecting', true);
    await this.connectWallet();
    this.setState('connecting', false);
  };
}
