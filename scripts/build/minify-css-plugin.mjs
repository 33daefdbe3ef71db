/**
 * Minifies the text of Lit `css` tagged templates in our own sources (terser
 * leaves template text alone): comments dropped, whitespace collapsed, and the
 * spaces around `{ } ; , :` that CSS ignores removed. CSS strings (`'…'`,
 * `"…"`) and `${…}` interpolations are kept as they are, and a space next to
 * an interpolation stays one space; line breaks stay, so source maps stay right.
 * A template it cannot read with certainty
 * (a backtick or a template inside an interpolation) is left untouched.
 * It saves about 0.2 KB brotli in the entry.
 */

/** The minified text of one template's static part (between interpolations). */
export function minifyCssText(text, { first = true, last = true } = {}) {
  const parts = text.split(/('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")/);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i];
    if (i % 2 === 1) {
      out += part; // a CSS string, verbatim
      continue;
    }
    // Line breaks are kept (one per line of the source) so the source map of the rest of the file stays right.
    part = part
      .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, '') || ' ')
      .replace(/\s+/g, (space) => space.replace(/[^\n]/g, '').replace(/^$/, ' '));
    // `:` only after a property name (`color: red`), never in a selector (`a :hover` differs from `a:hover`).
    part = part.replace(/ ?([{};,]) ?/g, '$1').replace(/([\w-]): /g, '$1:').replace(/;(\n*)}/g, '$1}');
    out += part;
  }
  if (first) out = out.replace(/^ /, '');
  if (last) out = out.replace(/ $/, '');
  return out;
}

/**
 * The template starting at `start` (just after the opening backtick): its static parts and
 * interpolations, and the index just after its closing backtick; null when unsure.
 */
function readTemplate(code, start) {
  const quasis = [];
  const expressions = [];
  let i = start;
  let text = '';
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') {
      text += code.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      quasis.push(text);
      return { quasis, expressions, end: i + 1 };
    } else if (c === '$' && code[i + 1] === '{') {
      quasis.push(text);
      text = '';
      let depth = 1;
      let j = i + 2;
      while (j < code.length && depth > 0) {
        const d = code[j];
        // A template or a string inside the interpolation could hold a brace: not read with certainty.
        if (d === '`' || d === "'" || d === '"') return null;
        if (d === '{') depth++;
        else if (d === '}') depth--;
        j++;
      }
      if (depth) return null;
      expressions.push(code.slice(i, j));
      i = j;
    } else {
      text += c;
      i++;
    }
  }
  return null;
}

/** `css\`…\`` templates of `code` minified; the same string when there is none. */
export function minifyCssTemplates(code) {
  let out = '';
  let from = 0;
  const tag = /\bcss`/g;
  let match;
  while ((match = tag.exec(code))) {
    const start = match.index + match[0].length;
    const template = readTemplate(code, start);
    if (!template) continue;
    const { quasis, expressions, end } = template;
    let body = '';
    quasis.forEach((q, k) => {
      body += minifyCssText(q, { first: k === 0, last: k === quasis.length - 1 });
      if (k < expressions.length) body += expressions[k];
    });
    out += code.slice(from, start) + body + '`';
    from = end;
    tag.lastIndex = end;
  }
  return from ? out + code.slice(from) : code;
}

/** Rollup plugin: runs before esbuild on our TypeScript sources. */
export function minifyCss({ include = /\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'mask-minify-css',
    transform(code, id) {
      if (!include.test(id) || !code.includes('css`')) return null;
      const next = minifyCssTemplates(code);
      // Same lines as the source (only columns inside the templates moved): the map is the identity on lines.
      return next === code ? null : { code: next, map: null };
    },
  };
}
