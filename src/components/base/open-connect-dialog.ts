import type { Kit } from '../../context/kit.js';
import type { Address } from '../../internal/address.js';
import { define } from '../../internal/define.js';
import type { KitError } from '../../internal/errors.js';
import { MaskConnectDialog } from './mask-connect-dialog.js';

const TAG = 'mask-connect-dialog';

/**
 * Shows the page's connect dialog for `kit`. Resolves with the account;
 * rejects with a `KitError` when the visitor closes it without connecting.
 * `report` hears every failed attempt while the dialog stays open.
 */
export function openConnectDialog(kit: Kit, report: (error: KitError) => void = () => {}): Promise<Address> {
  define(TAG, MaskConnectDialog);
  let dialog = document.querySelector(TAG) as MaskConnectDialog | null;
  if (!dialog) {
    dialog = document.createElement(TAG) as MaskConnectDialog;
    document.body.append(dialog);
  }
  const el = dialog;
  return new Promise<Address>((resolve, reject) => {
    void el.open({ kit, resolve, reject, report });
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'mask-connect-dialog': MaskConnectDialog;
  }
}
