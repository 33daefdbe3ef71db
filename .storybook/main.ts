import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts', '../stories/**/*.mdx'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config) {
    // Lit's standard decorators (`accessor`) must be lowered: no browser runs them natively yet.
    config.esbuild = { ...(config.esbuild || {}), target: 'es2022' };
    config.optimizeDeps = { ...(config.optimizeDeps || {}), esbuildOptions: { target: 'es2022' } };
    config.build = { ...(config.build || {}), target: 'es2022', chunkSizeWarningLimit: 4000 };
    return config;
  },
};
export default config;
