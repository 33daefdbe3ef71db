import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { MaskErrorCode } from '../../events/error-codes.js';
import type { Identity } from '../../identity/types.js';
import { shortAddress, toChecksumAddress, type Address } from '../../internal/address.js';
import { oneOf, text } from '../../internal/converters.js';
import { identicon } from '../../internal/identicon.js';
import { MaskElement } from '../base/mask-element.js';
import { badgeStyles } from './mask-id-badge.styles.js';
import { BADGE_LOADING, BADGE_SIZES, BADGE_VARIANTS, type BadgeLoading, type BadgeSize, type BadgeVariant } from './mask-id-badge.types.js';
import type { BadgeView } from './mask-id-badge.view.js';

export type { BadgeHooks } from './mask-id-badge.view.js';
import { whenNear } from './near-viewport.js';

const COPY_ICON = html`<svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.5"><rect x="5" y="5" width="9" height="9" rx="2"/><path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5"/></svg>`;
const DONE_ICON = html`<svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M3 8.5l3 3 7-7"/></svg>`;

/**
 * Characters no name can contain (white space, controls, most ASCII
 * punctuation). The full ENSIP-15 check runs in the lazy identity chunk; this
 * catches the obvious at first paint.
 */
const NOT_A_NAME = /[\s\u0000-\u001f\u007f!"#%&'()*+,;<=>?[\\\]^`{|}~]/u;

let viewModule: Promise<typeof import('./mask-id-badge.view.js')> | undefined;

/**
 * A wallet's identity: avatar, verified name and short checksummed address,
 * with a card (on hover, keyboard focus or click) that says more. With neither
 * `address` nor `name`, shows the connected wallet's account.
 *
 * First paint is local (an identicon and the short address, no network, no
 * lazy chunk). When the badge comes near the viewport (or at once with
 * `loading="eager"`) it asks the kit's shared identity service: ENS (reverse
 * name shown only when its forward record points back), Lens, host resolvers.
 *
 * Until the kit's script has run the browser gives the element no size; the
 * `:not(:defined)` rules in the Getting started guide ("No layout shift")
 * reserve its first paint's box for every size and variant.
 *
 * @summary Shows who an address is, verified, fast on pages with hundreds of badges.
 * @csspart base - The wrapper.
 * @csspart trigger - The button around avatar and label that opens the card.
 * @csspart avatar - The avatar box (identicon until a picture loads).
 * @csspart avatar-image - The ENS or Lens picture, once it has loaded.
 * @csspart name - The verified name, when there is one.
 * @csspart address - The short checksummed address.
 * @csspart unverified - The mark shown when the address claims a name that does not point back to it.
 * @csspart status - The reachability dot (`show-reachability`).
 * @csspart copy-button - Copies the full checksummed address.
 * @csspart card - The card (a popover): full address, records, Lens profile, links, actions.
 * @csspart lookalike-warning - The card's warning that the name reads like another name shown on the page (`a1ice.eth` beside `alice.eth`) that belongs to a different address.
 * @csspart error - The error sentence.
 * @cssproperty [--mask-id-badge-avatar-size=32px] - Avatar size (20px for `sm`, 48px for `lg`).
 * @cssproperty [--mask-id-badge-avatar-radius=50%] - Avatar corner radius.
 * @cssproperty [--mask-id-badge-gap=8px] - Space between avatar and text.
 * @cssproperty [--mask-id-badge-label-width=9em] - Width reserved for the name (longer names ellipsize; `auto` sizes to the text, at the cost of a shift when the name arrives).
 * @cssproperty [--mask-id-badge-card-width=20rem] - Card width.
 * @cssproperty [--mask-id-badge-reachable-color=green] - Reachability dot when the address can receive XMTP messages.
 * @cssproperty [--mask-id-badge-unreachable-color=grey] - Reachability dot when it cannot.
 * @cssstate empty - No address, no name and no wallet connected.
 * @cssstate connected - Showing the connected wallet's account.
 * @cssstate loading - Looking the identity up.
 * @cssstate resolved - The lookup finished (with or without a name).
 * @cssstate verified - Showing a name verified by forward resolution.
 * @cssstate unverified - The address claims a name that does not point back to it.
 * @cssstate reachable - Can receive XMTP messages (`show-reachability`).
 * @cssstate unreachable - Cannot receive XMTP messages (`show-reachability`).
 * @cssstate open - The card is open.
 * @cssstate lookalike - The open card warns that the name reads like another name shown on the page, of a different address (checked when the card opens; never blocks anything).
 * @cssstate error - Bad input, or a lookup failed.
 * @event mask-error - Bad input (`invalid-address`, `invalid-name`, `invalid-attributes`, `unsupported-chain`), a name with no address (`resolution-failed`), the chain not answering (`rpc-error`), the Lens API not answering (`resolution-failed`), web3.bio not answering when the card opens (`resolution-failed`), the XMTP API not answering (`node-unreachable`). A lookup that fails leaves the identicon and short address in place; the card says why.
 * @event mask-request-chat - The card's "Message" action (cancelable; a `<mask-chat>` answers by calling `preventDefault()`).
 * @event mask-request-tip - The card's "Tip" action (cancelable; a `<mask-tip>` answers by calling `preventDefault()`).
 */
export class MaskIdBadge extends MaskElement {
  static override styles = [MaskElement.styles, badgeStyles];

  /** The address to show. */
  @property({ converter: text }) accessor address = '';
  /** An ENS name (`alice.eth`) or a Lens handle (`lens/stani`, `stani.lens`) to show instead of an address. */
  @property({ converter: text }) accessor name = '';
  /** The chain whose block explorer the card links to (id or key); the kit's default chain when empty. */
  @property({ converter: text }) accessor chain = '';
  /** `sm`, `md` or `lg`. */
  @property({ reflect: true, converter: oneOf(BADGE_SIZES, 'md') }) accessor size: BadgeSize = 'md';
  /** `full` (avatar, name and address), `compact` (avatar and name) or `avatar`. */
  @property({ reflect: true, converter: oneOf(BADGE_VARIANTS, 'full') }) accessor variant: BadgeVariant = 'full';
  /** `lazy`: look up only when the badge comes near the viewport (privacy, speed); `eager`: at once. */
  @property({ converter: oneOf(BADGE_LOADING, 'lazy') }) accessor loading: BadgeLoading = 'lazy';
  /** Shows whether the address can receive XMTP messages (asks the XMTP API). */
  @property({ type: Boolean, attribute: 'show-reachability' }) accessor showReachability = false;

  /** Near the viewport (or eager): the view may load and look up. */
  #near = false;
  #copied = false;
  /**
   * The lazy part (`mask-id-badge.view.ts`): lookup, what it found, the card.
   * Loaded when the badge comes near the viewport; until then the badge is its first paint.
   */
  #view: BadgeView | null = null;
  #viewLoading: Promise<BadgeView> | null = null;
  #input = '';
  /** The input problem last reported (`code|message`), so each is reported once. */
  #inputProblem = '';
  #stopWatching: (() => void) | null = null;
  /** The last `address` attribute and its checksummed form (EIP-55 hashing is not free; renders are frequent). */
  #checksummed: [string, Address | null] = ['', null];

  /** What the lookup found, once it has. */
  get identity(): Identity | null {
    return this.#view?.result?.identity ?? null;
  }

  /** The checksummed address shown (given, resolved from `name`, or the connected account), or null. */
  get resolvedAddress(): Address | null {
    if (this.name) return this.#view?.result?.given?.address ?? null;
    return this.address ? this.#checksum(this.address) : this.kit.wallet.account;
  }

  #checksum(value: string): Address | null {
    if (this.#checksummed[0] !== value) this.#checksummed = [value, toChecksumAddress(value)];
    return this.#checksummed[1];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch();
    this.addEventListener('focusout', this.#interact);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.removeEventListener('focusout', this.#interact);
    this.hide();
  }

  #watch(): void {
    if (this.#near || this.#stopWatching || !this.isConnected) return;
    const near = () => {
      this.#near = true;
      this.requestUpdate();
    };
    if (this.loading === 'eager') near();
    else this.#stopWatching = whenNear(this, near);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('loading')) this.#watch();
    // Checked on every update: a new kit configuration may make `chain` valid (or not).
    const problem = this.#problem();
    const key = problem ? `${problem.code}|${problem.message}` : '';
    if (key !== this.#inputProblem) {
      this.#inputProblem = key;
      if (problem) this.fail(problem.code, problem.message);
      else this.clearError();
    }
    this.#input = problem ? '' : this.name ? `n:${this.name.trim()}` : this.resolvedAddress ? `a:${this.resolvedAddress}` : '';
    const own = !this.address && !this.name && !!this.kit.wallet.account;
    this.setState('connected', own);
    this.setState('empty', !this.address && !this.name && !own);
    if (this.#near && this.#input) void this.#loadView();
  }

  /** The input's problem, if any: checked locally, before anything loads. */
  #problem(): { code: MaskErrorCode; message: string } | null {
    // Bidi controls dropped, at most 64 characters (whole code points) and "…" when cut; inline: this file is in the entry.
    const quote = (value: string) => {
      const chars = [...value.trim().replace(/[\u202a-\u202e\u2066-\u2069]/g, '')];
      return chars.length > 64 ? `${chars.slice(0, 63).join('')}…` : chars.join('');
    };
    if (this.address && this.name) return { code: 'invalid-attributes', message: this.t('badge.bothInputs') };
    if (this.address && !this.#checksum(this.address)) return { code: 'invalid-address', message: this.t('error.invalidAddress', { value: quote(this.address) }) };
    const name = this.name.trim();
    if (this.name && (!name || name.length > 255 || NOT_A_NAME.test(name))) return { code: 'invalid-name', message: this.t('badge.invalidName', { value: quote(this.name) }) };
    if (this.chain && !this.kit.chain(this.chain)) return { code: 'unsupported-chain', message: this.t('badge.unknownChain', { value: quote(this.chain) }) };
    return null;
  }

  /** Loads the view (shared code for every badge) and makes this badge's. */
  #loadView(): Promise<BadgeView> {
    return (this.#viewLoading ??= (viewModule ??= import('./mask-id-badge.view.js')).then(({ BadgeView }) => {
      this.#view = new BadgeView(this, {
        input: () => this.#input,
        setState: (name, on) => this.setState(name, on),
        fail: (code, message, cause) => this.fail(code, message, cause),
        clearError: () => this.clearError(),
        error: () => this.errorMessage,
      });
      this.requestUpdate();
      return this.#view;
    }));
  }

  /** Hover, focus and click on the badge or its card: the view decides what they do. */
  #interact = (event: Event): void => {
    if (this.resolvedAddress) void this.#loadView().then((view) => view.handle(event));
  };

  /** Opens the card. */
  async show(): Promise<void> {
    if (this.resolvedAddress) await (await this.#loadView()).show();
  }

  /** Closes the card. */
  hide(): void {
    this.#view?.hide();
  }

  override render() {
    const address = this.resolvedAddress;
    const view = this.#view;
    if (this.errorMessage && (!view?.lookupFailed || !address)) return html`<span part="base">${this.renderError()}</span>`;
    // Not connected: the same box as a badge with an address (avatar, label column, copy button's place), so a wallet connecting moves nothing.
    if (!address && !this.name) return html`<span part="base"><span class="trigger"><span part="avatar"><span class="placeholder"></span></span><span class=${this.variant === 'avatar' ? 'visually-hidden' : 'text'}><span part="address">${this.t('wallet.notConnected')}</span></span></span><span class="copy"></span></span>`;
    const short = address ? shortAddress(address) : '';
    const skeleton = html`<span class="skeleton"></span>`;
    // Compact markup on purpose: template whitespace ships in the entry.
    return html`<span part="base"><button class="trigger" part="trigger" aria-label=${!address || this.variant === 'avatar' ? (view?.label ?? address ?? this.name) : nothing} aria-expanded=${view?.open ? 'true' : 'false'} aria-controls="card" @click=${this.#interact} @pointerenter=${this.#interact} @pointerleave=${this.#interact} @focus=${this.#interact}
><span part="avatar">${address ? identicon(address) : html`<span class="placeholder"></span>`}${view?.avatar()}</span><span class="text">${view?.result
      ? view.text(address, short)
      : html`${address ? html`<span part="address" title=${address}>${short}</span>` : skeleton}${this.variant === 'full' ? html`<span class="second">${skeleton}</span>` : nothing}`}</span
>${view?.mark()}</button>${address ? html`<button part="copy-button" aria-label=${this.t('badge.copy')} @click=${this.#copy}>${this.#copied ? DONE_ICON : COPY_ICON}</button>` : nothing}<span
class="visually-hidden" role="status">${this.#copied ? this.t('badge.copied') : nothing}</span>${view?.card(address, short)}</span>`;
  }

  #copy = async (): Promise<void> => {
    const address = this.resolvedAddress;
    if (!address) return;
    try {
      await navigator.clipboard.writeText(address);
      this.#copied = true;
      this.requestUpdate();
      setTimeout(() => {
        this.#copied = false;
        this.requestUpdate();
      }, 2000);
    } catch {
      // Clipboard blocked (no permission / insecure context): the full address stays selectable in the card.
    }
  };
}
