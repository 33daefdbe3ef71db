/**
 * The manifest's descriptions are the elements' JSDoc, written in markdown:
 * `attr` in backticks means code. The API tables render them as React text,
 * where the backticks would show literally (issue 15); `inlineCode` turns
 * each backticked span into a `<code>` element and leaves the rest as text
 * (never as HTML: a description is data). An unpaired backtick stays as is.
 */
import { createElement as h, type ReactNode } from 'react';

export function inlineCode(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(h('code', { key: out.length }, m[1]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
