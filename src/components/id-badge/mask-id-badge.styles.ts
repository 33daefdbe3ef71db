import { css } from 'lit';

/**
 * The badge's first paint; what a lookup adds (name, picture, marks, the card)
 * is styled by the lazy view (`mask-id-badge.view.ts`). Space is reserved so a name or an avatar
 * arriving never moves the page: the avatar box has a fixed size, the label
 * column a fixed width (`--mask-id-badge-label-width`; names ellipsize) and,
 * in the `full` variant, always two lines (2.5em, also while not connected or
 * showing an error). The base is a block-level flex box, so the host's height
 * is its content's, never the page's line height: a page's `:not(:defined)`
 * rule can reserve exactly that box (stories/docs/first-paint.css). Written
 * tersely: it ships in the entry.
 */
export const badgeStyles = css`
  @layer mask-widgets {
    :host {
      display: inline-block;
      vertical-align: middle;
      max-width: 100%;
      --_size: var(--mask-id-badge-avatar-size, 32px);
      --_label: var(--mask-id-badge-label-width, 9em);
    }
    :host([size='sm']) {
      --_size: var(--mask-id-badge-avatar-size, 20px);
      font-size: 0.875em;
    }
    :host([size='lg']) {
      --_size: var(--mask-id-badge-avatar-size, 48px);
      font-size: 1.125em;
    }
    [part~='base'],
    .trigger {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
      max-width: 100%;
    }
    [part~='base'] {
      display: flex;
    }
    :host([variant='full']) [part~='base'] {
      min-block-size: 2.5em;
    }
    .trigger {
      gap: var(--mask-id-badge-gap, var(--_space-2));
      min-width: 0;
      padding: 0;
      border: 0;
      background: none;
      color: inherit;
      text-align: start;
      border-radius: 6px;
    }
    [part~='avatar'] {
      position: relative;
      flex: none;
      width: var(--_size);
      height: var(--_size);
    }
    [part~='avatar'] > * {
      display: block;
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      border-radius: var(--mask-id-badge-avatar-radius, 50%);
      object-fit: cover;
    }
    .placeholder,
    .skeleton {
      background: var(--_border);
    }
    .text {
      display: inline-flex;
      flex-direction: column;
      justify-content: center;
      inline-size: var(--_label);
      min-width: 0;
      line-height: 1.25;
    }
    :host([variant='full']) .text {
      min-block-size: 2.5em;
    }
    .text > * {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part~='address'] {
      font-family: var(--mask-font-family-mono, ui-monospace, monospace);
      font-size: 0.875em;
    }
    .second {
      color: var(--_muted);
      min-block-size: 1.25em;
    }
    .skeleton {
      display: block;
      inline-size: 70%;
      block-size: 0.7em;
      margin-block: 0.25em;
      border-radius: 4px;
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
    @keyframes pulse {
      to {
        opacity: 0.4;
      }
    }
    [part~='copy-button'],
    .copy {
      flex: none;
      border: 0;
      background: none;
      color: var(--_muted);
      padding: var(--_space-1);
      border-radius: 6px;
      line-height: 0;
    }
    .copy {
      inline-size: calc(1em + 2 * var(--_space-1));
      aspect-ratio: 1;
    }
    [part~='copy-button'] svg {
      width: 1em;
      height: 1em;
    }
    :host([variant='avatar']) :is(.text, [part~='copy-button'], .copy) {
      display: none;
    }
  }
`;
