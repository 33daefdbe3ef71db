import { define } from '../../internal/define.js';
import { MaskIdBadge } from './mask-id-badge.js';

export { MaskIdBadge };
define('mask-id-badge', MaskIdBadge);

declare global {
  interface HTMLElementTagNameMap {
    'mask-id-badge': MaskIdBadge;
  }
}
