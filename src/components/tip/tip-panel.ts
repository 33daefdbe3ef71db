/**
 * The tip panel (lazy chunk, loaded on first interaction): a `<dialog>` shown
 * as a manual popover in the top layer (no z-index fights with the host page,
 * and the shared connect dialog can still open above it), rendered from the
 * lifecycle machine in `src/tip/flow.ts`.
 */
import { html, nothing, type LitElement, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Kit } from '../../context/kit.js';
import type { MaskErrorCode } from '../../events/error-codes.js';
import { MaskTipConfirmedEvent } from '../../events/mask-tip-confirmed.js';
import { MaskTipRequestEvent } from '../../events/mask-tip-request.js';
import { MaskTipSentEvent } from '../../events/mask-tip-sent.js';
import { shortAddress, type Address } from '../../internal/address.js';
import { sentence, type Sentence } from '../../internal/errors.js';
import { formatDecimal } from '../../internal/format.js';
import { explorerTxUrl } from '../../internal/links.js';
import { formatAmount as plainAmount, formatAmountCeil as plainAmountCeil } from '../../tip/amount.js';
import { flagged, loadChainOps, TipFlow, type TipInputs } from '../../tip/flow.js';
import '../id-badge/define.js';
import { TIP_STATES } from './mask-tip.types.js';
import { panelStyles } from './tip-panel.styles.js';
import { quote } from '../../tip/inputs.js';

/** What the element lends the panel (its protected helpers, as closures). */
export interface TipPanelHost {
  readonly element: LitElement & { readonly kit: Kit; readonly resolvedLang: string };
  inputs(): TipInputs & { noNote: boolean };
  connect(): Promise<Address | null>;
  fail(code: MaskErrorCode, message: string, cause?: unknown): void;
  clearError(): void;
  setState(name: string, on: boolean): void;
  t(key: string, vars?: Record<string, string | number>): string;
  renderError(): TemplateResult | typeof nothing;
}

/** Starts loading the chain work early (hover, focus). */
export function prefetch(): void {
  void loadChainOps().catch(() => {});
}

/**
 * The embedded badge's own lookup errors (a name service that is down) are
 * not the tip's errors: it shows them itself, and they do not leave the tip.
 */
const stopBadgeError = (event: Event): void => event.stopPropagation();

const CLOSE_ICON = html`<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round"><path d="M4 4l8 8M12 4l-8 8" /></svg>`;

export class TipPanel {
  readonly flow: TipFlow;
  open = false;
  #host: TipPanelHost;
  /** An exact decimal amount in the element's language (digits kept; separators from Intl). */
  #fmt = (amount: string): string => formatDecimal(amount, this.#host.element.resolvedLang);
  /** One of the flow's sentences in the element's language. */
  #say = (s: Sentence): string => sentence(s.key.startsWith('tip.funds.') ? this.#amounts(s) : s, this.#host.element.resolvedLang);
  /** A balance sentence's amounts (plain decimals from the flow) in the language's digits and separators, like the rest of the panel. */
  #amounts = (s: Sentence): Sentence => ({ ...s, vars: Object.fromEntries(Object.entries(s.vars ?? {}).map(([k, v]) => [k, typeof v === 'string' && k !== 'symbol' ? this.#fmt(v) : v])) });
  /** A recipient given by `show()` (a badge's "Tip" action), until the panel closes. */
  #recipient: string | null = null;

