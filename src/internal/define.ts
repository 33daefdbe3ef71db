import { VERSION } from './version.js';

type KitElementClass = CustomElementConstructor & { kitVersion?: string };

let warned = false;

/**
 * Registers `ctor` as `tag` in `registry`, idempotently.
 *
 * - Already defined with the same class: nothing happens.
 * - Already defined by another copy of the kit (or anything else): nothing is
 *   redefined, nothing throws, and one console warning (one per copy of the
 *   kit, not one per tag) names both versions.
 *
 * Returns the class that owns the tag afterwards.
 */
export function define(
  tag: string,
  ctor: KitElementClass,
  registry: CustomElementRegistry = customElements,
): CustomElementConstructor {
  const existing = registry.get(tag) as KitElementClass | undefined;
  if (!existing) {
    registry.define(tag, ctor);
    return ctor;
  }
  if (existing !== ctor && !warned) {
    warned = true;
    const owner = existing.kitVersion ? `mask-widgets ${existing.kitVersion}` : 'another script';
    console.warn(
      `mask-widgets ${VERSION}: <${tag}> is already defined by ${owner}, which is kept. Load the kit once per page.`,
    );
  }
  return existing;
}
