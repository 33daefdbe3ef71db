import type { Connector } from '../../context/kit.js';

/**
 * The kit's own connect flow: the shared connect dialog, loaded from its own
 * chunk on first use. The entry hands it to the page's kit
 * (`kit.useConnector(connectWithDialog)`); an element whose kit has no flow
 * at all (a page that loads only `mask-widgets/tip/define`) uses it too.
 */
export const connectWithDialog: Connector = (kit, report) => import('./open-connect-dialog.js').then((m) => m.openConnectDialog(kit, report));
