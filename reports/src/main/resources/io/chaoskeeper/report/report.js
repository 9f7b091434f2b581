'use strict';
// The run report: summary (verdicts, outcome against the run's expectations, run facts, servers at the end),
// counterexamples, the timeline with server lanes, latency charts and every file of the run directory.
(() => {
  const {el, relHref, json, duration, num, table} = CK;
  const {D, T, rows} = R;

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
  fact('backend', run.backend);
  fact('phases', run.phases);
  fact('counts', run.counts);
  const shown = new Set(['name', 'seed', 'zookeeperVersion', 'nodes', 'workload', 'schedule', 'clients', 'startedAt',
    'durationMs', 'phases', 'reproduce', 'counts', 'backend', 'finding']);
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

  outcome();
  serversTable();

  // ---- counterexamples ----
  if (Anomalies.render(document.getElementById('anomalies'), D.checks)) {
    document.getElementById('counterexamples').hidden = false;
    document.getElementById('nav-counterexamples').hidden = false;
  }

  // ---- timeline ----
  if (T && rows) R.timeline = makeTimeline();
  else {
    const empty = document.getElementById('timeline-empty');
    empty.hidden = false;
    empty.textContent = T ? 'The history has no client operations.' : 'No history: nothing to draw.';
    document.getElementById('timeline-wrap').hidden = true;
  }
  if (!D.cluster) {
    document.getElementById('server-legend').hidden = true;
  }

  drawCharts();

  // ---- files ----
  const links = document.getElementById('file-links');
  table(links, [{label: 'file', render: f => el('a', {href: relHref(f.path), text: f.path})},
    {label: 'size', numeric: true, render: f => size(f.bytes)}], D.files);
  if (!D.files.length) links.append(el('tr', {}, el('td', {class: 'muted', text: 'No raw files.'})));
  if (D.missing.length) {
    document.getElementById('missing').append(el('h3', {text: 'Not in this run'}),
      el('ul', {}, ...D.missing.map(m => el('li', {class: 'muted', text: m}))));
  }

  /** The outcome against what run.json declares, and the finding that explains an expected anomaly. */
  function outcome() {
    const o = D.outcome, box = document.getElementById('outcome');
    if (!o) return;
    const found = o.found.length ? ' (' + o.found.join(', ') + ')' : '';
    box.append(el('span', {class: 'badge outcome ' + o.outcome.replace(/ /g, '-'), text: o.outcome}), found,
      ...o.reasons.map(r => el('div', {class: 'muted', text: r})));
    if (run.finding) {
      const link = D.findingHref ? el('a', {id: 'finding', href: CK.linkHref(D.findingHref), text: run.finding})
        : el('span', {id: 'finding', text: run.finding + ' (not found above this run)'});
      box.append(el('div', {}, 'finding: ', link));
    }
  }

  /** servers.json: each node's state, zxid and digest mismatches at the end, with its log and data. */
  function serversTable() {
    if (!D.servers.length) return;
    const link = p => (p ? el('a', {href: relHref(String(p)), text: String(p)}) : '');
    document.getElementById('servers').append(el('h3', {text: 'Servers at the end'}));
    table(document.getElementById('servers').appendChild(el('table', {class: 'numbers'})), [
      {key: 'node', label: 'node'}, {key: 'id', label: 'id'}, {key: 'state', label: 'state'},
      {label: 'zxid', render: s => (typeof s.zxid === 'number' ? '0x' + s.zxid.toString(16) : json(s.zxid ?? ''))},
      {label: 'digest mismatches', render: s => (s.digestMismatches === null || s.digestMismatches === undefined
        ? 'not reported' : String(s.digestMismatches))},
      {label: 'log', render: s => link(s.log)},
      {label: 'data', render: s => el('span', {}, link(s.data), s.dataTruncated ? ' (cut at the size cap)' : '')},
    ], D.servers);
  }

  function size(bytes) {
    if (bytes < 0) return '?';
    if (bytes < 1024) return bytes + ' B';
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KiB';
    return (bytes / 1024 / 1024).toFixed(1) + ' MiB';
  }

  window.__timeline = R.timeline;
  window.__readyAt = performance.now();
  window.__ready = true;
})();
