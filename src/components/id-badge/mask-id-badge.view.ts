/**
 * The badge's lazy part, loaded when a badge comes near the viewport (one
 * chunk for every badge on the page): the lookup through the kit's identity
 * service (`@lit/task`, latest input wins), what it found (name, avatar,
 * unverified mark, reachability dot) and the card (when it opens and closes,
 * what it shows, where). The entry keeps only the first paint.
 *
 * Everything remote is rendered as text through Lit bindings; links are
 * `https:` only and open in a new tab without a referrer; image URLs were
 * checked by the identity service.
 */
import { initialState, Task, TaskStatus } from '@lit/task';
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Kit } from '../../context/kit.js';
import type { MaskErrorCode } from '../../events/error-codes.js';
import { MaskRequestChatEvent } from '../../events/mask-request-chat.js';
import { MaskRequestTipEvent } from '../../events/mask-request-tip.js';
import type { Identity, IdentityFailure, NameResolution, ShownName, Trust, TrustCredential } from '../../identity/types.js';
import { shortAddress, type Address } from '../../internal/address.js';
import { KitError, sentence } from '../../internal/errors.js';
import { addMessages, t, type MessageKey } from '../../internal/i18n.js';
import { explorerAddressUrl, githubLink, safeUrl, twitterLink } from '../../internal/links.js';
import { badgeMessages } from './id-badge.messages.js';
import type { BadgeVariant } from './mask-id-badge.types.js';

/**
 * What the view needs from its element (the lazy part's port; the badge
 * passes itself): the view never imports the element's module.
 */
export type BadgeHost = ReactiveControllerHost &
  HTMLElement & {
    readonly kit: Kit;
    readonly resolvedLang: string;
    readonly resolvedAddress: Address | null;
    readonly showReachability: boolean;
    readonly variant: BadgeVariant;
    readonly chain: string;
  };

/** What the element lends its view: its input, its states and its error reporting (protected helpers, as closures). */
export interface BadgeHooks {
  /** `a:0x…` (checksummed) or `n:name` when the input is valid; '' otherwise. */
  input(): string;
  setState(name: string, on: boolean): void;
  fail(code: MaskErrorCode, message: string, cause?: unknown): void;
  clearError(): void;
  /** The sentence of the current error, if any. */
  error(): string;
}

addMessages('en', badgeMessages as Parameters<typeof addMessages>[1]);

const REL = 'noopener noreferrer nofollow ugc';

/** What a lookup found: the identity, and the name it was given (when given one). */
export interface BadgeResult {
  identity: Identity;
  given: NameResolution | null;
}

const viewStyles = css`
  @layer mask-widgets {
    [part~='name'] {
      font-weight: 600;
    }
    img:not(.loaded) {
      opacity: 0;
    }
    [part~='status'] {
      inset-block: auto -1px;
      inset-inline: auto -1px;
      width: max(8px, calc(var(--_size) / 4));
      height: max(8px, calc(var(--_size) / 4));
      border: 2px solid var(--_surface);
      background: var(--mask-id-badge-unreachable-color, light-dark(#9ca3af, #6b7280));
    }
    :host(:state(reachable)) [part~='status'] {
      background: var(--mask-id-badge-reachable-color, light-dark(#16a34a, #4ade80));
    }
    [part~='unverified'] {
      color: var(--_danger);
      font-weight: 700;
    }
    :host([variant='avatar']) [part~='unverified'] {
      display: none;
    }
    [part~='card'] {
      position: fixed;
      inset: auto;
      margin: 0;
      z-index: 2147483000;
      inline-size: min(var(--mask-id-badge-card-width, 20rem), calc(100vw - 16px));
      max-block-size: calc(100vh - 16px);
      overflow: auto;
      padding: var(--_space-3);
      color: var(--mask-color-text, light-dark(#1b1d22, #eceef2));
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 8px 28px rgb(0 0 0 / 18%);
      font-size: 0.875rem;
      line-height: 1.4;
      text-align: start;
      overflow-wrap: anywhere;
    }
    [part~='card'] h2 {
      margin: 0;
      font-size: 1rem;
    }
    [part~='card'] p,
    [part~='card'] dl,
    [part~='card'] ul {
      margin: var(--_space-2) 0 0;
    }
    [part~='card'] dt {
      color: var(--_muted);
      font-size: 0.75rem;
    }
    [part~='card'] dd {
      margin: 0;
      font-family: var(--mask-font-family-mono, ui-monospace, monospace);
      user-select: all;
    }
    [part~='card'] ul {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1) var(--_space-3);
      padding: 0;
      list-style: none;
    }
    [part~='card'] a {
      color: var(--_accent);
    }
    .muted {
      color: var(--_muted);
    }
    [role='status']:empty {
      margin: 0;
    }
    .warn {
      color: var(--_danger);
    }
    .ok {
      color: var(--mask-id-badge-reachable-color, light-dark(#15803d, #4ade80));
    }
    .lens,
    .elsewhere {
      border-block-start: 1px solid var(--_border);
      padding-block-start: var(--_space-2);
      margin-block-start: var(--_space-2);
    }
    .actions {
      display: flex;
      gap: var(--_space-2);
      margin-block-start: var(--_space-3);
    }
    .actions button {
      border: 1px solid var(--_border);
      background: transparent;
      color: inherit;
      border-radius: var(--_radius);
      padding: var(--_space-1) var(--_space-3);
    }
  }
`;

