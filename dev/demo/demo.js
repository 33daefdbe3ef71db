// Queues the kit's configuration before the module script loads (the pattern a site owner uses).
window.MaskWidgets = window.MaskWidgets || [];
window.MaskWidgets.push(['configure', JSON.parse(document.getElementById('demo-config').textContent)]);

// The site's own Connect button, built on the public API only: MaskWidgets.connect() and
// disconnect(), and the mask-wallet-change event on document (also fired when the kit
// reconnects silently to a wallet that remembers this site).
(function () {
  const api = () => (Array.isArray(window.MaskWidgets) ? null : window.MaskWidgets);
  const short = (a) => a.slice(0, 6) + '\u2026' + a.slice(-4);
  function show(account) {
    const connect = document.getElementById('connect');
    if (!connect) return;
    connect.hidden = !!account;
    document.getElementById('connected').hidden = !account;
    document.getElementById('account').textContent = account ? 'Connected as ' + short(account) : '';
  }
  document.addEventListener('mask-wallet-change', (e) => show(e.account));
  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('connect').addEventListener('click', async () => {
      const kit = api();
      if (!kit) return; // the kit is still loading: the button works once it is there
      try {
        show(await kit.connect());
      } catch {
        // The connect dialog already says what went wrong and offers a retry.
      }
    });
    document.getElementById('disconnect').addEventListener('click', () => {
      api()?.disconnect();
      show(null);
    });
    show(api()?.account ?? null);
  });
})();
