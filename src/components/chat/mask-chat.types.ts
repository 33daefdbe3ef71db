export const CHAT_MODES = ['launcher', 'inline'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];

export const CHAT_POSITIONS = ['right', 'left'] as const;
export type ChatPosition = (typeof CHAT_POSITIONS)[number];
