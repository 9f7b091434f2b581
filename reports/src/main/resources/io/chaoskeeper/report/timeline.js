'use strict';
// The operation timeline: one lane per client thread (a lane holds one process after another), server lanes above
// it, fault windows shaded across both, zoom with the wheel, pan by dragging, hover for an operation, a server's
// state or a fault. Culling by binary search keeps 100,000 operations responsive.
function makeTimeline() {
  const {D, T, OUTCOME, rows, rowOfEvent, str, stopOf, secs} = R;
  const {num, fitCanvas, tickStep} = CK;
  const COLOR = {ok: '#3a9a5b', fail: '#d9534f', info: '#e0a526', failing: '#b0179b', highlight: '#1f5fd1'};
  const highlighted = R.highlighted, failingRows = R.failingRows;
  const canvas = document.getElementById('timeline');
  const tip = document.getElementById('tooltip');
  const lanes = T.lanes.length;
  const servers = ServerLanes.make(D.cluster);
  const SERVER_TOP = 34;
  const GUTTER = 64, TOP = SERVER_TOP + (servers ? servers.height : 0);
  const laneH = Math.max(3, Math.min(16, Math.floor(560 / lanes)));
  const height = TOP + lanes * laneH + 6;
  const serverSpan = servers ? servers.lanes.flatMap(l => l.intervals.length
    ? [l.intervals[0][0], l.intervals[l.intervals.length - 1][1]] : []) : [];
  const end = Math.max(1, T.end, ...serverSpan);
  const {open, maxStop, laneRows, firstAtOrAfter, lastStartAtOrBefore} = OpIndex.of(T, rows, lanes);
  const faults = T.faults;
  const begin = Math.min(T.begin, end - 1, ...serverSpan);
  let t0 = begin, t1 = end, W = 0, g = null;

  const X = t => GUTTER + (t - t0) / (t1 - t0) * (W - GUTTER);
  const TimeAt = x => t0 + (x - GUTTER) / (W - GUTTER) * (t1 - t0);

  function draw() {
    ({g, w: W} = fitCanvas(canvas, height));
    g.fillStyle = '#fff';
    g.fillRect(0, 0, W, height);
    g.save();
    g.beginPath();
    g.rect(GUTTER, 0, W - GUTTER, height);
    g.clip();
    if (servers) servers.draw(g, X, SERVER_TOP, t0, t1);
    // fault windows across all lanes (the server lanes too), labelled at the top
    g.font = '11px system-ui, sans-serif';
    for (const f of faults) {
      const a = Math.max(GUTTER, X(f.start)), b = Math.min(W, X(f.stop >= 0 ? f.stop : end));
      if (b < GUTTER || a > W) continue;
      g.fillStyle = f.error ? 'rgba(120,120,120,0.18)' : 'rgba(230,120,30,0.16)';
      g.fillRect(a, 16, Math.max(1, b - a), height - 16);
      g.fillStyle = '#b35a00';
      g.fillRect(a, 16, Math.max(1, b - a), 3);
      if (b - a > 30) {
        g.fillStyle = '#8a4500';
        g.fillText(faultLabel(f), a + 3, 30, b - a - 6);
      }
    }
    // bars, culled to the view, one path per outcome
    const paths = [new Path2D(), new Path2D(), new Path2D()];
    const from = firstAtOrAfter(maxStop, t0), to = lastStartAtOrBefore(null, t1);
    const barH = Math.max(1, laneH - 2);
    // zoomed out, many bars share a pixel column of a lane: draw the first of each outcome there only
    const lastColumn = new Int32Array(lanes * 3).fill(-1);
    for (let i = from; i <= to; i++) {
      if (T.stop[i] < 0 || T.stop[i] < t0) continue;
      const x = X(T.start[i]), w = X(T.stop[i]) - x, slot = T.lane[i] * 3 + T.outcome[i];
      if (w < 1) {
        const column = Math.floor(x);
        if (lastColumn[slot] === column) continue;
        lastColumn[slot] = column;
      }
      paths[T.outcome[i]].rect(x, TOP + T.lane[i] * laneH + 1, Math.max(1, w), barH);
    }
    ['ok', 'fail', 'info'].forEach((o, k) => { g.fillStyle = COLOR[o]; g.fill(paths[k]); });
    // never completed: open to the end of the run, fading
    for (const i of open) {
      if (T.start[i] > t1) continue;
      const x = X(T.start[i]), y = TOP + T.lane[i] * laneH + 1;
      const grad = g.createLinearGradient(x, 0, W, 0);
      grad.addColorStop(0, COLOR.info);
      grad.addColorStop(1, 'rgba(224,165,38,0.15)');
      g.fillStyle = grad;
      g.fillRect(x, y, W - x, barH);
    }
    // counterexample operations, outlined
    for (const i of highlighted) {
      const x = X(T.start[i]), w = Math.max(3, X(stopOf(i)) - x), y = TOP + T.lane[i] * laneH;
      g.lineWidth = failingRows.has(i) ? 3 : 2;
      g.strokeStyle = failingRows.has(i) ? COLOR.failing : COLOR.highlight;
      g.strokeRect(x - 1, y, w + 2, laneH);
    }
    g.restore();
    axis();
    lanesGutter();
    document.getElementById('timeline-range').textContent = secs(t0) + ' – ' + secs(t1) + ' of ' + secs(begin) + ' – ' + secs(end)
      + ' · ' + rows.toLocaleString('en-US') + ' operations, ' + T.lanes.length + ' lanes, ' + faults.length + ' faults';
  }

  function faultLabel(f) {
    return f.kind + ' ' + f.targets.join(',') + (f.error ? ' (failed: ' + f.error + ')' : '');
  }

  function axis() {
    g.fillStyle = '#fff';
    g.fillRect(0, 0, W, 16);
    g.strokeStyle = '#c9d0d8';
    g.fillStyle = '#4a5563';
    g.font = '11px system-ui, sans-serif';
    const step = tickStep(t1 - t0, Math.max(2, (W - GUTTER) / 110));
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
      const x = X(t);
      g.beginPath(); g.moveTo(x, 12); g.lineTo(x, 16); g.stroke();
      g.fillText(step >= 1e6 ? (t / 1e6).toFixed(0) + ' s' : step >= 1e3 ? (t / 1e6).toFixed(3) + ' s'
        : (t / 1e6).toFixed(6) + ' s', x + 2, 11);
    }
  }

  function lanesGutter() {
    g.fillStyle = '#f4f6f8';
    g.fillRect(0, 0, GUTTER, height);
    g.fillStyle = '#4a5563';
    g.font = Math.min(11, laneH - 1) + 'px system-ui, sans-serif';
    const every = Math.ceil(10 / laneH);
    for (let l = 0; l < lanes; l += every) g.fillText(laneLabel(l), 4, TOP + l * laneH + laneH - 2, GUTTER - 6);
    if (servers) servers.gutter(g, SERVER_TOP);
  }

  /** "p 3" for a lane of one process, "p 3 +4" when four more followed it. */
  function laneLabel(l) {
    const ps = T.lanes[l].split(',');
    return 'p ' + ps[0] + (ps.length > 1 ? ' +' + (ps.length - 1) : '');
  }

  /** The row under a point, or -1: the lane from y, then a binary search of that lane's rows by time. */
  function rowAt(x, y) {
    const lane = Math.floor((y - TOP) / laneH);
    if (lane < 0 || lane >= lanes || x < GUTTER) return -1;
    const tol = 3 * (t1 - t0) / (W - GUTTER);
    const t = TimeAt(x);
    const list = laneRows[lane];
    // the bar nearest to t among the few that start before t + tol (a process's ops do not overlap)
    let best = -1, bestDistance = tol;
    for (let k = lastStartAtOrBefore(list, t + tol); k >= 0; k--) {
      const i = list[k];
      if (stopOf(i) < t - tol) break;
      const distance = t < T.start[i] ? T.start[i] - t : t > stopOf(i) ? t - stopOf(i) : 0;
      if (distance <= bestDistance) { best = i; bestDistance = distance; }
    }
    return best;
  }

  function tooltipText(i) {
    const lines = [str(T.f[i]) + ' ' + T.value[i],
      OUTCOME[T.outcome[i]] + (T.error[i] >= 0 ? ': ' + str(T.error[i]) : '')
        + (T.stop[i] >= 0 ? ' · ' + num((T.stop[i] - T.start[i]) / 1000) + ' ms' : ' · never completed'),
      'process ' + T.process[i] + (T.node[i] >= 0 ? ' · node ' + str(T.node[i]) : '')
        + (T.key[i] >= 0 ? ' · key ' + str(T.key[i]) : ''),
      secs(T.start[i]) + ' → ' + (T.stop[i] >= 0 ? secs(T.stop[i]) : '…'),
      'events ' + T.invoke[i] + (T.completion[i] >= 0 ? ', ' + T.completion[i] : '')];
    if (failingRows.has(i)) lines.push('counterexample: cannot be placed');
    else if (highlighted.has(i)) lines.push('involved in an anomaly');
    return lines.join('\n');
  }

  function faultAt(x, y) {
    if (y > SERVER_TOP) return null; // the label band above the lanes
    const t = TimeAt(x);
    return faults.find(f => f.start <= t && t <= (f.stop >= 0 ? f.stop : end)) || null;
  }

  function showTip(ev) {
    const r = canvas.getBoundingClientRect();
    const x = ev.clientX - r.left, y = ev.clientY - r.top;
    const i = rowAt(x, y);
    const f = i < 0 ? faultAt(x, y) : null;
    const s = i < 0 && !f && servers && x >= GUTTER
      ? servers.at(y, SERVER_TOP, TimeAt(x), (t1 - t0) / (W - GUTTER)) : null;
    if (i < 0 && !f && !s) { tip.hidden = true; return; }
    tip.textContent = i >= 0 ? tooltipText(i) : s ? ServerLanes.describe(s.lane, s.interval)
      : 'fault ' + faultLabel(f) + '\nparams ' + f.params + '\n' + secs(f.start) + ' → '
        + (f.stop >= 0 ? secs(f.stop) : 'not healed');
    tip.hidden = false;
    const wrap = canvas.parentElement;
    const left = Math.min(x + 14, wrap.clientWidth - tip.offsetWidth - 4);
    tip.style.left = Math.max(0, left) + 'px';
    // below the pointer, or above it when it would overflow the lanes' scroll area
    tip.style.top = (y + 16 + tip.offsetHeight > wrap.scrollHeight ? Math.max(0, y - tip.offsetHeight - 8) : y + 16) + 'px';
  }

  function setView(a, b) {
    const span = Math.max(10, b - a);
    a = Math.max(begin - span * 0.05, Math.min(a, end - span * 0.05));
    t0 = a; t1 = a + span;
    requestDraw();
  }

  let pending = false;
  function requestDraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; draw(); });
  }

  function zoom(factor, atX) {
    const t = TimeAt(atX === undefined ? (GUTTER + W) / 2 : atX);
    setView(t - (t - t0) * factor, t + (t1 - t) * factor);
  }

  canvas.addEventListener('wheel', ev => {
    ev.preventDefault();
    zoom(Math.exp(ev.deltaY * 0.0015), ev.clientX - canvas.getBoundingClientRect().left);
  }, {passive: false});
  let drag = null;
  canvas.addEventListener('mousedown', ev => { drag = {x: ev.clientX, t0, t1}; canvas.classList.add('dragging'); });
  window.addEventListener('mouseup', () => { drag = null; canvas.classList.remove('dragging'); });
  window.addEventListener('mousemove', ev => {
    if (!drag) return;
    const dt = (ev.clientX - drag.x) / (W - GUTTER) * (drag.t1 - drag.t0);
    setView(drag.t0 - dt, drag.t1 - dt);
  });
  canvas.addEventListener('mousemove', showTip);
  canvas.addEventListener('mouseleave', () => { tip.hidden = true; });
  canvas.addEventListener('dblclick', () => setView(begin, end));
  document.getElementById('zoom-in').addEventListener('click', () => zoom(0.5));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(2));
  document.getElementById('zoom-reset').addEventListener('click', () => setView(begin, end));
  window.addEventListener('resize', requestDraw);

  draw();
  return {
    focus(list) {
      const a = Math.min(...list.map(i => T.start[i])), b = Math.max(...list.map(i => stopOf(i)));
      const pad = Math.max((b - a) * 0.3, 1000);
      setView(a - pad, b + pad);
      document.getElementById('timeline-section').scrollIntoView();
    },
    /** Where a row's bar is drawn, in CSS pixels relative to the canvas (tests hover there). */
    pixelOf(i) {
      return {x: (Math.max(GUTTER, X(T.start[i])) + Math.min(W, X(stopOf(i)))) / 2,
        y: TOP + T.lane[i] * laneH + laneH / 2};
    },
    /** Where server lane k is drawn at time t (µs), in CSS pixels relative to the canvas. */
    pixelOfServer: (k, t) => ({x: X(t), y: SERVER_TOP + k * 14 + 7}),
    /** The canvas x (CSS pixels) of a time in µs in the current view. */
    xOf: t => X(t),
    view: () => ({t0, t1}),
    /** Draws now (the benchmark times it). */
    redraw: draw,
    rowOfEvent: e => rowOfEvent.get(e),
  };
}
