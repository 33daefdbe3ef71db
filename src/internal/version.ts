/** The kit's version, replaced at build time; `dev` when running from source. */
declare const __MASK_VERSION__: string | undefined;
export const VERSION: string = typeof __MASK_VERSION__ === 'string' ? __MASK_VERSION__ : 'dev';
