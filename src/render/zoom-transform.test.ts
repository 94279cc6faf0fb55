import { expect } from 'chai';
import fc from 'fast-check';
import { scaleLinear } from 'd3-scale';
import { zoomIdentity as d3Identity } from 'd3-zoom';
import { zoomIdentity } from './zoom-transform.js';

describe('ZoomTransform (ported from d3-zoom)', () => {
  it('gives the same transforms, positions and rescaled domains as d3-zoom', () => {
    const finite = fc.double({ min: -1e4, max: 1e4, noNaN: true });
    const factor = fc.double({ min: 0.01, max: 100, noNaN: true });
    fc.assert(
      fc.property(finite, factor, finite, finite, (tx, k, dx, px) => {
        const ours = zoomIdentity.translate(tx, 0).scale(k).translate(dx, 0);
        const theirs = d3Identity.translate(tx, 0).scale(k).translate(dx, 0);
        expect([ours.k, ours.x, ours.y]).to.deep.equal([theirs.k, theirs.x, theirs.y]);
        expect(ours.applyX(px)).to.equal(theirs.applyX(px));
        expect(ours.invertX(px)).to.equal(theirs.invertX(px));
        const base = scaleLinear().domain([0, 1000]).range([0, 800]);
        expect(ours.rescaleX(base).domain()).to.deep.equal(theirs.rescaleX(base).domain());
        expect(ours.toString()).to.equal(theirs.toString());
      }),
      { numRuns: 300 },
    );
  });
});
