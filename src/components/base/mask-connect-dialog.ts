import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { Kit } from '../../context/kit.js';
import type { Address } from '../../internal/address.js';
import { KitError } from '../../internal/errors.js';
import { addMessages } from '../../internal/i18n.js';
import type { WalletOption } from '../../wallet/eip1193.js';
import { toWalletError } from '../../wallet/errors.js';
import { walletMessages } from '../../wallet/wallet.messages.js';
import { MaskElementCore } from './element-core.js';

addMessages('en', walletMessages);

type View = 'list' | 'connecting' | 'error' | 'wrong-chain';

export interface ConnectRequest {
  kit: Kit;
  resolve: (account: Address) => void;
  reject: (error: KitError) => void;
  report: (error: KitError) => void;
}

/**
 * The shared connect flow: a native modal `<dialog>` listing the wallets the
 * page discovered (EIP-6963 name and icon), the connecting state, and clear
 * errors with a retry. One per page, appended to `<body>` on first use.
 *
 * @summary Internal. Opened by any widget through `kit.connect()`.
 * @csspart dialog - The `<dialog>`.
 * @csspart wallet - A wallet button.
 * @csspart error - The error sentence.
 * @cssstate connecting - Waiting for the wallet to answer.
 * @cssstate error - The last attempt failed.
 */
export class MaskConnectDialog extends MaskElementCore {
  static override styles = [
    MaskElementCore.styles,
    css`
      @layer mask-widgets {
        dialog {
          border: 1px solid var(--_border);
          border-radius: var(--_radius);
          background: var(--_surface);
          color: inherit;
          padding: var(--_space-4);
          width: min(360px, calc(100vw - 32px));
        }
        dialog::backdrop {
          background: rgb(0 0 0 / 40%);
        }
        header {
          display: flex;
          justify-content: space-between;
          align-items: center;
          gap: var(--_space-2);
        }
        h2 {
          font-size: 1.125rem;
          margin: 0;
        }
        ul {
          list-style: none;
          padding: 0;
          margin: var(--_space-3) 0;
          display: grid;
          gap: var(--_space-2);
        }
        [part~='wallet'] {
          display: flex;
          align-items: center;
          gap: var(--_space-3);
          width: 100%;
          padding: var(--_space-2) var(--_space-3);
          border: 1px solid var(--_border);
          border-radius: var(--_radius);
          background: transparent;
          color: inherit;
          text-align: start;
        }
        [part~='wallet']:hover {
          border-color: var(--_accent);
        }
        img {
          width: 28px;
          height: 28px;
          border-radius: 6px;
        }
        .close {
          border: 0;
          background: transparent;
          color: inherit;
          font-size: 1.25rem;
          line-height: 1;
          padding: var(--_space-1) var(--_space-2);
        }
        .note {
          color: var(--_muted);
          font-size: 0.875rem;
          margin: var(--_space-2) 0 0;
        }
        .actions {
          display: flex;
          gap: var(--_space-2);
          margin-top: var(--_space-3);
        }
      }
    `,
  ];

  @state() accessor view: View = 'list';
  @state() accessor chosen: WalletOption | null = null;
  @query('dialog') accessor dialog!: HTMLDialogElement;

  #request: ConnectRequest | null = null;
  #returnFocus: HTMLElement | null = null;

