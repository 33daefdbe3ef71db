/**
 * The tip's lifecycle (the flow's states; `components/tip/mask-tip.types.ts`
 * re-exports them for the element, its tests and stories). Each state is a CSS custom state on `<mask-tip>`
 * (`:host(:state(pending))`), has its own sentence in the `status` part and
 * its own story.
 *
 * idle → connecting → switching → checking → [warning →] confirming → pending → confirmed
 *                                                    ↘ failed | rejected (retry keeps every input)
 */
export const TIP_STATES = ['idle', 'connecting', 'switching', 'checking', 'warning', 'confirming', 'pending', 'confirmed', 'failed', 'rejected'] as const;
export type TipState = (typeof TIP_STATES)[number];
