'use strict';
// The server lanes above the operation timeline: one lane per node, coloured by its state over time (intervals
// compressed from cluster.jsonl by the report), drawn on the timeline's canvas so that they share its time axis,
// zoom, pan and fault shading.
const ServerLanes = (() => {
  const COLOR = {leader: '#5b2a86', standalone: '#5b2a86', follower: '#7fa7d9', observer: '#9fd3b0',
    looking: '#f0b429', down: '#2b2b2b', paused: '#9aa1ab'};
  const OTHER = '#d0d4da';
  const LANE_H = 14;
  // interval columns, as ServerLanes.java writes them
  const START = 0, STOP = 1, STATE = 2, EPOCH = 3, LEADER = 4, FIRST_ZXID = 5, LAST_ZXID = 6, ERROR = 7, SAMPLES = 8;

  /** The lanes of a cluster model, or null when the run has none. */
  function make(cluster) {
    if (!cluster || !cluster.lanes || !cluster.lanes.length) return null;
    const lanes = cluster.lanes;
    const height = lanes.length * LANE_H + 8;

    /** The first interval of a lane that ends at or after t. */
    function firstEndingAfter(list, t) {
      let lo = 0, hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid][STOP] < t) lo = mid + 1; else hi = mid;
      }
      return lo;
    }

    function draw(g, X, y0, t0, t1) {
      lanes.forEach((lane, k) => {
        const list = lane.intervals, y = y0 + k * LANE_H + 1;
        for (let j = firstEndingAfter(list, t0); j < list.length && list[j][START] <= t1; j++) {
          const iv = list[j], a = X(iv[START]), b = X(iv[STOP]);
          g.fillStyle = COLOR[iv[STATE]] || OTHER;
          g.fillRect(a, y, Math.max(1, b - a), LANE_H - 2);
        }
      });
    }

    function gutter(g, y0) {
      g.font = '11px system-ui, sans-serif';
      g.fillStyle = '#4a5563';
      lanes.forEach((lane, k) => g.fillText(lane.node, 4, y0 + k * LANE_H + LANE_H - 3, 56));
    }

    /** The interval under a point as {lane, interval}, or null. */
    function at(y, y0, t, tolerance) {
      const k = Math.floor((y - y0) / LANE_H);
      if (k < 0 || k >= lanes.length) return null;
      const list = lanes[k].intervals;
      const j = firstEndingAfter(list, t - tolerance);
      return j < list.length && list[j][START] <= t + tolerance ? {lane: lanes[k], interval: list[j]} : null;
    }

    return {height, draw, gutter, at, lanes};
  }

  /** The hover text of an interval: state, epoch, leader, zxids, times. */
  function describe(lane, iv) {
    const facts = [lane.node + ' ' + iv[STATE]];
    if (iv[EPOCH] !== null) facts.push('epoch ' + iv[EPOCH]);
    if (iv[LEADER] !== null) facts.push('leader ' + iv[LEADER]);
    const zxid = iv[FIRST_ZXID] === null ? 'zxid unknown' : iv[FIRST_ZXID] === iv[LAST_ZXID] ? 'zxid ' + iv[FIRST_ZXID]
      : 'zxid ' + iv[FIRST_ZXID] + ' → ' + iv[LAST_ZXID];
    const lines = [facts.join(' · '), zxid, R.secs(iv[START]) + ' → ' + R.secs(iv[STOP]) + ' ('
      + CK.duration((iv[STOP] - iv[START]) / 1000) + ', ' + iv[SAMPLES] + ' samples)'];
    if (iv[ERROR]) lines.push('error: ' + iv[ERROR]);
    return lines.join('\n');
  }

  return {make, describe, COLOR};
})();
