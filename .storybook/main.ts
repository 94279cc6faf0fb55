import type { StorybookConfig } from '@storybook/web-components-vite';
import { customElementsManifest } from './custom-elements-manifest.js';

// Storybook's Vite builder reads vite.config.ts but ignores its `build` section, so the
// library-mode settings there do not leak into the Storybook build.
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true },
  // custom-elements.json (made on demand) for the API tables and controls: see preview.ts.
  viteFinal: (vite) => ({ ...vite, plugins: [...(vite.plugins ?? []), customElementsManifest()] }),
};

export default config;
