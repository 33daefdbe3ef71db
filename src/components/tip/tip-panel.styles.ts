import { css } from 'lit';

/** The panel's styles: adopted by `<mask-tip>`'s shadow root when the panel first loads. */
export const panelStyles = css`
  @layer mask-widgets {
    [part~='panel'] {
      position: fixed;
      inset: 0;
      margin: auto;
      width: min(var(--mask-tip-panel-width, 380px), calc(100vw - 24px));
      height: fit-content;
      max-height: calc(100dvh - 24px);
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
      padding: var(--_space-4);
      box-shadow: 0 12px 40px rgb(0 0 0 / 25%);
      font-size: 0.9375rem;
      line-height: 1.4;
    }
    [part~='header'] {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: var(--_space-2);
      margin-bottom: var(--_space-3);
    }
    h2 {
      font-size: 1.125rem;
      margin: 0;
    }
    .icon {
      border: 0;
      background: transparent;
      color: inherit;
      padding: var(--_space-1);
      border-radius: 6px;
      line-height: 0;
    }
    form {
      display: grid;
      gap: var(--_space-3);
    }
    .label,
    legend,
    .note {
      font-weight: 600;
      font-size: 0.875rem;
    }
    [part~='recipient'] {
      display: grid;
      gap: var(--_space-1);
    }
    [part~='recipient-address'],
    [part~='transaction'] code {
      font-family: var(--mask-font-family-mono, ui-monospace, monospace);
      font-size: 0.8125rem;
      overflow-wrap: anywhere;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.8125rem;
      font-weight: 400;
      margin: 0;
    }
    .warning,
    :host(:state(warning)) [part~='status'] {
      color: var(--_danger);
      font-weight: 600;
    }
    .warning {
      margin: 0;
      font-size: 0.8125rem;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--_space-2);
      min-width: 0;
    }
    legend {
      padding: 0;
      margin-bottom: var(--_space-2);
    }
    .presets {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
    }
    [part~='preset'],
    [part~='secondary-button']:not(.primary) {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: transparent;
      color: inherit;
      padding: var(--_space-1) var(--_space-3);
    }
    [part~='preset'][aria-pressed='true'] {
      border-color: var(--_accent);
      box-shadow: inset 0 0 0 1px var(--_accent);
    }
    .field {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0 var(--_space-3);
    }
    .field:focus-within {
      outline: 2px solid var(--_accent);
      outline-offset: 1px;
    }
    input,
    textarea {
      font: inherit;
      color: inherit;
      background: transparent;
    }
    input {
      flex: 1;
      min-width: 0;
      border: 0;
      outline: 0;
      padding: var(--_space-2) 0;
      font-variant-numeric: tabular-nums;
    }
    [aria-invalid='true'] {
      color: var(--_danger);
    }
    [part~='amount-error'] {
      color: var(--_danger);
      font-size: 0.8125rem;
      margin: 0;
    }
    .note {
      display: grid;
      gap: var(--_space-1);
    }
    textarea {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space-2);
      resize: vertical;
      font-weight: 400;
    }
    [part~='summary'] {
      margin: 0;
      display: grid;
      gap: var(--_space-1);
      font-size: 0.875rem;
    }
    [part~='summary'] div {
      display: flex;
      justify-content: space-between;
      gap: var(--_space-3);
    }
    dt {
      color: var(--_muted);
    }
    dd {
      margin: 0;
      text-align: end;
      font-variant-numeric: tabular-nums;
      overflow-wrap: anywhere;
    }
    [part~='status'],
    [part~='transaction'] {
      margin: 0;
    }
    [part~='panel'] [part~='error'] {
      margin: 0;
    }
    [part~='actions'] {
      display: flex;
      justify-content: flex-end;
      gap: var(--_space-2);
    }
    [part~='actions']:empty {
      display: none;
    }
    .danger {
      background: var(--_danger);
    }
    a {
      color: var(--_accent);
    }
    :disabled {
      cursor: not-allowed;
    }
  }
`;
