import { css } from 'lit';

/**
 * Host styles every element shares, in the `mask-widgets` cascade layer so a
 * host page's own CSS (including `::part()`) wins without `!important`.
 * Kit tokens: `--mask-color-*`, `--mask-radius`, `--mask-font-family`, `--mask-space-*`.
 * theme=auto inherits the color-scheme a host page declares; only where it declares none does the
 * `os-scheme` state (set by MaskElement) follow the visitor's preference. (No CSS comments inside:
 * they would ship.)
 */
export const hostStyles = css`
  @layer mask-widgets {
    :host {
      box-sizing: border-box;
      font-family: var(--mask-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
      color: var(--mask-color-text, light-dark(#1b1d22, #eceef2));
      --_accent: var(--mask-color-accent, light-dark(#1c68f3, #6ea2ff));
      --_on-accent: var(--mask-color-on-accent, light-dark(#fff, #0b1220));
      --_surface: var(--mask-color-surface, light-dark(#ffffff, #1d2026));
      --_muted: var(--mask-color-muted, light-dark(#5b6270, #a4abb8));
      --_border: var(--mask-color-border, light-dark(#d5d9e0, #3a3f4a));
      --_danger: var(--mask-color-danger, light-dark(#b42318, #ff8a80));
      --_radius: var(--mask-radius, 12px);
      --_space-1: var(--mask-space-1, 4px);
      --_space-2: var(--mask-space-2, 8px);
      --_space-3: var(--mask-space-3, 12px);
      --_space-4: var(--mask-space-4, 16px);
    }
    :host(:state(os-scheme)) {
      color-scheme: light dark;
    }
    :host([theme='light']) {
      color-scheme: light;
    }
    :host([theme='dark']) {
      color-scheme: dark;
    }
    :host *,
    :host *::before,
    :host *::after {
      box-sizing: inherit;
    }
    [hidden] {
      display: none !important;
    }
    button {
      font: inherit;
      cursor: pointer;
    }
    button:focus-visible,
    a:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .primary {
      background: var(--_accent);
      color: var(--_on-accent);
      border: 0;
      border-radius: var(--_radius);
      padding: var(--_space-2) var(--_space-4);
      font-weight: 600;
    }
    .primary:disabled {
      opacity: 0.6;
      cursor: progress;
    }
    [part~='error'] {
      color: var(--_danger);
      margin: var(--_space-1) 0 0;
      font-size: 0.875em;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media (prefers-reduced-motion: reduce) {
      :host,
      :host *,
      :host *::before,
      :host *::after {
        animation: none !important;
        transition: none !important;
      }
    }
  }
`;
