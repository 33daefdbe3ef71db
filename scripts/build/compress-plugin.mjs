import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Writes `.br` and `.gz` beside every emitted file, for servers that serve precompressed assets. */
export function precompress() {
  return {
    name: 'mask-precompress',
    async writeBundle(options, bundle) {
      await Promise.all(
        Object.keys(bundle).map(async (file) => {
          const path = join(options.dir, file);
          const data = await fs.readFile(path);
          await fs.writeFile(`${path}.gz`, gzipSync(data, { level: 9 }));
          await fs.writeFile(
            `${path}.br`,
            brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
          );
        }),
      );
    },
  };
}