/**
 * One badge's lazy part. A reactive controller of the badge: it keeps the
 * badge's custom states in step with the lookup and renders the parts the
 * lookup fills in.
 */
export class BadgeView implements ReactiveController {
  /** Whether the card is open. */
  open = false;
  /** The current error came from the lookup (shown in the card while an address is on screen). */
  lookupFailed = false;
  readonly #host: BadgeHost;
  readonly #hooks: BadgeHooks;
  #avatar: 'loading' | 'loaded' | 'failed' = 'loading';
  #lastAvatar: string | null = null;
  #lastInput = '';
  #note = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unlisten: (() => void) | null = null;

  readonly #lookup: Task<readonly [string, Kit, unknown], BadgeResult>;
  readonly #reach: Task<readonly [Address | null, Kit, unknown], boolean>;
  /** Names shown elsewhere on the page that read like this card's names (checked while the card is open). */
  readonly #lookalikes: Task<readonly [string, Address | null, Kit, number], ShownName[]>;
  /** Trust signals (web3.bio credentials), asked only while the card is open. */
  readonly #trust: Task<readonly [Address | null, Kit, unknown], Trust | null>;
  /** Names on other platforms and verified links (web3.bio), asked only while the card is open. */
  readonly #more: Task<readonly [Address | null, Kit, unknown], Identity | null>;
  /** Bumped when the page shows a new name while the card is open, so the check runs again. */
  #shownVersion = 0;
  #unwatchShown: (() => void) | null = null;

