import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { shortAddress, toChecksumAddress } from '../../internal/address.js';
import { identicon } from '../../internal/identicon.js';
import { oneOf, text } from '../../internal/converters.js';
import { MaskElement } from '../../internal/mask-element.js';
import { badgeStyles } from './mask-id-badge.styles.js';
import { BADGE_SIZES, BADGE_VARIANTS, type BadgeSize, type BadgeVariant } from './mask-id-badge.types.js';

const COPY_ICON = html`<svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.5"><rect x="5" y="5" width="9" height="9" rx="2"/><path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5"/></svg>`;

/**
 * A wallet's identity: avatar, name and short checksummed address. With no
 * `address`, shows the connected wallet's account.
 *
 * @summary Shows who an address is. First paint is local: an identicon and the short address.
 * @csspart base - The wrapper.
 * @csspart avatar - The avatar (identicon until a picture loads).
 * @csspart name - The name, when known.
 * @csspart address - The short checksummed address.
 * @csspart copy-button - Copies the full checksummed address.
 * @csspart status - The live region that announces "copied".
 * @csspart error - The error sentence.
 * @cssproperty [--mask-id-badge-avatar-size=32px] - Avatar size (20px for `sm`, 48px for `lg`).
 * @cssproperty [--mask-id-badge-avatar-radius=50%] - Avatar corner radius.
 * @cssproperty [--mask-id-badge-gap=8px] - Space between avatar and text.
 * @cssstate connected - Showing the connected wallet's account.
 * @cssstate empty - No address and no wallet connected.
 * @cssstate error - The input is invalid.
 * @event mask-error - Invalid input. `code`: `invalid-address`.
 */
export class MaskIdBadge extends MaskElement {
  static override styles = [MaskElement.styles, badgeStyles];

  /** The address to show. When empty, the connected account is shown. */
  @property({ converter: text }) accessor address = '';
  /** `sm`, `md` or `lg`. */
  @property({ reflect: true, converter: oneOf(BADGE_SIZES, 'md') }) accessor size: BadgeSize = 'md';
  /** `full` (avatar, name, address), `compact` (avatar, name) or `avatar`. */
  @property({ reflect: true, converter: oneOf(BADGE_VARIANTS, 'full') }) accessor variant: BadgeVariant = 'full';

  @state() private accessor copied = false;

  /** The checksummed address shown, or null. */
  get resolvedAddress(): `0x${string}` | null {
    return this.address ? toChecksumAddress(this.address) : this.kit.wallet.account;
  }

  override willUpdate(): void {
    if (this.address && !toChecksumAddress(this.address)) {
      if (this.errorCode !== 'invalid-address' || !this.errorMessage.includes(this.address)) {
        this.fail('invalid-address', this.t('error.invalidAddress', { value: this.address.slice(0, 64) }));
      }
    } else {
      this.clearError();
    }
    const own = !this.address && !!this.kit.wallet.account;
    this.setState('connected', own);
    this.setState('empty', !this.address && !own);
  }

  override render() {
    const address = this.resolvedAddress;
    if (!address) {
      return html`<span part="base">${this.errorMessage ? this.renderError() : html`<span part="address">${this.t('wallet.notConnected')}</span>`}</span>`;
    }
    return html`<span part="base">
      <span part="avatar">${identicon(address)}</span>
      <span class="text">
        <span part="address" title=${address}>${shortAddress(address)}</span>
      </span>
      <button part="copy-button" aria-label=${this.t('badge.copy')} @click=${this.#copy}>${COPY_ICON}</button>
      <span part="status" class="visually-hidden" role="status">${this.copied ? this.t('badge.copied') : nothing}</span>
    </span>`;
  }

  #copy = async (): Promise<void> => {
    const address = this.resolvedAddress;
    if (!address) return;
    try {
      await navigator.clipboard.writeText(address);
      this.copied = true;
      setTimeout(() => (this.copied = false), 2000);
    } catch {
      // Clipboard blocked (no permission / insecure context): select nothing, say nothing.
    }
  };
}
