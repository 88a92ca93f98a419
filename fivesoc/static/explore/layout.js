// ForceAtlas2 for the explorer, off the page's thread: the page sends the actors' first
// positions and the links, and gets the positions back every few iterations, so that the
// drawing stays interactive while a county's layout settles.
"use strict";
// graphology-library's GEXF and GraphML readers, unused here, name these two when it loads;
// a worker has neither.
self.DOMParser ??= function DOMParser() {};
self.Document ??= function Document() {};
importScripts("/explore/vendor/graphology.umd.min.js", "/explore/vendor/graphology-library.min.js");

self.onmessage = ({ data }) => {
  const { serial, x, y, sources, targets, weights, iterations, chunk } = data;
  const g = new graphology.UndirectedGraph();
  for (let i = 0; i < x.length; i++) g.addNode(i, { x: x[i], y: y[i] });
  for (let k = 0; k < sources.length; k++) g.mergeEdge(sources[k], targets[k], { weight: weights[k] });
  const fa2 = graphologyLibrary.layoutForceAtlas2;
  const settings = { ...fa2.inferSettings(g), barnesHutOptimize: g.order > 500 };
  for (let done = 0; done < iterations; ) {
    fa2.assign(g, { iterations: chunk, settings, getEdgeWeight: "weight" });
    done += chunk;
    const px = new Float64Array(x.length);
    const py = new Float64Array(x.length);
    g.forEachNode((key, a) => {
      px[Number(key)] = a.x;
      py[Number(key)] = a.y;
    });
    self.postMessage({ serial, done, total: iterations, x: px, y: py }, [px.buffer, py.buffer]);
  }
};
