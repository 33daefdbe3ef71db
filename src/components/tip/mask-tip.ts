import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { shortAddress } from '../../internal/address.js';
import { text } from '../../internal/converters.js';
import type { MessageKey } from '../../internal/i18n.js';
import { MaskElement } from '../base/mask-element.js';
import type { TipPanel } from './tip-panel.js';

type PanelModule = typeof import('./tip-panel.js');
let panelModule: Promise<PanelModule> | undefined;
/** The panel, the lifecycle and (in the background) the chain work load on first interaction. */
function loadPanel(): Promise<PanelModule> {
  panelModule ??= import('./tip-panel.js').catch((error) => {
    panelModule = undefined;
    throw error;
  });
  return panelModule;
}

/**
 * A tip button. Activating it opens a panel to tip the recipient in the
 * native coin or an ERC-20 token, with every check done before the wallet is
 * asked to sign. Only the button is in the page's first download: the panel
 * and the transaction logic load on first interaction (prefetched on hover
 * and focus).
 *
 * Until the kit's script has run the browser gives the element no size; the
 * `:not(:defined)` rules in the Getting started guide ("No layout shift")
 * reserve the button's height (its label sets the width).
 *
 * @summary Tip an address, ENS name or Lens handle.
 * @csspart base - The wrapper.
 * @csspart button - The tip button.
 * @csspart account - "Connected as …", once a wallet is connected.
 * @csspart panel - The tip panel (a `<dialog>` shown as a popover in the top layer).
 * @csspart header - The panel's title row.
 * @csspart close-button - Closes the panel.
 * @csspart recipient - The recipient: badge, full checksummed address, how the name resolved.
 * @csspart recipient-badge - The recipient's `<mask-id-badge>` (its `base` part).
 * @csspart recipient-address - The full checksummed address.
 * @csspart recipient-warning - A warning about the recipient (a name it falsely claims, a name that reads like another one on the page).
 * @csspart lookalike-warning - The warning, before the send button, that the recipient's name reads like another name shown on the page (`a1ice.eth` beside `alice.eth`) that belongs to a different address. Sending stays possible.
 * @csspart amount - The amount fieldset.
 * @csspart preset - A preset amount button.
 * @csspart amount-input - The custom amount field.
 * @csspart amount-error - Why the typed amount is not valid.
 * @csspart note - The optional note field.
 * @csspart summary - Amount, network fee and total.
 * @csspart summary-amount - The exact amount, formatted from base units.
 * @csspart status - The current state in words (a live region).
 * @csspart transaction - The transaction hash and explorer link.
 * @csspart actions - The panel's buttons.
 * @csspart send-button - Send, "send anyway" or "try again".
 * @csspart secondary-button - Back or Done.
 * @csspart error - The error sentence.
 * @cssproperty [--mask-tip-accent=var(--mask-color-accent)] - Button colour.
 * @cssproperty [--mask-tip-panel-width=380px] - The panel's width.
 * @cssstate idle - Waiting for the visitor (also after a refusal such as an invalid amount).
 * @cssstate connecting - The shared connect flow is open.
 * @cssstate switching - The wallet is asked to switch (or add) the network.
 * @cssstate checking - Reading balance, gas and recipient.
 * @cssstate warning - The recipient is a contract: waiting for "send anyway".
 * @cssstate confirming - Waiting for the visitor to confirm in the wallet.
 * @cssstate pending - Sent; waiting for the block.
 * @cssstate confirmed - Mined and succeeded.
 * @cssstate failed - Reverted, refused by the token, or the network failed.
 * @cssstate rejected - The visitor cancelled in the wallet.
 * @cssstate open - The panel is open.
 * @cssstate lookalike - The recipient's name reads like another name shown on the page, of a different address (the panel warns; sending stays possible).
 * @cssstate connected - A wallet is connected.
 * @cssstate error - The last action failed.
 * @event mask-tip-request - Cancelable; before the wallet is asked. `{to, amount, token, chainId, symbol, decimals, name, note}`.
 * @event mask-tip-sent - The wallet sent the transaction. `{hash, …}`.
 * @event mask-tip-confirmed - Mined and succeeded. `{hash, receipt, blockNumber, …}`.
 * @event mask-error - Something failed; `code`: `invalid-amount`, `invalid-recipient`, `invalid-token`, `unsupported-chain`, `insufficient-funds`, `wrong-network`, `user-rejected`, `reverted`, `rpc-error`, `wallet-error`, and the connect flow's codes.
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
        [part~='button'] {
          line-height: 1.25;
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
  /** `native` (default), a configured token symbol (`USDC`) or an ERC-20 address. */
  @property({ converter: text }) accessor token = '';
  /** Chain id, key or name from the configuration; empty = the default chain. */
  @property({ converter: text }) accessor chain = '';
  /** Preset amounts in token units: `presets="1,5,10"`. */
  @property({ converter: text }) accessor presets = '';
  /** The amount the custom field starts with. */
  @property({ converter: text }) accessor amount = '';
  /** Hides the note field. */
  @property({ type: Boolean, attribute: 'no-note' }) accessor noNote = false;

  #panel: TipPanel | null = null;

  /** The lifecycle state (`idle` until the panel is first used). */
  get tipState(): string {
    return this.#panel?.flow.state ?? 'idle';
  }

  /**
   * Opens the panel, for `recipient` instead of `to` when given (until the
   * panel closes). Resolves once the panel is shown.
   */
  async show(recipient?: { address?: string | null; name?: string | null }): Promise<void> {
    const panel = await this.#load();
    if (panel) await panel.show(recipient?.address || recipient?.name || undefined);
  }

  /** Closes the panel. A tip in flight goes on; the element's state tells how it ends. */
  close(): void {
    this.#panel?.hide();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setState('idle', !this.#panel);
    document.addEventListener('mask-request-tip', this.#onRequestTip);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('mask-request-tip', this.#onRequestTip);
    this.#panel?.hide();
  }

  override willUpdate(): void {
    this.setState('connected', this.kit.wallet.status === 'connected');
    this.#panel?.inputsChanged();
  }

  override render() {
    const account = this.kit.wallet.account;
    const open = !!this.#panel?.open;
    return html`<span part="base">
      <button
        class="primary"
        part="button"
        aria-haspopup="dialog"
        aria-expanded=${open ? 'true' : 'false'}
        @click=${this.#onClick}
        @pointerenter=${this.#prefetch}
        @focus=${this.#prefetch}
      >
        ${this.label || this.t('tip.label')}
      </button>
      ${account ? html`<span part="account">${this.t('wallet.connectedAs', { account: shortAddress(account) })}</span>` : nothing}
      ${open ? nothing : this.renderError()} ${this.#panel ? this.#panel.render() : nothing}
    </span>`;
  }

  #prefetch = (): void => {
    void loadPanel()
      .then((m) => m.prefetch())
      .catch(() => {});
  };

  async #load(): Promise<TipPanel | null> {
    if (this.#panel) return this.#panel;
    try {
      const { TipPanel } = await loadPanel();
      this.#panel ??= new TipPanel({
        element: this,
        inputs: () => ({ to: this.to, token: this.token, chain: this.chain, amount: this.amount, presets: this.presets, noNote: this.noNote }),
        connect: () => this.connectWallet(),
        fail: (code, message, cause) => this.fail(code, message, cause),
        clearError: () => this.clearError(),
        setState: (name, on) => this.setState(name, on),
        t: (key, vars) => this.t(key as MessageKey, vars),
        renderError: () => this.renderError(),
      });
      return this.#panel;
    } catch (error) {
      this.fail('rpc-error', this.t('tip.loadFailed'), error);
      return null;
    }
  }

  #onClick = async (): Promise<void> => {
    const panel = await this.#load();
    if (!panel) return;
    await panel.show();
    if (this.kit.wallet.status !== 'connected') await panel.connect();
  };

  /** A badge's "Tip" action: the first idle `<mask-tip>` on the page answers. */
  #onRequestTip = (event: Event): void => {
    const e = event as Event & { address?: string | null; name?: string | null };
    if (e.defaultPrevented || this.#panel?.flow.busy) return;
    e.preventDefault();
    void this.show({ address: e.address, name: e.name });
  };
}
