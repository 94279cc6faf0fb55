import { expect } from 'chai';
import { ZoomTransform, zoomIdentity } from './zoom-transform.js';
import { constrainTransform, transformForRange, zoomAround } from './zoom-controller.js';

describe('zoom maths', () => {
  it('zooms around a point, keeping it in place', () => {
    const t = zoomAround(zoomIdentity, 2, 300);
    expect(t.k).to.equal(2);
    expect(t.applyX(300)).to.equal(300);
    expect(t.invertX(300)).to.equal(300);
  });

  it('never zooms out past the whole extent nor pans beyond it', () => {
    expect(constrainTransform(new ZoomTransform(0.5, 10, 0), 1000, 100).k).to.equal(1);
    const panned = constrainTransform(new ZoomTransform(2, 50, 0), 1000, 100);
    expect(panned.x).to.equal(0);
    const far = constrainTransform(new ZoomTransform(2, -5000, 0), 1000, 100);
    expect(far.x).to.equal(-1000);
    expect(constrainTransform(new ZoomTransform(500, 0, 0), 1000, 100).k).to.equal(100);
  });

  it('shows a base range across the width', () => {
    const t = transformForRange(200, 400, 1000);
    expect(t.applyX(200)).to.be.closeTo(0, 1e-9);
    expect(t.applyX(400)).to.be.closeTo(1000, 1e-9);
  });
});
