import { ContextProvider } from '@lit/context';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { Kit, type KitConfigInput, type XmtpEnv } from '../../context/kit.js';
import { kitContext } from '../../context/kit-context.js';
import { getDefaultKit } from '../../context/root.js';
import { text } from '../../internal/converters.js';
import { MaskElement } from '../base/mask-element.js';

/**
 * Scopes a configuration to its subtree. Widgets inside read this provider's
 * configuration; the wallet connection stays shared with the whole page.
 * Unset attributes inherit from the enclosing provider (or the page's default).
 *
 * @summary Configuration for the widgets inside it.
 * @slot - Widgets and any other content.
 * @cssstate error - An attribute is invalid (the previous configuration stays).
 * @event mask-error - An attribute is invalid. `code`: `invalid-config`.
 */
export class MaskProvider extends MaskElement {
  /** The page's content inside keeps its direction; each widget sets its own. */
  static override setsDir = false;

  /** Chains, comma-separated ids or keys: `base,optimism`. */
  @property({ converter: text }) accessor chains = '';
  /** RPC URLs per chain: `base=https://…,10=https://…`. */
  @property({ converter: text }) accessor rpc = '';
  /** Chain used when a widget names none. */
  @property({ attribute: 'default-chain', converter: text }) accessor defaultChain = '';
  /** Chain whose ENS resolves names. */
  @property({ attribute: 'ens-chain', converter: text }) accessor ensChain = '';
  /** XMTP network: `production`, `dev` or `local`; the decentralised envs need a `gatewayHost`, given through `config`. */
  @property({ attribute: 'xmtp-env', converter: text }) accessor xmtpEnv = '';
  /** XMTP API URL (gRPC-web). */
  @property({ attribute: 'xmtp-api-url', converter: text }) accessor xmtpApiUrl = '';
  /** Lens GraphQL API URL. */
  @property({ attribute: 'lens-api-url', converter: text }) accessor lensApiUrl = '';
  /** IPFS gateway for `ipfs://` avatars. */
  @property({ attribute: 'ipfs-gateway', converter: text }) accessor ipfsGateway = '';
  /** Extra configuration as an object (property only); attributes win over it. */
  @property({ attribute: false }) accessor config: KitConfigInput = {};

  /** This subtree's kit (a child of the enclosing one). */
  readonly scoped: Kit;

  constructor() {
    super();
    // The parent kit is found when connected (kitChanged); start from the page's default.
    this.scoped = new Kit({ parent: getDefaultKit() });
    new ContextProvider(this, { context: kitContext, initialValue: this.scoped });
  }

  /**
   * This provider's own kit is the one around it: the enclosing provider's
   * (its context request skips the provider on itself), the page's, or one
   * set as `provider.kit`. The subtree's kit inherits from it.
   */
  protected override kitChanged(kit: Kit): void {
    if (kit !== this.scoped && this.scoped.parent !== kit) this.scoped.attach(kit);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.scoped.attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.scoped.dispose();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.size === 0) return;
    const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);
    const input: KitConfigInput = { ...this.config };
    if (this.chains) input.chains = list(this.chains);
    if (this.rpc) input.rpc = Object.fromEntries(list(this.rpc).map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()]));
    if (this.defaultChain) input.defaultChain = this.defaultChain;
    if (this.ensChain) input.ensChain = this.ensChain;
    if (this.xmtpEnv || this.xmtpApiUrl) input.xmtp = { ...input.xmtp, ...(this.xmtpEnv && { env: this.xmtpEnv as XmtpEnv }), ...(this.xmtpApiUrl && { apiUrl: this.xmtpApiUrl }) };
    if (this.lensApiUrl) input.lensApiUrl = this.lensApiUrl;
    if (this.ipfsGateway) input.ipfsGateway = this.ipfsGateway;
    if (this.lang) input.lang = this.lang;
    try {
      this.scoped.configure(input);
      this.clearError();
    } catch (error) {
      this.fail('invalid-config', (error as Error).message, error);
    }
  }

  override render() {
    return html`<slot></slot>${this.renderError()}`;
  }
}
