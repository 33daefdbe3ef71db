import { css } from 'lit';

export const badgeStyles = css`
  @layer mask-widgets {
    :host {
      display: inline-block;
      vertical-align: middle;
      --_size: var(--mask-id-badge-avatar-size, 32px);
      --_gap: var(--mask-id-badge-gap, var(--_space-2));
    }
    :host([size='sm']) {
      --_size: var(--mask-id-badge-avatar-size, 20px);
      font-size: 0.875em;
    }
    :host([size='lg']) {
      --_size: var(--mask-id-badge-avatar-size, 48px);
      font-size: 1.125em;
    }
    [part~='base'] {
      display: inline-flex;
      align-items: center;
      gap: var(--_gap);
      max-width: 100%;
    }
    [part~='avatar'] {
      flex: none;
      width: var(--_size);
      height: var(--_size);
      border-radius: var(--mask-id-badge-avatar-radius, 50%);
      overflow: hidden;
      display: inline-block;
    }
    [part~='avatar'] svg {
      display: block;
      width: 100%;
      height: 100%;
    }
    .text {
      display: inline-flex;
      flex-direction: column;
      min-width: 0;
      line-height: 1.2;
    }
    [part~='name'] {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part~='address'] {
      color: var(--_muted);
      font-family: var(--mask-font-family-mono, ui-monospace, monospace);
      font-size: 0.875em;
    }
    [part~='copy-button'] {
      border: 0;
      background: transparent;
      color: var(--_muted);
      padding: var(--_space-1);
      border-radius: 6px;
      line-height: 0;
    }
    [part~='copy-button'] svg {
      width: 1em;
      height: 1em;
    }
    :host([variant='avatar']) .text,
    :host([variant='avatar']) [part~='copy-button'] {
      display: none;
    }
    :host([variant='compact']) [part~='address'] {
      display: none;
    }
  }
`;
