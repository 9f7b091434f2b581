'use strict';
// Latency percentiles over time per f:outcome and throughput per second, with the fault windows shaded.
function drawCharts() {
  const {el, num, table, fitCanvas, tickStep} = CK;
  const {D, T, OUTCOME} = R;
  const COLOR = {ok: '#3a9a5b', fail: '#d9534f', info: '#e0a526'};
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
  const drawAll = () => { drawLatency(); drawThroughput(); };
  document.getElementById('percentile').addEventListener('change', drawLatency);
  document.getElementById('log-scale').addEventListener('change', drawLatency);
  window.addEventListener('resize', drawAll);
  drawAll();
}
