import { KitController } from '../../context/kit-controller.js';
import type { Kit } from '../../context/kit.js';
import type { Address } from '../../internal/address.js';
import { KitError } from '../../internal/errors.js';
import { toWalletError } from '../../wallet/errors.js';
import { connectWithDialog } from './connector.js';
import { MaskElementCore } from './element-core.js';

/**
 * The kit's base element: what every element shares (`MaskElementCore`:
 * host styles, theme, language, custom states, errors) plus the kit: the one
 * set on the element (`el.kit = kit`), else the nearest `<mask-provider>`'s,
 * else the page's.
 */
export class MaskElement extends MaskElementCore {
  readonly #kit = new KitController(this, (kit) => this.kitChanged(kit));

  /**
   * The configuration and wallet this element uses. Setting it (a property,
   * like a Lit context consumer's) uses that kit instead of the provider's or
   * the page's; setting `null` goes back to them.
   */
  get kit(): Kit {
    return this.#kit.kit;
  }

  set kit(kit: Kit | null | undefined) {
    this.#kit.own = kit ?? null;
  }

  protected override get fallbackLang(): string {
    return this.kit.lang;
  }

  /** Called when the kit's configuration or wallet changes. */
  protected kitChanged(_kit: Kit): void {}

  /**
   * Makes sure a wallet is connected, through the kit's connect flow (the
   * shared connect dialog unless the page handed the kit another). Failed
   * attempts are reported as they happen; resolves with the account, or null
   * when the visitor gave up.
   */
  protected async connectWallet(): Promise<Address | null> {
    let reported = false;
    this.clearError();
    try {
      const account = await this.kit.connect((error) => {
        reported = true;
        this.fail(error.code, this.say(error), error.cause);
      }, connectWithDialog);
      this.clearError();
      return account;
    } catch (error) {
      const e = error instanceof KitError ? error : toWalletError(error);
      if (!reported) this.fail(e.code, this.say(e), e.cause);
      return null;
    }
  }
}
