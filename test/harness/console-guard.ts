import { expect } from 'chai';

/**
 * Call inside a `describe`, after its own `afterEach`: every test then fails if it wrote
 * to `console.error` or raised an uncaught error, the problems a user would see in devtools.
 */
export function failOnConsoleErrors(): void {
  const errors: unknown[] = [];
  const original = console.error;
  const onError = (e: ErrorEvent): void => void errors.push(e.message);

  beforeEach(() => {
    errors.length = 0;
    console.error = (...args: unknown[]) => {
      errors.push(args);
      original.apply(console, args);
    };
    window.addEventListener('error', onError);
  });

  afterEach(() => {
    console.error = original;
    window.removeEventListener('error', onError);
    expect(errors, 'console errors').to.deep.equal([]);
  });
}
