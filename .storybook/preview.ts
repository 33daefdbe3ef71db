import { Controls, Description, Primary, Stories, Subtitle, Title, useOf } from '@storybook/addon-docs/blocks';
import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
import { createElement as h, Fragment } from 'react';
import manifest from '../dist/custom-elements.json';
import { ApiTables } from '../stories/support/api-tables.js';

// Controls, argTypes and the docs pages' API tables all come from the manifest.
setCustomElementsManifest(manifest);

/** An element's docs page: its description, the primary story with controls, the API tables, every story. */
function ElementPage() {
  const { preparedMeta } = useOf('meta', ['meta']);
  const tag = typeof preparedMeta.component === 'string' ? preparedMeta.component : '';
  return h(
    Fragment,
    null,
    h(Title),
    h(Subtitle),
    h(Description),
    h(Primary),
    h(Controls),
    h('h2', null, 'API'),
    tag ? h(ApiTables, { tag }) : null,
    h(Stories),
  );
}

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    docs: { page: ElementPage, toc: true },
  },
};
export default preview;
