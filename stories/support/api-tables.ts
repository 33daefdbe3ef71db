/**
 * The API tables of an element's docs page, generated from the custom
 * elements manifest (dist/custom-elements.json, which the analyzer reads from
 * the element's JSDoc): attributes, properties, methods, events, slots, CSS
 * parts, CSS custom properties and custom states. Nothing here is written by
 * hand; a tag missing from the JSDoc is missing here.
 */
import { getCustomElements } from '@storybook/web-components';
import { createElement as h, Fragment, type ReactNode } from 'react';
import { inlineCode } from './inline-code.js';

interface Item {
  name?: string;
  kind?: string;
  description?: string;
  summary?: string;
  default?: string;
  type?: { text?: string };
  attribute?: string;
  fieldName?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  parameters?: { name: string; type?: { text?: string }; optional?: boolean }[];
  return?: { type?: { text?: string } };
}
export interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  description?: string;
  summary?: string;
  attributes?: Item[];
  members?: Item[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
  cssStates?: Item[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

/** The manifest's declaration of `tag`. */
export function declarationOf(tag: string, manifest = getCustomElements() as Manifest | undefined): Declaration | undefined {
  for (const mod of manifest?.modules ?? []) for (const d of mod.declarations ?? []) if (d.customElement && d.tagName === tag) return d;
  return undefined;
}

const code = (text: string | undefined): ReactNode => (text ? h('code', null, text) : '—');
/** An item's description, its markdown `code` spans as `<code>`. */
const text = (item: Item): ReactNode[] => inlineCode(item.description || item.summary || '');

/** Everything a page can use: public, instance members (inherited ones included, as the analyzer lists them). */
const isPublic = (m: Item) => !m.static && (!m.privacy || m.privacy === 'public') && !m.name?.startsWith('#');

function signature(m: Item): string {
  const params = (m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`).join(', ');
  return `${m.name}(${params})${m.return?.type?.text ? `: ${m.return.type.text}` : ''}`;
}

function table(id: string, title: string, head: string[], rows: ReactNode[][]): ReactNode {
  if (!rows.length) return null;
  return h(
    'section',
    { key: id, 'data-api-table': id },
    h('h3', null, title),
    h(
      'table',
      { style: { width: '100%', borderCollapse: 'collapse' } },
      h('thead', null, h('tr', null, head.map((c) => h('th', { key: c, scope: 'col', style: { textAlign: 'start' } }, c)))),
      h('tbody', null, rows.map((cells, i) => h('tr', { key: i }, cells.map((c, j) => h('td', { key: j, style: { verticalAlign: 'top' } }, c))))),
    ),
  );
}

/** All the API tables of one element. */
export function ApiTables({ tag }: { tag: string }): ReactNode {
  const d = declarationOf(tag);
  if (!d) return h('p', { role: 'alert' }, `No manifest entry for <${tag}>: run npm run build.`);
  const members = (d.members ?? []).filter(isPublic);
  const fields = members.filter((m) => m.kind === 'field');
  const methods = members.filter((m) => m.kind === 'method');
  return h(
    Fragment,
    null,
    table('attributes', 'Attributes', ['Attribute', 'Property', 'Type', 'Default', 'Description'], (d.attributes ?? []).map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), text(a)])),
    table('properties', 'Properties', ['Property', 'Attribute', 'Type', 'Default', 'Description'], fields.map((f) => [code(f.name), code(f.attribute), code(f.type?.text), f.readonly ? 'read-only' : code(f.default), text(f)])),
    table('methods', 'Methods', ['Method', 'Description'], methods.map((m) => [code(signature(m)), text(m)])),
    table('events', 'Events', ['Event', 'Type', 'Description'], (d.events ?? []).filter((e) => e.name).map((e) => [code(e.name), code(e.type?.text), text(e)])),
    table('slots', 'Slots', ['Slot', 'Description'], (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', text(s)])),
    table('css-parts', 'CSS parts', ['Part', 'Description'], (d.cssParts ?? []).map((p) => [code(`::part(${p.name})`), text(p)])),
    table('css-properties', 'CSS custom properties', ['Property', 'Default', 'Description'], (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default), text(p)])),
    table('custom-states', 'Custom states', ['State', 'Description'], (d.cssStates ?? []).map((s) => [code(`:state(${s.name})`), text(s)])),
  );
}
