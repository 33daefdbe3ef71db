import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';

/**
 * A host page that declares `color-scheme: dark`: widgets under the default
 * `theme="auto"` follow it, so a story under this decorator is the element's
 * dark theme (and the stories e2e runs axe, colour contrast included, on it).
 */
export const darkPage: Decorator = (story) =>
  html`<div style="color-scheme: dark; background: #111318; color: #eceef2; padding: 16px; min-block-size: 100vh; box-sizing: border-box">${story()}</div>`;
