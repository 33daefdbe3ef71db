/**
 * The one provider for tests, stories and harness pages:
 * `<test-kit-provider .kit=${kit}>` gives the widgets inside it exactly the
 * kit the caller made (a dev-chain kit, a fixture kit, a story kit), through
 * the same context `<mask-provider>` uses, without the configuration a
 * `<mask-provider>` would build itself. Importing this module registers the
 * tag (once, whoever imports it first).
 */
import { ContextProvider } from '@lit/context';
import { html, type TemplateResult } from 'lit';
import type { Kit } from '../../src/context/kit.js';
import { kitContext } from '../../src/context/kit-context.js';

export const KIT_PROVIDER_TAG = 'test-kit-provider';

export class TestKitProvider extends HTMLElement {
  readonly #provider = new ContextProvider(this, { context: kitContext });

  /** The kit the widgets inside get; setting another one updates them. */
  set kit(kit: Kit) {
    this.#provider.setValue(kit);
  }
  get kit(): Kit | undefined {
    return this.#provider.value;
  }

  connectedCallback(): void {
    // Announces the provider to widgets that upgraded before it (they asked the page's default kit).
    this.#provider.hostConnected();
  }
}

if (!customElements.get(KIT_PROVIDER_TAG)) customElements.define(KIT_PROVIDER_TAG, TestKitProvider);

declare global {
  interface HTMLElementTagNameMap {
    'test-kit-provider': TestKitProvider;
  }
}

/** `content` inside a provider of `kit`, for lit templates (`fixture(withKit(kit, html\`<mask-tip>\`))`, a story's render). */
export function withKit(kit: Kit, content: unknown): TemplateResult {
  return html`<test-kit-provider .kit=${kit}>${content}</test-kit-provider>`;
}

/** A provider of `kit` made in script (harness pages without lit templates); append it where the widgets go. */
export function kitProvider(kit: Kit): TestKitProvider {
  const host = document.createElement(KIT_PROVIDER_TAG);
  host.kit = kit;
  return host;
}
