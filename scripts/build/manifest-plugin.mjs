/**
 * Writes `manifest.json` beside the bundle: every chunk with its static and
 * dynamic imports, so `npm run size` can tell what a page loads up front.
 */
export function chunkManifest() {
  return {
    name: 'mask-chunk-manifest',
    generateBundle(_options, bundle) {
      const chunks = {};
      for (const [file, item] of Object.entries(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks[file] = {
          name: item.name,
          isEntry: item.isEntry,
          imports: item.imports,
          dynamicImports: item.dynamicImports,
          modules: Object.keys(item.modules).length,
        };
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify({ chunks }, null, 2) });
    },
  };
}
