import type { Plugin } from 'rollup';

export function minifyCssText(text: string, options?: { first?: boolean; last?: boolean }): string;
export function minifyCssTemplates(code: string): string;
export function minifyCss(options?: { include?: RegExp }): Plugin;
