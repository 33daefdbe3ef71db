import { define } from '../../internal/define.js';
import { MaskTip } from './mask-tip.js';

export { MaskTip };
define('mask-tip', MaskTip);

declare global {
  interface HTMLElementTagNameMap {
    'mask-tip': MaskTip;
  }
}
