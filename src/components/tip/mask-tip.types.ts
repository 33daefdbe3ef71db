/** The tip's lifecycle states: the flow owns them (`src/tip/states.ts`); the element, its tests and stories read them here. */
export { TIP_STATES, type TipState } from '../../tip/states.js';
