// Queues the kit's configuration before the module script loads (the pattern a site owner uses).
window.MaskWidgets = window.MaskWidgets || [];
window.MaskWidgets.push(['configure', JSON.parse(document.getElementById('demo-config').textContent)]);
