import { define } from '../../internal/define.js';
import { MaskChat } from './mask-chat.js';

export { MaskChat };
define('mask-chat', MaskChat);

declare global {
  interface HTMLElementTagNameMap {
    'mask-chat': MaskChat;
  }
}
