// Smoke test for the browser harness itself: real custom elements, Lit with the legacy
// decorators the elements use (compiled by esbuild here, by oxc in Vite), shadow DOM.
import { expect } from 'chai';
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

@customElement('harness-greeting')
class HarnessGreeting extends LitElement {
  @property() name = 'world';

  override render() {
    return html`<p part="text">Hello, ${this.name}!</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'harness-greeting': HarnessGreeting;
  }
}

describe('test harness', () => {
  it('runs in a browser with custom elements', () => {
    expect(customElements.get('harness-greeting')).to.equal(HarnessGreeting);
  });

  it('shows the text a Lit element renders into its shadow root, and re-renders on a property change', async () => {
    const el = document.createElement('harness-greeting');
    el.setAttribute('name', 'session-kit');
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('[part="text"]')?.textContent).to.equal('Hello, session-kit!');

      el.name = 'again';
      await el.updateComplete;
      expect(el.shadowRoot?.textContent?.trim()).to.equal('Hello, again!');
    } finally {
      el.remove();
    }
  });
});
