import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Kit } from './kit.js';
import { kitContext } from './kit-context.js';
import { getDefaultKit } from './root.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Gives an element its kit and re-renders it whenever that kit's
 * configuration or wallet changes. The kit is the one set on the element
 * (`own`), else the nearest provider's (a `<mask-provider>` or the page's
 * root, through context), else the page's default.
 */
export class KitController implements ReactiveController {
  #host: Host;
  #kit: Kit | null = null;
  /** What the context answered (kept while `own` overrides it). */
  #provided: Kit | null = null;
  #own: Kit | null = null;
  #onChange: () => void;

  constructor(host: Host, onChange?: (kit: Kit) => void) {
    this.#host = host;
    this.#onChange = () => {
      host.requestUpdate();
      if (this.#kit) onChange?.(this.#kit);
    };
    new ContextConsumer(host, {
      context: kitContext,
      subscribe: true,
      callback: (kit) => {
        this.#provided = kit;
        if (!this.#own) this.#use(kit);
      },
    });
    host.addController(this);
  }

  /** The kit in effect for this element. */
  get kit(): Kit {
    return this.#kit ?? this.#use(getDefaultKit());
  }

  /** A kit set on the element itself, which wins over the context's; null goes back to the context's. */
  set own(kit: Kit | null) {
    this.#own = kit;
    this.#use(kit ?? this.#provided ?? getDefaultKit());
  }

  hostConnected(): void {
    // No provider answered (the element lives outside any document with the
    // kit's root): fall back to the page's default kit.
    if (!this.#kit) this.#use(getDefaultKit());
    else this.#kit.addEventListener('change', this.#onChange);
  }

  hostDisconnected(): void {
    this.#kit?.removeEventListener('change', this.#onChange);
  }

  #use(kit: Kit): Kit {
    if (kit === this.#kit) return kit;
    this.#kit?.removeEventListener('change', this.#onChange);
    this.#kit = kit;
    if (this.#host.isConnected) kit.addEventListener('change', this.#onChange);
    this.#onChange();
    return kit;
  }
}
