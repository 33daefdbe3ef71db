import { define } from '../../internal/define.js';
import { MaskProvider } from './mask-provider.js';

export { MaskProvider };
define('mask-provider', MaskProvider);

declare global {
  interface HTMLElementTagNameMap {
    'mask-provider': MaskProvider;
  }
}
