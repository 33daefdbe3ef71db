import { nothing, svg, type TemplateResult } from 'lit';

/**
 * A deterministic 5×5 mirrored identicon for an address, computed locally
 * (no network, no lazy chunk). Same address (any case) → same picture.
 * Decorative (hidden from assistive tech) unless a `label` is given.
 */
export function identicon(address: string, label = ''): TemplateResult {
  const hex = address.toLowerCase().replace(/^0x/, '').padEnd(40, '0');
  const byte = (i: number): number => Number.parseInt(hex.slice((i * 2) % 40, ((i * 2) % 40) + 2), 16) || 0;
  const hue = Math.round((byte(0) * 256 + byte(1)) % 360);
  const fg = `hsl(${hue} 62% 48%)`;
  const bg = `hsl(${(hue + 180) % 360} 45% 90%)`;
  const cells: TemplateResult[] = [];
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if (byte(2 + y * 3 + x) % 2 === 0) continue;
      cells.push(svg`<rect x=${x} y=${y} width="1" height="1"/>`);
      if (x < 2) cells.push(svg`<rect x=${4 - x} y=${y} width="1" height="1"/>`);
    }
  }
  return svg`<svg viewBox="-0.5 -0.5 6 6" role=${label ? 'img' : 'presentation'} aria-label=${label || nothing} aria-hidden=${label ? nothing : 'true'} focusable="false"><rect x="-0.5" y="-0.5" width="6" height="6" fill=${bg}/><g fill=${fg}>${cells}</g></svg>`;
}
