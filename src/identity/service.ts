import type { Kit } from '../context/kit.js';
import { KitError } from '../wallet/errors.js';
import type { IdentityService } from './types.js';

/**
 * Placeholder until the identity issue lands: the interface is final
 * (`./types.ts`), the implementation is not. Every call says so plainly.
 */
export function createIdentityService(_kit: Kit): IdentityService {
  const unavailable = (): never => {
    throw new KitError('resolution-failed', 'Name resolution is not available in this build yet.');
  };
  return {
    resolveName: async () => unavailable(),
    lookup: async () => unavailable(),
    addResolver: () => unavailable(),
  };
}
