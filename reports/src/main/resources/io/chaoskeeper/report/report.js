'use strict';
// The run report: summary, counterexamples, a canvas timeline, latency charts and file links, built from the
// JSON model in #data. Times in the timeline model are microseconds since the run started.
(() => {
  const {el, relHref, json, duration, num, table, fitCanvas, tickStep} = CK;
  const D = CK.data();
  const T = D.timeline;
  const OUTCOME = ['ok', 'fail', 'info'];
  const COLOR = {ok: '#3a9a5b', fail: '#d9534f', info: '#e0a526', failing: '#b0179b', highlight: '#1f5fd1'};

  // ---- operations: lookups shared by the counterexample text and the timeline ----
  const rows = T ? T.start.length : 0;
  const rowOfEvent = new Map();
  if (T) {
    for (let i = 0; i < rows; i++) {
      rowOfEvent.set(T.invoke[i], i);
      if (T.completion[i] >= 0) rowOfEvent.set(T.completion[i], i);
    }
  }
  const str = i => (i >= 0 ? T.strings[i] : null);
  const stopOf = i => (T.stop[i] >= 0 ? T.stop[i] : T.end);
  const secs = us => (us / 1e6).toFixed(3) + ' s';

  /** One line for an operation: process, f, value, outcome, times. */
  function describe(row) {
    const parts = ['process ' + T.process[row], str(T.f[row]) + ' ' + T.value[row],
      OUTCOME[T.outcome[row]] + (T.error[row] >= 0 ? ' (' + str(T.error[row]) + ')' : '')];
    if (T.key[row] >= 0) parts.push('key ' + str(T.key[row]));
    if (T.node[row] >= 0) parts.push('node ' + str(T.node[row]));
    parts.push(secs(T.start[row]) + ' → ' + (T.stop[row] >= 0 ? secs(T.stop[row]) : 'never completed'));
    return parts.join(' · ');
  }

  function opLine(eventIndex, cls) {
    const row = T ? rowOfEvent.get(Number(eventIndex)) : undefined;
    const text = row === undefined ? 'event ' + eventIndex + ' (not a client operation of this history)'
      : 'event ' + eventIndex + ': ' + describe(row);
    return el('li', {class: 'op ' + (cls || '')}, text);
  }

  // ---- summary ----
  document.getElementById('title').textContent = D.title;
  const verdicts = document.getElementById('verdicts');
  if (!D.checks.length) verdicts.append(el('p', {class: 'muted', text: 'No checks.json: no verdicts for this run.'}));
  for (const c of D.checks) {
    verdicts.append(el('div', {class: 'card ' + c.verdict},
      el('div', {}, el('span', {class: 'badge ' + c.verdict, text: c.verdict}), ' ', el('strong', {text: c.checker})),
      el('div', {text: c.summary || ''}),
      el('div', {class: 'muted', text: num(c.operations) + ' operations checked in ' + duration(c.elapsedMs)})));
  }

  const run = D.run || {};
  const facts = [];
  const fact = (label, v) => { if (v !== undefined && v !== null && v !== '') facts.push({label, v}); };
  fact('name', run.name);
  fact('seed', run.seed);
  fact('ZooKeeper', run.zookeeperVersion);
  if (Array.isArray(run.nodes)) fact('ensemble', run.nodes.length + ' nodes: ' + run.nodes.map(json).join(', '));
  else fact('ensemble', run.nodes);
  fact('workload', run.workload);
  fact('faults', run.schedule);
  fact('clients', run.clients);
  fact('started', run.startedAt);
  fact('duration', run.durationMs !== undefined ? duration(run.durationMs)
    : T ? duration((T.end - T.begin) / 1000) + ' (history span)' : undefined);
  fact('phases', run.phases);
  fact('counts', run.counts);
  const shown = new Set(['name', 'seed', 'zookeeperVersion', 'nodes', 'workload', 'schedule', 'clients', 'startedAt',
    'durationMs', 'phases', 'reproduce', 'counts']);
  for (const [k, v] of Object.entries(run)) if (!shown.has(k)) fact(k, v);
  const factsTable = document.getElementById('run-facts');
  for (const {label, v} of facts) factsTable.append(el('tr', {}, el('th', {text: label}), el('td', {text: json(v)})));
  if (!facts.length) factsTable.append(el('tr', {}, el('td', {class: 'muted', text: 'No run.json.'})));
  if (run.reproduce) {
    document.getElementById('reproduce').append(el('h3', {text: 'Reproduce'}),
      el('pre', {id: 'reproduce-command', text: json(run.reproduce)}));
  }
  if (D.counts) {
    const withTotal = D.counts.map(r => Object.assign({total: r.ok + r.fail + r.info}, r));
    table(document.getElementById('counts'), [{key: 'f', label: 'f'}, {key: 'ok', label: 'ok', numeric: true},
      {key: 'fail', label: 'fail', numeric: true}, {key: 'info', label: 'info', numeric: true},
      {key: 'total', label: 'total', numeric: true}], withTotal);
  } else {
    document.getElementById('counts').append(el('tr', {}, el('td', {class: 'muted', text: 'No history.'})));
  }
  if (D.notes.length) {
    document.getElementById('notes').append(el('h3', {text: 'Problems reading the run'}),
      el('ul', {class: 'notes'}, ...D.notes.map(n => el('li', {text: n}))));
  }

  // ---- counterexamples ----
  const highlighted = new Set();
  const failingRows = new Set();
  const anomalies = document.getElementById('anomalies');
  const MAX_SHOWN = 20;
  let anomalyCount = 0;
  for (const c of D.checks) {
    c.anomalies.forEach((a, k) => {
      const involved = a.operations.map(i => rowOfEvent.get(Number(i))).filter(r => r !== undefined);
      involved.forEach(r => highlighted.add(r));
      const failing = failingEvents(a);
      failing.forEach(i => { const r = rowOfEvent.get(i); if (r !== undefined) failingRows.add(r); });
      anomalyCount++;
      if (k < MAX_SHOWN) anomalies.append(renderAnomaly(c, a, involved, failing));
      else if (k === MAX_SHOWN) anomalies.append(el('p', {class: 'muted',
        text: (c.anomalies.length - MAX_SHOWN) + ' more anomalies of ' + c.checker + ' are in checks.json.'}));
    });
  }
  if (anomalyCount) {
    document.getElementById('counterexamples').hidden = false;
    document.getElementById('nav-counterexamples').hidden = false;
  }

  /** The events an anomaly cannot place: data.failing (an event index or an op with an index), else its first op. */
  function failingEvents(a) {
    const f = a.data && a.data.failing;
    const ids = [];
    const add = v => {
      if (typeof v === 'number') ids.push(v);
      else if (v && typeof v === 'object' && typeof v.index === 'number') ids.push(v.index);
    };
    if (Array.isArray(f)) f.forEach(add); else add(f);
    if (!ids.length && a.operations.length) ids.push(Number(a.operations[0]));
    return ids;
  }

  function opsOf(v) {
    if (Array.isArray(v)) return v.filter(x => typeof x === 'number' || (x && typeof x.index === 'number'))
      .map(x => (typeof x === 'number' ? x : x.index));
    return [];
  }

  /** A lock's critical section: from the acquire's completion to the same process's next release completing. */
  function sectionLine(eventIndex) {
    const row = T ? rowOfEvent.get(Number(eventIndex)) : undefined;
    if (row === undefined) return opLine(eventIndex, 'failing');
    let release = -1;
    for (let j = row + 1; j < rows && release < 0; j++) {
      if (T.process[j] === T.process[row] && str(T.f[j]) === 'release') release = j;
    }
    const token = T.value[row].split(' → ').pop();
    const from = T.stop[row] >= 0 ? T.stop[row] : T.start[row];
    return el('li', {class: 'op failing', text: 'process ' + T.process[row] + ' held the lock with token ' + token
      + ' from ' + secs(from) + (release >= 0 ? ' to ' + secs(stopOf(release)) : ' to the end (never released)')});
  }

  function renderAnomaly(check, a, involved, failing) {
    const box = el('div', {class: 'anomaly'},
      el('div', {}, el('span', {class: 'kind', text: a.kind}), el('span', {class: 'muted', text: ' · ' + check.checker})),
      el('div', {class: 'message', text: a.message}));
    if (involved.length) {
      box.append(el('button', {type: 'button', text: 'Show on timeline', onclick: () => timeline && timeline.focus(involved)}));
    }
    const d = a.data || {};
    const known = new Set();
    if ('failing' in d || 'prefix' in d || 'concurrent' in d || 'states' in d) {
      // linearizability: the longest prefix that linearizes, then the op that cannot follow it
      if ('prefix' in d) {
        const prefix = opsOf(d.prefix);
        const n = Array.isArray(d.prefix) ? d.prefix.length : d.prefix;
        box.append(el('h3', {text: 'Longest linearizable prefix: ' + json(n) + ' operations'}));
        if (prefix.length) {
          box.append(el('details', {}, el('summary', {text: 'show the prefix in linearization order'}),
            el('ol', {class: 'op-list'}, ...prefix.map(i => opLine(i)))));
        }
        known.add('prefix');
      }
      box.append(el('h3', {text: 'Cannot be placed next'}),
        el('ul', {class: 'op-list'}, ...failing.map(i => opLine(i, 'failing'))));
      known.add('failing');
      if ('concurrent' in d) {
        const conc = opsOf(d.concurrent);
        box.append(el('h3', {text: 'Concurrent with it (' + conc.length + ')'}),
          el('ul', {class: 'op-list'}, ...conc.map(i => opLine(i))));
        known.add('concurrent');
      }
      if ('states' in d) {
        const states = Array.isArray(d.states) ? d.states : [d.states];
        box.append(el('h3', {text: 'Model states it fails against'}),
          el('ul', {class: 'op-list'}, ...states.map(s => el('li', {class: 'op', text: json(s)}))));
        known.add('states');
      }
    } else if (a.kind.startsWith('lock')) {
      box.append(el('h3', {text: 'Overlapping critical sections'}),
        el('ul', {class: 'op-list'}, ...a.operations.map(i => sectionLine(i))),
        el('ul', {class: 'op-list'}, ...a.operations.map(i => opLine(i))));
    } else if (a.operations.length) {
      box.append(el('h3', {text: 'Operations involved'}),
        el('ul', {class: 'op-list'}, ...a.operations.map((i, k) => opLine(i, k === 0 ? 'failing' : ''))));
    }
    const rest = Object.entries(d).filter(([k]) => !known.has(k));
    if (rest.length) {
      box.append(el('table', {class: 'data'},
        ...rest.map(([k, v]) => el('tr', {}, el('td', {text: k}), el('td', {class: 'mono', text: json(v)})))));
    }
    return box;
  }

  // ---- timeline ----
  let timeline = null;
  if (T && rows) timeline = makeTimeline();
  else {
    const empty = document.getElementById('timeline-empty');
    empty.hidden = false;
    empty.textContent = T ? 'The history has no client operations.' : 'No history: nothing to draw.';
    document.getElementById('timeline-wrap').hidden = true;
  }

  function makeTimeline() {
    const canvas = document.getElementById('timeline');
    const tip = document.getElementById('tooltip');
    const lanes = T.lanes.length;
    const GUTTER = 64, TOP = 34, laneH = Math.max(3, Math.min(16, Math.floor(560 / lanes)));
    const height = TOP + lanes * laneH + 6;
    const end = Math.max(1, T.end);
    // Index by time: rows are sorted by start; maxStop[i] is the latest stop among rows 0..i (open-ended rows
    // kept apart so one unfinished op does not defeat the culling), so the first row that can reach the view's
    // left edge is a binary search.
    const open = [];
    const maxStop = new Float64Array(rows);
    let m = -Infinity;
    for (let i = 0; i < rows; i++) {
      if (T.stop[i] < 0) open.push(i); else m = Math.max(m, T.stop[i]);
      maxStop[i] = m;
    }
    const laneRows = Array.from({length: lanes}, () => []);
    for (let i = 0; i < rows; i++) laneRows[T.lane[i]].push(i);
    const faults = T.faults;
    const begin = Math.min(T.begin, end - 1);
    let t0 = begin, t1 = end, W = 0, g = null;

    const X = t => GUTTER + (t - t0) / (t1 - t0) * (W - GUTTER);
    const TimeAt = x => t0 + (x - GUTTER) / (W - GUTTER) * (t1 - t0);
    /** The first position in a sorted array whose value is at least v. */
    const firstAtOrAfter = (arr, v) => {
      let lo = 0, hi = arr.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (arr[mid] < v) lo = mid + 1; else hi = mid;
      }
      return lo;
    };
    /** The last position in list (row ids sorted by start; null = all rows) whose row starts at or before t. */
    const lastStartAtOrBefore = (list, t) => {
      let lo = 0, hi = list ? list.length : rows;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (T.start[list ? list[mid] : mid] <= t) lo = mid + 1; else hi = mid;
      }
      return lo - 1;
    };

    function draw() {
      ({g, w: W} = fitCanvas(canvas, height));
      g.fillStyle = '#fff';
      g.fillRect(0, 0, W, height);
      g.save();
      g.beginPath();
      g.rect(GUTTER, 0, W - GUTTER, height);
      g.clip();
      // fault windows across all lanes, labelled at the top
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
      if (y > TOP) return null;
      const t = TimeAt(x);
      return faults.find(f => f.start <= t && t <= (f.stop >= 0 ? f.stop : end)) || null;
    }

    function showTip(ev) {
      const r = canvas.getBoundingClientRect();
      const x = ev.clientX - r.left, y = ev.clientY - r.top;
      const i = rowAt(x, y);
      const f = i < 0 ? faultAt(x, y) : null;
      if (i < 0 && !f) { tip.hidden = true; return; }
      tip.textContent = i >= 0 ? tooltipText(i) : 'fault ' + faultLabel(f) + '\nparams ' + f.params + '\n'
        + secs(f.start) + ' → ' + (f.stop >= 0 ? secs(f.stop) : 'not healed');
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
      /** The canvas x (CSS pixels) of a time in µs in the current view. */
      xOf: t => X(t),
      view: () => ({t0, t1}),
      /** Draws now (the benchmark times it). */
      redraw: draw,
      rowOfEvent: e => rowOfEvent.get(e),
    };
  }

  // ---- latency and throughput ----
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2',
    '#7f7f7f', '#bcbd22'];
  const L = D.latency;
  const endSec = T ? T.end / 1e6 : 0;
  const beginSec = T ? Math.floor(T.begin / 1e6) : 0;
  const faultSecs = T ? T.faults.map(f => [f.start / 1e6, (f.stop >= 0 ? f.stop : T.end) / 1e6]) : [];

  /** A line chart of series [{name, color, t: seconds, y}], with fault windows shaded. */
  function lineChart(canvas, legend, series, {logY, unit}) {
    const {g, w, h} = fitCanvas(canvas, 260);
    const L0 = 56, R = 10, TOPM = 8, B = 22;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, w, h);
    let xmax = endSec;
    let ymin = Infinity, ymax = 0;
    for (const s of series) {
      s.t.forEach(t => { xmax = Math.max(xmax, t + 1); });
      s.y.forEach(v => { if (v > 0) ymin = Math.min(ymin, v); ymax = Math.max(ymax, v); });
    }
    if (!isFinite(ymin)) ymin = 1;
    if (ymax <= 0) ymax = 1;
    const lo = logY ? Math.log10(ymin) - 0.1 : 0, hi = logY ? Math.log10(ymax) + 0.1 : ymax * 1.08;
    const xmin = Math.min(beginSec, ...series.map(s => (s.t.length ? s.t[0] : beginSec)));
    const X = t => L0 + (t - xmin) / Math.max(1e-9, xmax - xmin) * (w - L0 - R);
    const Y = v => { const u = logY ? Math.log10(Math.max(v, ymin)) : v; return h - B - (u - lo) / (hi - lo) * (h - B - TOPM); };
    g.fillStyle = 'rgba(230,120,30,0.16)';
    for (const [a, b] of faultSecs) g.fillRect(X(a), TOPM, Math.max(1, X(b) - X(a)), h - B - TOPM);
    g.strokeStyle = '#e4e8ec';
    g.fillStyle = '#4a5563';
    g.font = '11px system-ui, sans-serif';
    const yTicks = [];
    if (logY) for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) yTicks.push(Math.pow(10, e));
    else { const st = tickStep(hi, 5); for (let v = 0; v <= hi; v += st) yTicks.push(v); }
    let lastLabelY = Infinity;
    for (const v of yTicks) {
      const y = Y(v);
      if (y < TOPM - 1 || y > h - B + 1 || lastLabelY - y < 14) continue;
      lastLabelY = y;
      g.beginPath(); g.moveTo(L0, y); g.lineTo(w - R, y); g.stroke();
      g.fillText(num(v) + (unit ? ' ' + unit : ''), 2, y + 4, L0 - 4);
    }
    const st = tickStep(xmax - xmin, Math.max(2, (w - L0) / 90));
    for (let t = Math.ceil(xmin / st) * st; t <= xmax; t += st) g.fillText(num(t) + ' s', X(t) - 8, h - 6);
    legend.replaceChildren();
    series.forEach((s, k) => {
      const color = s.color || PALETTE[k % PALETTE.length];
      g.strokeStyle = color;
      g.lineWidth = 1.5;
      g.beginPath();
      s.t.forEach((t, j) => { const x = X(t), y = Y(s.y[j]); if (j) g.lineTo(x, y); else g.moveTo(x, y); });
      g.stroke();
      legend.append(el('span', {}, el('i', {style: 'background:' + color}), s.name));
    });
    if (!series.length) { g.fillStyle = '#66707f'; g.fillText('no data', L0 + 10, 24); }
  }

  function drawLatency() {
    const p = document.getElementById('percentile').value;
    const series = L ? L.series.map(s => ({name: s.tag, t: s.t, y: s[p]})) : [];
    lineChart(document.getElementById('latency-chart'), document.getElementById('latency-legend'), series,
      {logY: document.getElementById('log-scale').checked, unit: 'ms'});
  }

  function drawThroughput() {
    const tp = D.throughput;
    const series = tp ? OUTCOME.map(o => ({name: o, color: COLOR[o], t: tp[o].map((_, s) => tp.from + s), y: tp[o]}))
      .filter(s => s.y.some(v => v > 0)) : [];
    lineChart(document.getElementById('throughput-chart'), document.getElementById('throughput-legend'), series,
      {logY: false, unit: ''});
  }

  document.getElementById('latency-source').textContent = !L ? 'No latencies: the history has no completed operations.'
    : L.source === 'history' ? 'Latencies computed from the history\'s invoke and completion times (no latency.hlog), per second of completion.'
      : 'Latencies from latency.hlog (HdrHistogram interval log).';
  if (L) {
    table(document.getElementById('percentiles'), [{key: 'tag', label: 'f:outcome'},
      {key: 'count', label: 'count', numeric: true}, {key: 'p50', label: 'p50', numeric: true},
      {key: 'p90', label: 'p90', numeric: true}, {key: 'p99', label: 'p99', numeric: true},
      {key: 'p999', label: 'p99.9', numeric: true}, {key: 'max', label: 'max', numeric: true}], L.table);
  }
  const drawCharts = () => { drawLatency(); drawThroughput(); };
  document.getElementById('percentile').addEventListener('change', drawLatency);
  document.getElementById('log-scale').addEventListener('change', drawLatency);
  window.addEventListener('resize', drawCharts);
  drawCharts();

  // ---- files ----
  const links = document.getElementById('file-links');
  for (const f of D.files) links.append(el('li', {}, el('a', {href: relHref(f), text: f})));
  if (!D.files.length) links.append(el('li', {class: 'muted', text: 'No raw files.'}));
  if (D.missing.length) {
    document.getElementById('missing').append(el('h3', {text: 'Not in this run'}),
      el('ul', {}, ...D.missing.map(m => el('li', {class: 'muted', text: m}))));
  }

  window.__timeline = timeline;
  window.__readyAt = performance.now();
  window.__ready = true;
})();
