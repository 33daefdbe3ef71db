import { createContext } from '@lit/context';
import type { Kit } from './kit.js';

/**
 * The context key. A registered symbol, so two copies of the same major
 * version on one page find each other's provider.
 */
export const kitContext = createContext<Kit>(Symbol.for('mask-widgets/kit@1'));
