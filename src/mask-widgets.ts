/**
 * The script-tag entry: the page's default kit, `window.MaskWidgets`, and every
 * element. Heavy parts (viem, the connect dialog, identity, tips, XMTP) load
 * on first need from their own chunks. The context opens no UI itself: this
 * entry hands the page's kit its connect flow (the connect dialog).
 */
import './components/provider/define.js';
import './components/id-badge/define.js';
import './components/tip/define.js';
import './components/chat/define.js';
import { connectWithDialog } from './components/base/connector.js';
import { installGlobalApi } from './context/global-api.js';
import { getDefaultKit } from './context/root.js';

export { Kit } from './context/kit.js';
export type { KitConfig, KitConfigInput } from './context/kit.js';
export { getDefaultKit } from './context/root.js';
export { MaskErrorEvent } from './events/mask-error.js';
export { MaskWalletChangeEvent } from './events/mask-wallet-change.js';
export { ERROR_CODES, type MaskErrorCode } from './events/error-codes.js';
export { MaskProvider } from './components/provider/mask-provider.js';
export { MaskIdBadge } from './components/id-badge/mask-id-badge.js';
// Badge card actions as types only (the classes live in the badge card's lazy chunk), and the identity service contract.
export type { MaskRequestChatEvent, MaskRequestChatDetail } from './events/mask-request-chat.js';
export type { MaskRequestTipEvent, MaskRequestTipDetail } from './events/mask-request-tip.js';
export type { Identity, IdentityFailure, IdentityResolver, IdentityService, IdentitySource, NameResolution } from './identity/types.js';
export { MaskTip } from './components/tip/mask-tip.js';
// Tip events as types only: the classes live in the tip's lazy chunk, so the entry stays small.
export type { MaskTipRequestEvent, MaskTipRequestDetail } from './events/mask-tip-request.js';
export type { MaskTipSentEvent, MaskTipSentDetail } from './events/mask-tip-sent.js';
export type { MaskTipConfirmedEvent, MaskTipConfirmedDetail } from './events/mask-tip-confirmed.js';
export type { TipState } from './components/tip/mask-tip.types.js';
export { MaskChat } from './components/chat/mask-chat.js';
export { define } from './internal/define.js';
export { VERSION } from './internal/version.js';

const kit = getDefaultKit();
// Another copy of the kit on the page (or the host) may have handed it one already.
if (!kit.connector) kit.useConnector(connectWithDialog);

export const MaskWidgets = installGlobalApi(kit);
