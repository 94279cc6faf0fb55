import type { StorybookConfig } from '@storybook/web-components-vite';

// Storybook's Vite builder reads vite.config.ts but ignores its `build` section, so the
// library-mode settings there do not leak into the Storybook build.
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true },
};

export default config;
