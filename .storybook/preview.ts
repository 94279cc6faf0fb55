import type { Preview } from '@storybook/web-components-vite';

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    // Every story is checked with axe-core in the a11y panel; violations show as failures.
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};

export default preview;
