export const BADGE_SIZES = ['sm', 'md', 'lg'] as const;
export type BadgeSize = (typeof BADGE_SIZES)[number];

export const BADGE_VARIANTS = ['full', 'compact', 'avatar'] as const;
export type BadgeVariant = (typeof BADGE_VARIANTS)[number];