  /** The language of the widget that asked (the one focused), else its kit's. */
  override get resolvedLang(): string {
    const root = this.#returnFocus?.getRootNode();
    return root instanceof ShadowRoot && root.host instanceof MaskElementCore ? root.host.resolvedLang : (this.#request?.kit.lang ?? super.resolvedLang);
  }

  /** Opens the dialog for `request`; a pending request is cancelled first. */
  async open(request: ConnectRequest): Promise<void> {
    const pending = request.kit.wallet.error;
    this.#finish(new KitError('user-rejected', pending ? this.say(pending) : this.t('error.userRejected')));
    this.#request = request;
    this.#returnFocus = deepActiveElement();
    this.view = 'list';
    this.clearError();
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    const wallets = request.kit.wallet.wallets;
    if (wallets.length === 0) this.#showError(new KitError('no-wallet', this.t('error.noWallet')));
    else if (wallets.length === 1) void this.#connect(wallets[0]);
  }

  override render() {
    const kit = this.#request?.kit;
    const wallets = kit?.wallet.wallets ?? [];
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.#onClose}>
      <header>
        <h2 id="title">${this.t('wallet.dialogTitle')}</h2>
        <button class="close" part="close-button" aria-label=${this.t('wallet.close')} @click=${() => this.dialog.close()}>×</button>
      </header>
      ${this.view === 'connecting' && this.chosen
        ? html`<p role="status">${this.t('wallet.connectingTo', { wallet: this.chosen.info.name })}</p>`
        : nothing}
      ${this.view === 'list' || this.view === 'error'
        ? html`${wallets.length
              ? html`<ul aria-label=${this.t('wallet.choose')}>
                  ${wallets.map(
                    (w) =>
                      html`<li>
                        <button part="wallet" @click=${() => this.#connect(w)}>
                          <img src=${w.info.icon} alt="" />${w.info.name}
                        </button>
                      </li>`,
                  )}
                </ul>`
              : nothing}
            ${this.renderError()}
            ${this.view === 'error' && this.chosen
              ? html`<div class="actions">
                  <button class="primary" part="retry-button" @click=${() => this.#connect(this.chosen as WalletOption)}>
                    ${this.t('wallet.retry')}
                  </button>
                </div>`
              : nothing}
            <p class="note">${this.t('wallet.privacy')}</p>`
        : nothing}
      ${this.view === 'wrong-chain' && kit
        ? html`${this.renderError()}
            <div class="actions">
              <button class="primary" part="switch-button" @click=${this.#switch}>
                ${this.t('wallet.switchTo', { chain: kit.chain()?.name ?? '' })}
              </button>
            </div>`
        : nothing}
    </dialog>`;
  }

  async #connect(option: WalletOption): Promise<void> {
    const request = this.#request;
    if (!request) return;
    this.chosen = option;
    this.view = 'connecting';
    this.setState('connecting', true);
    this.clearError();
    try {
      const account = await request.kit.wallet.connect(option);
      this.setState('connecting', false);
      request.resolve(account);
      this.#request = { ...request, resolve: () => {}, reject: () => {} };
      if (request.kit.wrongChain) {
        const chain = request.kit.chain();
        const error = new KitError('unsupported-chain', this.t('error.unsupportedChain', { chainId: request.kit.wallet.chainId ?? '?', chain: chain?.name ?? '' }));
        this.view = 'wrong-chain';
        this.#showError(error, 'wrong-chain');
      } else {
        this.dialog.close();
      }
    } catch (error) {
      this.setState('connecting', false);
      this.#showError(toWalletError(error));
    }
  }

  #switch = async (): Promise<void> => {
    const kit = this.#request?.kit;
    const chain = kit?.chain();
    if (!kit || !chain) return;
    try {
      await kit.wallet.switchChain(chain);
      this.dialog.close();
    } catch (error) {
      this.#showError(error instanceof KitError ? error : toWalletError(error), 'wrong-chain');
    }
  };

  #showError(error: KitError, view: View = 'error'): void {
    this.view = view;
    // The widget that asked reports it (mask-error on that widget); the dialog only shows it.
    this.showError(error.code, this.say(error));
    this.#request?.report(error);
  }

  #onClose = (): void => {
    this.#finish(new KitError(this.errorCode || 'user-rejected', this.errorMessage || this.t('error.userRejected')));
    this.#returnFocus?.focus();
    this.#returnFocus = null;
  };

  #finish(error: KitError): void {
    const request = this.#request;
    this.#request = null;
    request?.reject(error);
  }
}

function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}
