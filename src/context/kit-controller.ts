import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Kit } from './kit.js';
import { kitContext } from './kit-context.js';
import { getDefaultKit } from './root.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Gives an element the nearest kit (a `<mask-provider>` or the page's root)
 * and re-renders it whenever that kit's configuration or wallet changes.
 */
export class KitController implements ReactiveController {
  #host: Host;
  #kit: Kit | null = null;
  #onChange: () => void;

  constructor(host: Host, onChange?: (kit: Kit) => void) {
    this.#host = host;
    this.#onChange = () => {
      host.requestUpdate();
      if (this.#kit) onChange?.(this.#kit);
    };
    new ContextConsumer(host, { context: kitContext, subscribe: true, callback: (kit) => this.#use(kit) });
    host.addController(this);
  }

  /** The kit in effect for this element. */
  get kit(): Kit {
    return this.#kit ?? this.#use(getDefaultKit());
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