  constructor(host: BadgeHost, hooks: BadgeHooks) {
    this.#host = host;
    this.#hooks = hooks;
    const root = host.shadowRoot;
    if (root && viewStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, viewStyles.styleSheet];
    else if (root) root.append(Object.assign(document.createElement('style'), { textContent: viewStyles.cssText }));
    host.addController(this);
    this.#lookup = new Task(host, {
      task: async ([input, kit], { signal }) => {
        if (!input) return initialState;
        const service = await kit.identity();
        let given: NameResolution | null = null;
        let address = input.slice(2) as Address;
        if (input.startsWith('n:')) {
          given = await service.resolveName(address, { signal });
          address = given.address;
        }
        return { identity: await service.lookup(address, { signal }), given };
      },
      args: () => [hooks.input(), host.kit, host.kit.config] as const,
      onComplete: (result) => this.#resolved(result),
      onError: (error) => this.#report(error, true),
    });
    this.#reach = new Task(host, {
      task: async ([address, kit], { signal }) => (address ? (await kit.identity()).canMessage(address, { signal }) : initialState),
      args: () => [host.showReachability ? host.resolvedAddress : null, host.kit, host.kit.config] as const,
      onError: (error) => this.#report(error, false),
    });
    this.#lookalikes = new Task(host, {
      task: async ([name, address, kit]) => (name && address ? (await kit.identity()).lookalikes(name, address) : initialState),
      // Only while the card is open: the check (and its table) loads when someone looks, never for a badge at rest.
      args: () => [this.open ? this.#shownName() : '', this.open ? host.resolvedAddress : null, host.kit, this.#shownVersion] as const,
      // A check that could not load warns about nothing; the card still shows everything else.
      onError: () => {},
    });
    // web3.bio (credentials, and names on other platforms) only while the card is open: it hears of an
    // address when someone looks at it, and a page of badges at rest costs it nothing.
    const whileOpen = () => [this.open ? host.resolvedAddress : null, host.kit, host.kit.config] as const;
    this.#trust = new Task(host, {
      task: async ([address, kit], { signal }) => (address ? (await kit.identity()).trust(address, { signal }) : initialState),
      args: whileOpen,
      // A failure is said in the card (#trustLines), never silently dropped.
      onError: () => {},
    });
    this.#more = new Task(host, {
      task: async ([address, kit], { signal }) => {
        const service = address ? await kit.identity() : null;
        return service?.elsewhere ? service.elsewhere(address!, { signal }) : null;
      },
      args: whileOpen,
      // Like a Lens failure: `mask-error`, the error state, the sentence in the card; the badge keeps its name.
      // When it answers again (a failure is not cached) the error goes, unless the badge's own lookup failed.
      onComplete: (more) => {
        const failure = more?.failures?.[0];
        if (more && (failure || !this.result?.identity.failures?.length)) this.#sourceFailed(failure);
      },
      onError: () => {},
    });
  }

  /** The verified name (or Lens handle) this card shows, if any. */
  #shownName(): string {
    const result = this.result;
    const label = this.label;
    return result && label && (result.given || result.identity.verified) ? label : '';
  }

  /** Look-alikes of this card's names, once checked. */
  get #found(): ShownName[] {
    return this.open && this.#lookalikes.status === TaskStatus.COMPLETE ? (this.#lookalikes.value ?? []) : [];
  }

  /** What the lookup found, once it has. */
  get result(): BadgeResult | undefined {
    return this.#lookup.status === TaskStatus.COMPLETE ? this.#lookup.value : undefined;
  }

  /** The name shown: the one given (normalised), else the verified primary name. */
  get label(): string | null {
    const result = this.result;
    return result ? (result.given?.name ?? result.identity.name) : null;
  }

  get #reachable(): boolean | undefined {
    return this.#host.showReachability && this.#reach.status === TaskStatus.COMPLETE ? this.#reach.value : undefined;
  }

  get #unverified(): boolean {
    const result = this.result;
    return !!result && !result.given && result.identity.unverifiedName !== null;
  }

  hostUpdate(): void {
    const hooks = this.#hooks;
    const input = hooks.input();
    if (input !== this.#lastInput) {
      // A new input: the previous lookup's error no longer applies.
      this.#lastInput = input;
      if (this.lookupFailed) {
        this.lookupFailed = false;
        hooks.clearError();
      }
    }
    const result = this.result;
    hooks.setState('loading', this.#lookup.status === TaskStatus.PENDING);
    hooks.setState('resolved', !!result);
    hooks.setState('verified', !!this.label && (!!result?.given || !!result?.identity.verified));
    hooks.setState('unverified', this.#unverified);
    hooks.setState('reachable', this.#reachable === true);
    hooks.setState('unreachable', this.#reachable === false);
    hooks.setState('open', this.open);
    hooks.setState('lookalike', this.#found.length > 0);
    const avatar = result?.identity.avatar ?? null;
    if (avatar !== this.#lastAvatar) {
      this.#lastAvatar = avatar;
      this.#avatar = 'loading';
    }
  }

  #resolved(result: BadgeResult | typeof initialState): void {
    if (result === initialState) return;
    // A verified name on screen joins the page's list, so other cards and tips can tell when theirs reads like it.
    const name = result.given?.name ?? (result.identity.verified ? result.identity.name : null);
    const address = result.given?.address ?? result.identity.address;
    if (name && address) void this.#host.kit.identity().then((service) => service.noteShown(name, address), () => {});
    // Any source that did not answer (the chain's ENS first, then Lens, then the host's): the badge keeps its
    // identicon and address, `mask-error` carries the code, the card says why.
    const failures = result.identity.failures ?? [];
    this.#sourceFailed(failures.find((f) => f.source === 'ens') ?? failures[0]);
  }

  /** A source that did not answer goes into the error state (the card says why); none: the error goes. */
  #sourceFailed(failure: IdentityFailure | undefined): void {
    if (failure) {
      this.lookupFailed = true;
      this.#hooks.fail(failure.code, failure.sentence ? sentence(failure.sentence, this.#host.resolvedLang) : failure.message);
    } else if (this.lookupFailed) {
      this.lookupFailed = false;
      this.#hooks.clearError();
    }
  }

  /** A failed lookup: shown in place of the badge when there is no address to show, else in the card. */
  #report(error: unknown, lookup: boolean): void {
    if ((error as Error)?.name === 'AbortError') return;
    const e = error instanceof KitError ? error : new KitError(lookup ? 'resolution-failed' : 'node-unreachable', String((error as Error)?.message ?? error));
    this.lookupFailed = true;
    this.#hooks.fail(e.code, e.sentence ? sentence(e.sentence, this.#host.resolvedLang) : e.message, e.cause ?? error);
  }

  #say(key: string, vars?: Record<string, string | number>): string {
    return t(key as MessageKey, vars, this.#host.resolvedLang);
  }

  #image = (event: Event): void => {
    this.#avatar = event.type === 'load' ? 'loaded' : 'failed';
    this.#host.requestUpdate();
  };

  /** The picture over the identicon (dropped if it fails to load) and the reachability dot. */
  avatar(): TemplateResult {
    const avatar = this.result?.identity.avatar;
    const reachable = this.#reachable;
    return html`${avatar && this.#avatar !== 'failed'
      ? html`<img part="avatar-image" class=${this.#avatar} src=${avatar} alt="" referrerpolicy="no-referrer" decoding="async" @load=${this.#image} @error=${this.#image} />`
      : nothing}${reachable !== undefined ? html`<span part="status" role="img" aria-label=${this.#say(reachable ? 'badge.reachable' : 'badge.unreachable')}></span>` : nothing}`;
  }

  /** The label lines once the lookup has answered: the name replaces the short address, which moves to the second line. */
  text(address: Address | null, short: string): TemplateResult {
    const label = this.label;
    const full = this.#host.variant === 'full';
    return html`${label ? html`<span part="name" title=${label}>${label}</span>` : html`<span part="address" title=${address ?? ''}>${short}</span>`}${full
      ? label && address
        ? html`<span class="second" part="address" title=${address}>${short}</span>`
        : html`<span class="second"></span>`
      : nothing}`;
  }

  /** The mark of a name claim that did not verify. */
  mark(): TemplateResult | typeof nothing {
    const mark = this.#say('badge.unverifiedMark');
    return this.#unverified ? html`<span part="unverified" role="img" aria-label=${mark} title=${mark}>!</span>` : nothing;
  }

  /** The card (a popover), rendered while open. */
  card(address: Address | null, short: string): TemplateResult {
    return html`<div part="card" id="card" popover="manual" role="dialog" aria-label=${this.label ?? short} ?hidden=${!this.open} @pointerenter=${this.#forward} @pointerleave=${this.#forward}>
      ${this.open && address ? this.#content(address, short) : nothing}
    </div>`;
  }

  #forward = (event: Event): void => this.handle(event);
  /** Esc gave focus back to the trigger: that focus is not a request to open. */
  #refocus = false;

  #part(name: string): HTMLElement | null | undefined {
    return this.#host.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  /** The badge forwards hover, focus, click and focus-out events here. */
  handle(event: Event): void {
    clearTimeout(this.#timer);
    switch (event.type) {
      case 'pointerenter':
        if (!this.open) this.#timer = setTimeout(() => void this.show(), 250);
        break;
      case 'pointerleave':
        if (this.open && !this.#host.matches(':focus-within')) this.#timer = setTimeout(() => this.hide(), 200);
        break;
      case 'focus':
        // The event may arrive after its dispatch ended (the view loads on first interaction), when its target is gone: ask the focused node.
        if (!this.#refocus && this.#host.shadowRoot?.activeElement?.matches(':focus-visible')) void this.show();
        this.#refocus = false;
        break;
      case 'click':
        if (this.open) this.hide();
        else void this.show();
        break;
      case 'focusout': {
        const next = (event as FocusEvent).relatedTarget as Node | null;
        const host = this.#host;
        if (this.open && (!next || !(host === next || host.contains(next) || host.shadowRoot?.contains(next)))) this.hide();
      }
    }
  }

  async show(): Promise<void> {
    clearTimeout(this.#timer);
    if (this.open) return;
    this.open = true;
    this.#host.requestUpdate();
    // While open, a name newly shown elsewhere on the page is checked against this card's.
    void this.#host.kit.identity().then(
      (service) => {
        if (!this.open || this.#unwatchShown) return;
        this.#unwatchShown = service.onShown(() => {
          this.#shownVersion++;
          this.#host.requestUpdate();
        });
      },
      () => {},
    );
    await this.#host.updateComplete;
    const card = this.#part('card');
    const trigger = this.#part('trigger');
    if (!card || !trigger || !this.open) return;
    if (typeof card.showPopover === 'function' && !card.matches(':popover-open')) card.showPopover();
    const place = () => {
      const r = trigger.getBoundingClientRect();
      const { offsetWidth: w, offsetHeight: h } = card;
      const below = r.bottom + 6;
      const top = below + h > innerHeight && r.top - h - 6 >= 0 ? r.top - h - 6 : below;
      card.style.top = `${Math.max(8, top)}px`;
      // Aligned with the badge's inline start: its left edge, or its right edge right to left.
      const x = getComputedStyle(this.#host).direction === 'rtl' ? r.right - w : r.left;
      card.style.left = `${Math.max(8, Math.min(x, innerWidth - w - 8))}px`;
    };
    // Esc closes the card from anywhere (focus goes back to the badge when it was inside).
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const inside = this.#host.matches(':focus-within');
      this.hide();
      // Focus coming back from the card must not reopen it.
      if (inside && this.#host.shadowRoot?.activeElement !== trigger) {
        this.#refocus = true;
        trigger.focus();
      }
    };
    // A press outside the badge and its card closes it.
    const press = (e: PointerEvent) => {
      if (!e.composedPath().includes(this.#host)) this.hide();
    };
    place();
    addEventListener('scroll', place, { capture: true, passive: true });
    addEventListener('resize', place, { passive: true });
    document.addEventListener('keydown', key, true);
    document.addEventListener('pointerdown', press, true);
    this.#unlisten = () => {
      removeEventListener('scroll', place, { capture: true });
      removeEventListener('resize', place);
      document.removeEventListener('keydown', key, true);
      document.removeEventListener('pointerdown', press, true);
    };
  }

  hide(): void {
    clearTimeout(this.#timer);
    this.#unlisten?.();
    this.#unlisten = null;
    this.#unwatchShown?.();
    this.#unwatchShown = null;
    if (!this.open) return;
    this.open = false;
    this.#note = '';
    const card = this.#part('card');
    if (card && typeof card.hidePopover === 'function' && card.matches(':popover-open')) card.hidePopover();
    this.#host.requestUpdate();
  }

  #content(address: Address, short: string): TemplateResult {
    const host = this.#host;
    const say = (key: string, vars?: Record<string, string | number>) => this.#say(key, vars);
    const result = this.result;
    const label = this.label;
    const reachable = this.#reachable;
    const error = this.#hooks.error();
    const identity = result?.identity;
    const texts = identity?.texts ?? {};
    const lens = identity?.lens;
    const chain = host.kit.chain(host.chain || undefined);
    const explorer = address ? explorerAddressUrl(chain?.blockExplorer, address) : null;
    const site = texts.url ? safeUrl(texts.url) : null;
    const x = texts['com.twitter'] ? twitterLink(texts['com.twitter']) : null;
    const gh = texts['com.github'] ? githubLink(texts['com.github']) : null;
    const claim = identity && !result?.given ? identity.unverifiedName : null;
    const link = (href: string, text: string) => html`<li><a href=${href} target="_blank" rel=${REL}>${text}</a></li>`;
    const chat = !!document.querySelector('mask-chat');
    const tip = !!document.querySelector('mask-tip');
    return html`
      <h2>${label ?? short}</h2>
      ${result?.given
        ? html`<p class="muted">${say('badge.verifiedGiven', { name: result.given.name })}</p>`
        : identity?.verified && label
          ? html`<p class="muted">${say('badge.verified', { name: label })}</p>`
          : nothing}
      ${claim !== null && claim !== undefined
        ? html`<p class="warn">${claim ? say('badge.unverified', { name: claim }) : say('badge.unverifiedInvalid')}</p>`
        : identity && !label
          ? html`<p class="muted">${say('badge.noName')}</p>`
          : nothing}
      ${this.#lookalikeWarning(label)} ${this.#trustLines()} ${!result && !error ? html`<p class="muted">${say('badge.loading')}</p>` : nothing}
      <dl>
        <dt>${say('badge.address')}</dt>
        <dd>${address}</dd>
      </dl>
      ${texts.description ? html`<p>${texts.description}</p>` : nothing}
      ${texts.url && !site ? html`<p class="muted">${texts.url}</p>` : nothing}
      ${texts['com.twitter'] && !x ? html`<p class="muted">𝕏 ${texts['com.twitter']}</p>` : nothing}
      ${texts['com.github'] && !gh ? html`<p class="muted">GitHub ${texts['com.github']}</p>` : nothing}
      <ul>
        ${site ? link(site.href, site.host) : nothing} ${x ? link(x.href, `𝕏 @${x.handle}`) : nothing}
        ${gh ? link(gh.href, `GitHub ${gh.handle}`) : nothing} ${explorer ? link(explorer, say('badge.explorer')) : nothing}
      </ul>
      ${this.#verifiedLinks(this.#merged(identity, 'links'))}
      ${lens
        ? html`<section class="lens" aria-label=${say('badge.lensProfile')}>
            <strong>${lens.name ?? lens.handle}</strong> <span class="muted">${lens.handle}</span>
            ${lens.account && identity
              ? html`<p part="lens-account" class="muted">${say('badge.lensAccount', { account: shortAddress(lens.account as Address), owner: shortAddress(identity.address), handle: lens.handle })}</p>`
              : nothing}
            ${lens.bio ? html`<p>${lens.bio}</p>` : nothing}
            ${lens.url ? html`<ul>${link(lens.url, say('badge.lensProfile'))}</ul>` : nothing}
          </section>`
        : nothing}
      ${this.#elsewhere(this.#merged(identity, 'profiles'))}
      ${reachable !== undefined ? html`<p class="muted">${say(reachable ? 'badge.reachable' : 'badge.unreachable')}</p>` : nothing}
      ${error ? html`<p part="error" class=${this.lookupFailed ? 'muted' : ''}>${error}</p>` : nothing}
      ${address && (chat || tip)
        ? html`<div class="actions">
            ${chat ? html`<button part="message-button" @click=${() => this.#ask(new MaskRequestChatEvent({ address, name: label }), say('badge.noChat'))}>${say('badge.message')}</button>` : nothing}
            ${tip ? html`<button part="tip-button" @click=${() => this.#ask(new MaskRequestTipEvent({ address, name: label }), say('badge.noTip'))}>${say('badge.tip')}</button>` : nothing}
          </div>`
        : nothing}
      <p class="muted" role="status">${this.#note}</p>
    `;
  }

  /** The look-alike warning: this card's name reads like another name on the page that belongs to someone else. Never blocks. */
  #lookalikeWarning(label: string | null): TemplateResult | typeof nothing {
    const found = this.#found;
    if (!found.length || !label) return nothing;
    const others = found.slice(0, 3).map((f) => `${f.name} (${shortAddress(f.address)})`);
    let list: string;
    try {
      list = new Intl.ListFormat(this.#host.resolvedLang, { type: 'disjunction' }).format(others);
    } catch {
      list = others.join(', ');
    }
    return html`<p part="lookalike-warning" class="warn">${this.#say(found.length === 1 ? 'badge.lookalike' : 'badge.lookalikeMany', { name: label, others: list })}</p>`;
  }

  /**
   * What the credential source says: "verified human" with who verified it, a plain warning when
   * flagged as risky or spam, or that it could not be asked. Shown, never acted on: nothing is hidden.
   */
  #trustLines(): TemplateResult | typeof nothing {
    const task = this.#trust;
    if (task.status === TaskStatus.ERROR) {
      const e = task.error as KitError;
      const why = e?.sentence ? sentence(e.sentence, this.#host.resolvedLang) : String(e?.message ?? e);
      return html`<p part="trust-unknown" class="muted">${this.#say('badge.trustFailed', { detail: why })}</p>`;
    }
    const trust = task.status === TaskStatus.COMPLETE ? task.value : null;
    if (!trust) return nothing;
    const who = (list: TrustCredential[]) => this.#list(list.map((c) => (c.label ? `${c.label} (${c.issuer})` : c.issuer)), 'conjunction');
    const source = trust.source === 'web3bio' ? 'web3.bio' : trust.source;
    return html`${trust.risky.length ? html`<p part="trust-warning risky" class="warn" role="note">${this.#say('badge.risky', { by: who(trust.risky), source })}</p>` : nothing}${trust.spam.length
      ? html`<p part="trust-warning spam" class="warn" role="note">${this.#say('badge.spam', { by: who(trust.spam), source })}</p>`
      : nothing}${trust.human.length ? html`<p part="trust-human" class="ok">${this.#say('badge.human', { by: who(trust.human), source })}</p>` : nothing}`;
  }

  /** The lookup's `links` or `profiles` (host resolvers), then the on-demand source's. */
  #merged<K extends 'links' | 'profiles'>(identity: Identity | undefined, key: K): Identity[K] {
    const more = this.#more.status === TaskStatus.COMPLETE ? this.#more.value : null;
    return [...(identity?.[key] ?? []), ...(more?.[key] ?? [])] as Identity[K];
  }

  /** Social links a source marks verified by a proof, with who verified them. */
  #verifiedLinks(links: Identity['links'] = []): TemplateResult | typeof nothing {
    if (!links.length) return nothing;
    return html`<ul part="verified-links">
      ${links.map((l) => {
        const text = this.#say('badge.verifiedLink', { platform: l.platform, handle: l.handle, by: l.verifiedBy.join(', ') });
        return html`<li>${l.url ? html`<a href=${l.url} target="_blank" rel=${REL}>${text}</a>` : text}</li>`;
      })}
    </ul>`;
  }

  /** Names on other platforms as an aggregator reports them: listed with their platform, never shown as verified. */
  #elsewhere(profiles: Identity['profiles'] = []): TemplateResult | typeof nothing {
    if (!profiles.length) return nothing;
    const source = profiles[0].source === 'web3bio' ? 'web3.bio' : profiles[0].source;
    return html`<section class="elsewhere" part="profiles" aria-label=${this.#say('badge.elsewhere', { source })}>
      <p class="muted">${this.#say('badge.elsewhere', { source })}</p>
      <ul>
        ${profiles.map((p) => html`<li><span class="muted">${p.platform}</span> ${p.name}${p.displayName && p.displayName !== p.name ? html` <span class="muted">(${p.displayName})</span>` : nothing}</li>`)}
      </ul>
    </section>`;
  }

  #list(items: string[], type: 'conjunction' | 'disjunction'): string {
    try {
      return new Intl.ListFormat(this.#host.resolvedLang, { type }).format(items);
    } catch {
      return items.join(', ');
    }
  }

  /** Fires the request; when nothing on the page answers (`preventDefault()`), says so. */
  #ask(event: Event, unanswered: string): void {
    this.#host.dispatchEvent(event);
    if (event.defaultPrevented) {
      this.hide();
      return;
    }
    this.#note = unanswered;
    this.#host.requestUpdate();
  }
}
