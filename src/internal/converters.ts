import type { ComplexAttributeConverter } from 'lit';

/**
 * An attribute converter for a closed set of values: an unknown value or a
 * removed attribute gives `fallback`, so removing the attribute restores the default.
 */
export function oneOf<T extends string>(values: readonly T[], fallback: T): ComplexAttributeConverter<T> {
  return {
    fromAttribute: (value) => (values.includes(value as T) ? (value as T) : fallback),
    toAttribute: (value) => value,
  };
}

/** A string attribute whose removal restores `''` (Lit would give null). */
export const text: ComplexAttributeConverter<string> = {
  fromAttribute: (value) => value ?? '',
};
