export const BADGE_SIZES = ['sm', 'md', 'lg'] as const;
export type BadgeSize = (typeof BADGE_SIZES)[number];

export const BADGE_VARIANTS = ['full', 'compact', 'avatar'] as const;
export type BadgeVariant = (typeof BADGE_VARIANTS)[number];

/** `lazy`: look the identity up when the badge comes near the viewport; `eager`: right away. */
export const BADGE_LOADING = ['lazy', 'eager'] as const;
export type BadgeLoading = (typeof BADGE_LOADING)[number];
