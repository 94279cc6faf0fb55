import { expect } from 'chai';
import { LitElement, html } from 'lit';
import { ResizeController } from '../../render/resize-controller.js';

/** A host that counts its updates and grows when told (as an element does when its data arrives). */
class Sized extends LitElement {
  static watchHeight = true;
  readonly resize = new ResizeController(this, { height: (this.constructor as typeof Sized).watchHeight });
  updates = 0;
  rows = 1;

  override render() {
    this.updates++;
    return html`${Array.from({ length: this.rows }, () => html`<div style="height: 20px">row</div>`)}`;
  }
}
class WidthOnly extends Sized {
  static override watchHeight = false;
}
customElements.define('test-sized', Sized);
customElements.define('test-sized-width-only', WidthOnly);

const frames = async (n = 3): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

describe('ResizeController', () => {
  let box: HTMLDivElement;
  beforeEach(() => {
    box = Object.assign(document.createElement('div'), { style: 'width: 300px' });
    document.body.append(box);
  });
  afterEach(() => box.remove());

  async function mount(tag: string): Promise<Sized> {
    const el = document.createElement(tag) as Sized;
    el.style.display = 'block';
    box.append(el);
    await frames();
    await el.updateComplete;
    return el;
  }

  /** Grows `el` to ten rows (200 px), as data arriving would, and waits for what follows; returns how many updates that took. */
  async function grow(el: Sized): Promise<number> {
    const before = el.updates;
    el.rows = 10;
    el.requestUpdate();
    await frames();
    await el.updateComplete;
    return el.updates - before;
  }

  it('reports the content box and updates the host when its width changes', async () => {
    const el = await mount('test-sized-width-only');
    expect(el.resize.width).to.equal(300);
    const before = el.updates;
    box.style.width = '420px';
    await frames();
    await el.updateComplete;
    expect(el.resize.width).to.equal(420);
    expect(el.updates).to.equal(before + 1);
  });

  it('does not update a width-only host again when its own content makes it taller', async () => {
    const el = await mount('test-sized-width-only');
    expect(await grow(el)).to.equal(1); // the update asked for, and no second one
    expect(el.resize.height).to.equal(200); // the height is still read
  });

  it('updates a host that watches its height when it gets taller', async () => {
    const el = await mount('test-sized');
    expect(await grow(el)).to.equal(2);
    expect(el.resize.height).to.equal(200);
  });
});
