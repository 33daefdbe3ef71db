import { html, LitElement, nothing, type CSSResultGroup, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { MaskErrorCode } from '../../events/error-codes.js';
import { MaskErrorEvent } from '../../events/mask-error.js';
import { sentence, type KitError, type Sentence } from '../../internal/errors.js';
import { loadMessages, t, type MessageKey } from '../../internal/i18n.js';
import { VERSION } from '../../internal/version.js';
import { hostStyles } from './styles.js';

/** Languages written right to left. */
const RTL = /^(ar|fa|he|ur|ps|yi|ckb|dv)\b/i;
/** Connected kit elements, re-rendered when a `lang` attribute changes anywhere in the document. */
const live = new Set<MaskElementCore>();
let langObserver: MutationObserver | undefined;

/**
 * Everything the kit's elements share except the kit itself: host styles,
 * theme, language and direction, custom states through `attachInternals()`,
 * and one way to report errors (event + `error` state + a sentence in the
 * `error` part). `MaskElement` adds the kit; the connect dialog, which the
 * base element opens, builds on this one so the two never import each other.
 *
 * @attr {'light' | 'dark' | 'auto'} theme - `light` or `dark` forces a colour scheme; `auto` (the default, also when absent) follows the host page's `color-scheme` where the page or an ancestor declares one, else the visitor's `prefers-color-scheme`.
 */
export class MaskElementCore extends LitElement {
  /** The kit version that defined this class (read by `define()` on clashes). */
  static readonly kitVersion = VERSION;
  static override styles: CSSResultGroup = hostStyles;

  protected readonly internals: ElementInternals = this.attachInternals();

  /** The human sentence of the current error, shown in the `error` part. */
  @state() protected accessor errorMessage = '';
  @state() protected accessor errorCode: MaskErrorCode | '' = '';

  /** Whether the element sets `dir="rtl"` on itself for a right-to-left language. */
  static setsDir = true;
  /** The `dir` this element set on itself ('' = none). */
  private _dir = '';

  override connectedCallback(): void {
    super.connectedCallback();
    live.add(this);
    if (!langObserver) {
      // Everyone re-resolves; an element whose own `lang` changed also sees it as a changed property (a provider reconfigures).
      langObserver = new MutationObserver((records) => {
        live.forEach((el) => el.requestUpdate());
        for (const r of records) if (live.has(r.target as MaskElementCore)) (r.target as MaskElementCore).requestUpdate('lang', r.oldValue);
      });
      langObserver.observe(document.documentElement, { subtree: true, attributeFilter: ['lang'], attributeOldValue: true });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    live.delete(this);
  }

  /**
   * The language this element renders in: its own or the nearest ancestor's
   * `lang` (across shadow roots, below `<html>`), else `fallbackLang` (for a
   * kit element: the provider's or page's `lang` configuration, the
   * document's, the browser's).
   */
  get resolvedLang(): string {
    let el = this.closest('[lang]');
    for (let root = this.getRootNode(); !el && root instanceof ShadowRoot; root = root.host.getRootNode()) el = root.host.closest('[lang]');
    return (el !== document.documentElement && el?.getAttribute('lang')) || this.fallbackLang;
  }

  /** The language when no element around sets one: the document's, else the browser's. */
  protected get fallbackLang(): string {
    return document.documentElement.lang || navigator.language || 'en';
  }

  /**
   * Each update first sets `dir="rtl"` on the host for a right-to-left
   * language (unless the page set `dir` on it), then waits for the language's
   * catalogue when it is still loading, so text appears translated from the
   * first paint.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const lang = this.resolvedLang;
    const own = this.getAttribute('dir');
    if ((this.constructor as typeof MaskElementCore).setsDir && (own === null || own === this._dir)) {
      this._dir = RTL.test(lang) ? 'rtl' : '';
      if (this._dir) this.setAttribute('dir', this._dir);
      else this.removeAttribute('dir');
    }
    if (!this.hasUpdated) {
      // theme=auto: follow the visitor's preference unless the page around declares a color-scheme.
      const up = this.parentElement ?? (this.getRootNode() as ShadowRoot).host;
      this.setState('os-scheme', !up || getComputedStyle(up).colorScheme == 'normal');
    }
    const pending = loadMessages(lang);
    return pending ? pending.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Turns a custom state on or off (`:host(:state(name))`). */
  protected setState(name: string, on: boolean): void {
    const states = this.internals.states;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // Older engines only accept `--name`; the attribute mirror below still works.
    }
  }

  /** Reports an error: `mask-error` event, `error` state, sentence in the `error` part. */
  protected fail(code: MaskErrorCode, message: string, cause?: unknown): void {
    this.showError(code, message);
    this.dispatchEvent(new MaskErrorEvent({ code, message, cause }));
  }

  /** Shows an error (state and sentence) without emitting an event. */
  protected showError(code: MaskErrorCode, message: string): void {
    this.errorCode = code;
    this.errorMessage = message;
    this.setState('error', true);
  }

  /** Leaves the error state. */
  protected clearError(): void {
    if (!this.errorCode) return;
    this.errorCode = '';
    this.errorMessage = '';
    this.setState('error', false);
  }

  /** A message in the element's language. */
  protected t(key: MessageKey, vars?: Record<string, string | number>): string {
    return t(key, vars, this.resolvedLang);
  }

  /** A service's sentence (a key and its values, or a `KitError`) in the element's language. */
  protected say(s: Sentence | KitError): string {
    return sentence(s, this.resolvedLang);
  }

  protected renderError(): TemplateResult | typeof nothing {
    return this.errorMessage ? html`<p part="error" role="alert">${this.errorMessage}</p>` : nothing;
  }
}