  constructor(host: TipPanelHost) {
    this.#host = host;
    const el = host.element;
    this.flow = new TipFlow({
      get kit() {
        return el.kit;
      },
      connect: () => host.connect(),
      request: (detail) => el.dispatchEvent(new MaskTipRequestEvent(detail)),
      sent: (detail) => el.dispatchEvent(new MaskTipSentEvent(detail)),
      confirmed: (detail) => el.dispatchEvent(new MaskTipConfirmedEvent(detail)),
      fail: (code, s, cause) => host.fail(code, this.#say(s), cause),
      clearError: () => host.clearError(),
      changed: () => this.#changed(),
    });
    const root = el.renderRoot as ShadowRoot;
    const sheet = panelStyles.styleSheet;
    if (sheet && root.adoptedStyleSheets && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    this.#changed();
  }

  #inputs(): TipInputs {
    const { noNote: _, ...inputs } = this.#host.inputs();
    return this.#recipient ? { ...inputs, to: this.#recipient } : inputs;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.#host.element.renderRoot.querySelector('dialog');
  }

  async show(recipient?: string): Promise<void> {
    if (recipient && !this.flow.busy) this.#recipient = recipient;
    this.flow.setInputs(this.#inputs(), { retry: true });
    this.open = true;
    this.#changed();
    await this.#host.element.updateComplete;
    const dialog = this.#dialog;
    if (!dialog) return;
    if (!dialog.matches(':popover-open')) dialog.showPopover();
    // A manual popover (the connect dialog opens above it and must not close it), so its light
    // dismiss and its Esc from anywhere on the page are ours.
    document.addEventListener('pointerdown', this.#onOutside, true);
    document.addEventListener('keydown', this.#onPageKeydown);
    const first = dialog.querySelector<HTMLElement>('[part~="preset"][aria-pressed="true"], [part~="amount-input"]:not([disabled]), [part~="close-button"]');
    first?.focus();
  }

  hide(): void {
    if (!this.open) return;
    document.removeEventListener('pointerdown', this.#onOutside, true);
    document.removeEventListener('keydown', this.#onPageKeydown);
    const dialog = this.#dialog;
    const hadFocus = !!dialog?.matches(':focus-within');
    if (dialog?.matches(':popover-open')) dialog.hidePopover();
    this.open = false;
    this.#recipient = null;
    this.flow.closed();
    if (!this.flow.busy) this.flow.setInputs(this.#inputs());
    this.#changed();
    if (hadFocus) this.#host.element.renderRoot.querySelector<HTMLElement>('[part~="button"]')?.focus();
  }

  /** The wallet is not connected yet: the shared connect flow opens above the panel. */
  connect(): Promise<void> {
    return this.flow.connect();
  }

  /** Attributes changed: the flow takes them when nothing is in flight. */
  inputsChanged(): void {
    if (this.open) this.flow.setInputs(this.#inputs());
  }

  #changed(): void {
    for (const state of TIP_STATES) this.#host.setState(state, state === this.flow.state);
    this.#host.setState('open', this.open);
    this.#host.setState('lookalike', !!this.flow.recipient?.lookalikes.length);
    this.#host.element.requestUpdate();
  }

  // ---------------------------------------------------------------- view

  render(): TemplateResult {
    const { flow } = this;
    const t = this.#host.t;
    return html`<dialog
      popover="manual"
      part="panel"
      aria-labelledby="tip-title"
      aria-busy=${flow.busy || flow.loading ? 'true' : 'false'}
      @keydown=${this.#onKeydown}
    >
      <div part="header">
        <h2 id="tip-title">${t('tip.title')}</h2>
        <button type="button" class="icon" part="close-button" aria-label=${t('tip.close')} @click=${() => this.hide()}>${CLOSE_ICON}</button>
      </div>
      <form @submit=${this.#onSubmit} novalidate>
        ${this.#renderRecipient()} ${this.#renderAmount()} ${this.#renderNote()} ${this.#renderSummary()}
        <p part="status" role="status">${this.#status()}</p>
        ${this.#host.renderError()} ${this.#renderTransaction()} ${this.#renderLookalike()}
        <div part="actions">${this.#renderActions()}</div>
      </form>
    </dialog>`;
  }

  #renderRecipient(): TemplateResult {
    const t = this.#host.t;
    const r = this.flow.recipient;
    const identity = r?.identity;
    let note: TemplateResult | typeof nothing = nothing;
    if (r?.kind === 'name' && r.address) note = html`<p class="hint">${t('tip.recipient.resolved', { name: r.name ?? '', source: (r.source ?? '').toUpperCase() })}</p>`;
    else if (identity?.verified && identity.name) note = html`<p class="hint">${t('tip.recipient.verified', { name: identity.name })}</p>`;
    const spoof = identity?.unverifiedName
      ? html`<p part="recipient-warning" class="warning">${t('tip.recipient.spoof', { name: identity.unverifiedName })}</p>`
      : nothing;
    const trust = r?.trust;
    const source = trust?.source === 'web3bio' ? 'web3.bio' : (trust?.source ?? '');
    const who = (list: Array<{ issuer: string; label: string | null }>) => list.map((c) => (c.label ? `${c.label} (${c.issuer})` : c.issuer)).join(', ');
    const flags = trust
      ? html`${trust.risky.length ? html`<p part="recipient-warning flagged-warning" class="warning">${t('tip.recipient.risky', { source, by: who(trust.risky) })}</p>` : nothing}${trust.spam.length
          ? html`<p part="recipient-warning flagged-warning" class="warning">${t('tip.recipient.spam', { source, by: who(trust.spam) })}</p>`
          : nothing}`
      : nothing;
    return html`<div part="recipient" role="group" aria-labelledby="tip-to">
      <span id="tip-to" class="label">${t('tip.to')}</span>
      ${r?.address
        ? html`<mask-id-badge
              address=${r.address}
              variant="compact"
              exportparts="base:recipient-badge"
              @mask-error=${stopBadgeError}
            ></mask-id-badge>
            <code part="recipient-address">${r.address}</code>`
        : html`<code part="recipient-address">${r?.name ? quote(r.name) : '—'}</code>`}
      ${note} ${spoof} ${flags}
    </div>`;
  }

  #renderAmount(): TemplateResult {
    const { flow } = this;
    const t = this.#host.t;
    const token = flow.token;
    const symbol = token?.symbol ?? '';
    const editable = !flow.busy && flow.state !== 'confirmed';
    const chain = flow.chain;
    return html`<fieldset part="amount" ?disabled=${!editable}>
      <legend>${t('tip.amount')}</legend>
      ${flow.presets.length
        ? html`<div class="presets">
            ${flow.presets.map(
              (p) =>
                html`<button type="button" part="preset" aria-pressed=${flow.amountText.trim() === p ? 'true' : 'false'} @click=${() => flow.setAmount(p)}>
                  ${p} ${symbol}
                </button>`,
            )}
          </div>`
        : nothing}
      <div class="field">
        <input
          id="tip-amount"
          part="amount-input"
          type="text"
          inputmode="decimal"
          autocomplete="off"
          spellcheck="false"
          maxlength="100"
          placeholder="0.0"
          aria-label=${t('tip.customAmount', { symbol: symbol || '…' })}
          aria-invalid=${flow.amountError ? 'true' : 'false'}
          aria-describedby=${flow.amountError ? 'tip-amount-error' : 'tip-network'}
          .value=${live(flow.amountText)}
          @input=${(e: Event) => flow.setAmount((e.target as HTMLInputElement).value)}
        />
        <span class="symbol" aria-hidden="true">${symbol}</span>
      </div>
      ${flow.amountError ? html`<p id="tip-amount-error" part="amount-error">${this.#say(flow.amountError)}</p>` : nothing}
      <p id="tip-network" class="hint">
        ${token?.kind === 'erc20' && token.address ? html`<span title=${token.address}>${symbol || shortAddress(token.address)} (${shortAddress(token.address)})</span>` : symbol}
        ${chain ? t('tip.on', { chain: chain.name }) : nothing}
      </p>
    </fieldset>`;
  }

  #renderNote(): TemplateResult | typeof nothing {
    if (this.#host.inputs().noNote) return nothing;
    const t = this.#host.t;
    const editable = !this.flow.busy && this.flow.state !== 'confirmed';
    return html`<label class="note">
      ${t('tip.note')}
      <textarea
        part="note"
        rows="2"
        maxlength="280"
        aria-describedby="tip-note-hint"
        ?disabled=${!editable}
        .value=${live(this.flow.note)}
        @input=${(e: Event) => this.flow.setNote((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <span id="tip-note-hint" class="hint">${t('tip.noteHint')}</span>
    </label>`;
  }

  #renderSummary(): TemplateResult | typeof nothing {
    const { flow } = this;
    const t = this.#host.t;
    const amount = flow.amount;
    const token = flow.token;
    const chain = flow.chain;
    if (amount === null || !token || !chain) return nothing;
    const native = chain.nativeCurrency;
    const fee = flow.fee;
    const feeText = fee === null ? t('tip.feeLater') : t('tip.upTo', { value: `${this.#fmt(plainAmountCeil(fee, native.decimals))} ${native.symbol}` });
    let total: string | null = null;
    if (fee !== null) {
      total =
        token.kind === 'native'
          ? t('tip.upTo', { value: `${this.#fmt(plainAmountCeil(amount + fee, native.decimals))} ${native.symbol}` })
          : `${this.#fmt(plainAmount(amount, token.decimals))} ${token.symbol} + ${t('tip.upTo', { value: `${this.#fmt(plainAmountCeil(fee, native.decimals))} ${native.symbol}` })}`;
    }
    return html`<dl part="summary">
      <div><dt>${t('tip.amount')}</dt><dd part="summary-amount">${this.#fmt(plainAmount(amount, token.decimals))} ${token.symbol}</dd></div>
      <div><dt>${t('tip.fee')}</dt><dd>${feeText}</dd></div>
      ${total ? html`<div><dt>${t('tip.total')}</dt><dd>${total}</dd></div>` : nothing}
    </dl>`;
  }

  /** The state in one sentence: every state has one. */
  #status(): string {
    const { flow } = this;
    const t = this.#host.t;
    const token = flow.token;
    const amount = flow.amount;
    const r = flow.recipient;
    const recipient = r?.kind === 'name' && r.name ? r.name : r?.address ? shortAddress(r.address) : '';
    const amountText = amount !== null && token ? `${this.#fmt(plainAmount(amount, token.decimals))} ${token.symbol}` : '';
    if (flow.info) return this.#say(flow.info);
    switch (flow.state) {
      case 'idle': {
        if (flow.loading) return t('tip.loading');
        const account = this.#host.element.kit.wallet.account;
        const start = t('tip.state.idle');
        return account ? `${t('tip.from', { account: shortAddress(account) })}. ${start}` : start;
      }
      case 'switching':
        return t('tip.state.switching', { chain: flow.chain?.name ?? '' });
      case 'warning': {
        const contract = flow.recipient?.contract ? t('tip.state.warning', { symbol: token?.symbol ?? '' }) : '';
        return flagged(flow.recipient) ? `${t('tip.state.flagged')}${contract ? ` ${contract}` : ''}` : contract;
      }
      case 'confirming':
        return t('tip.state.confirming', { amount: amountText, recipient });
      case 'confirmed':
        return t('tip.state.confirmed', { block: String(flow.receipt?.blockNumber ?? ''), amount: amountText, recipient });
      default:
        return t(`tip.state.${flow.state}`);
    }
  }

  #renderTransaction(): TemplateResult | typeof nothing {
    const hash = this.flow.hash;
    if (!hash) return nothing;
    const t = this.#host.t;
    const url = explorerTxUrl(this.flow.chain?.blockExplorer, hash);
    return html`<p part="transaction">
      ${t('tip.transaction')} <code title=${hash}>${hash.slice(0, 10)}…${hash.slice(-8)}</code>
      ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${t('tip.explorer')}</a>` : nothing}
    </p>`;
  }

  /**
   * The look-alike warning, just before the send button: the recipient's name
   * reads like another name shown on this page that belongs to someone else.
   * It warns; sending stays possible.
   */
  #renderLookalike(): TemplateResult | typeof nothing {
    const r = this.flow.recipient;
    const found = r?.lookalikes ?? [];
    const name = r?.kind === 'name' ? r.name : r?.identity?.name;
    if (!found.length || !name || this.flow.state === 'confirmed') return nothing;
    const others = found.slice(0, 3).map((f) => `${f.name} (${shortAddress(f.address)})`);
    let list: string;
    try {
      list = new Intl.ListFormat(this.#host.element.resolvedLang, { type: 'disjunction' }).format(others);
    } catch {
      list = others.join(', ');
    }
    const key = found.length === 1 ? 'tip.recipient.lookalike' : 'tip.recipient.lookalikeMany';
    return html`<p id="tip-lookalike" part="recipient-warning lookalike-warning" class="warning">${this.#host.t(key, { name, others: list })}</p>`;
  }

  #renderActions(): TemplateResult | typeof nothing {
    const { flow } = this;
    const t = this.#host.t;
    const amount = flow.amount;
    const token = flow.token;
    const send = amount !== null && token ? t('tip.send', { amount: `${this.#fmt(plainAmount(amount, token.decimals))} ${token.symbol}` }) : t('tip.label');
    const back = html`<button type="button" part="secondary-button" @click=${() => flow.edit()}>${t('tip.edit')}</button>`;
    switch (flow.state) {
      case 'idle':
        return html`<button type="submit" class="primary" part="send-button" aria-describedby=${flow.recipient?.lookalikes.length ? 'tip-lookalike' : nothing}>${send}</button>`;
      case 'warning':
        return html`${back}<button type="button" class="primary danger" part="send-button" @click=${() => flow.acceptContract()}>${t('tip.sendAnyway')}</button>`;
      case 'failed':
      case 'rejected':
        return html`${back}<button type="submit" class="primary" part="send-button">${t('tip.retry')}</button>`;
      case 'confirmed':
        return html`<button type="button" class="primary" part="secondary-button" @click=${() => this.hide()}>${t('tip.done')}</button>`;
      default:
        return nothing;
    }
  }

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.flow.send();
  };

  /** A press outside the element (its button and panel) closes the panel, unless a modal dialog (the wallet picker) is up. */
  #onOutside = (event: PointerEvent): void => {
    if (event.composedPath().includes(this.#host.element) || document.querySelector('dialog:modal') || modalInShadow()) return;
    this.hide();
  };

  /** Esc when focus is nowhere (the focused "Send" became "Done" and left the DOM): the panel still closes. */
  #onPageKeydown = (event: KeyboardEvent): void => {
    const active = document.activeElement;
    if (event.key === 'Escape' && !event.defaultPrevented && (!active || active === document.body)) this.hide();
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      this.hide();
    }
  };
}

/** A modal dialog open in some element's shadow root (the kit's connect dialog is one). */
function modalInShadow(): boolean {
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot?.querySelector('dialog:modal')) return true;
  return false;
}
