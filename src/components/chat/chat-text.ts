/**
 * How a message's text is laid out: as text (never markup), with `https:`
 * links that show where they really go, bidi controls removed, at most a
 * screenful of characters at first (a "Show more" adds the next part), and
 * every long unbroken run in a span the browser may break anywhere. Those
 * three bounds keep one hostile message of any size and shape cheap to lay
 * out (see `internal/text.ts` for the line-breaking cost they avoid).
 */
import { html, type TemplateResult } from 'lit';
import { clip, linkPieces, splitLongRuns } from '../../internal/text.js';

/** Characters of a message laid out at first. */
export const FIRST_CHARS = 2_000;
/** Characters each "Show more" adds. */
export const MORE_CHARS = 10_000;

type Piece = string | TemplateResult;

/**
 * The first `shown` characters of `text` as pieces (a plain string when
 * nothing needs markup: one DOM node), and how many characters are left.
 * A link is never cut: it is shown whole or not yet.
 */
export function messageText(text: string, shown = FIRST_CHARS): { content: string | Piece[]; rest: number } {
  const out: Piece[] = [];
  let budget = shown;
  let rest = 0;
  let plain = true;
  for (const piece of linkPieces(text)) {
    if (piece.kind === 'link') {
      // linkPieces only links URLs of at most 4 KB.
      if (budget <= 0) {
        rest += piece.label.length;
        continue;
      }
      budget -= piece.label.length;
      plain = false;
      out.push(html`<a part="link" class=${piece.label.length > 64 ? 'run' : ''} href=${piece.href} target="_blank" rel="noopener noreferrer" dir="ltr">${piece.label}</a>`);
      continue;
    }
    const visible = budget > 0 ? clip(piece.text, budget) : '';
    budget -= visible.length;
    rest += piece.text.length - visible.length;
    if (!visible) continue;
    if (/\S{65}/.test(visible)) plain = false;
    for (const run of splitLongRuns(visible)) out.push(run.long ? html`<span class="run">${run.text}</span>` : run.text);
  }
  if (plain) return { content: out.join(''), rest };
  return { content: out, rest };
}
