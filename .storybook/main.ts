import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { StorybookConfig } from '@storybook/web-components-vite';

// The docs pages' API tables come from dist/custom-elements.json (`npm run build`
// writes it). A fresh clone that runs Storybook before building gets it from the analyzer alone.
if (!existsSync(new URL('../dist/custom-elements.json', import.meta.url))) {
  spawnSync('npx', ['cem', 'analyze', '--quiet'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  addons: ['@storybook/addon-docs'],
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config) {
    // Lit's standard decorators (`accessor`) must be lowered: no browser runs them natively yet.
    config.esbuild = { ...(config.esbuild || {}), target: 'es2022' };
    config.optimizeDeps = { ...(config.optimizeDeps || {}), esbuildOptions: { target: 'es2022' } };
    config.build = { ...(config.build || {}), target: 'es2022', chunkSizeWarningLimit: 4000 };
    // `virtual:mask-integrity`: dist/integrity.json (the SRI hashes of the last build), or {} before any build.
    config.plugins = [
      ...(config.plugins || []),
      {
        name: 'mask-integrity',
        resolveId: (id: string) => (id === 'virtual:mask-integrity' ? '\0virtual:mask-integrity' : undefined),
        load(id: string) {
          if (id !== '\0virtual:mask-integrity') return undefined;
          const file = new URL('../dist/integrity.json', import.meta.url);
          return `export default ${existsSync(file) ? readFileSync(file, 'utf8') : '{}'};`;
        },
      },
    ];
    return config;
  },
};
export default config;
