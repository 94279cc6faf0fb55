import { expect } from 'chai';
import { ZoomTransform, zoomIdentity } from './zoom-transform.js';
import { constrainTransform, pinchTransform, transformForRange, zoomAround } from './zoom-controller.js';

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

describe('pinch maths', () => {
  it('zooms by the change of the fingers distance, keeping what was under them under them', () => {
    const t0 = new ZoomTransform(2, -100, 0);
    // Fingers at 300 and 500 move apart to 200 and 600: twice the distance, same midpoint.
    const t1 = pinchTransform(t0, 300, 500, 200, 600);
    expect(t1.k).to.equal(4);
    expect(t1.applyX(t0.invertX(300))).to.be.closeTo(200, 1e-9);
    expect(t1.applyX(t0.invertX(500))).to.be.closeTo(600, 1e-9);
  });

  it('pans with the midpoint when the fingers move together', () => {
    const t = pinchTransform(zoomIdentity, 300, 500, 350, 550);
    expect(t.k).to.equal(1);
    expect(t.x).to.equal(50);
  });

  it('ignores fingers that (nearly) touch', () => {
    expect(pinchTransform(zoomIdentity, 300, 300.5, 300, 400).k).to.equal(1);
  });
});
