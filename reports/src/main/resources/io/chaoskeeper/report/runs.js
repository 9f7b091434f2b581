'use strict';
// The run index: counts per outcome, the versions side by side, then one row per run (unexpected failures first),
// sortable by any column.
(() => {
  const {el, relHref, duration} = CK;
  const D = CK.data();
  const RANK = {'unexpected failure': 0, 'expected but missing': 1, unchecked: 2, 'found as expected': 3, passed: 4};
  const badge = o => el('span', {class: 'badge outcome ' + o.replace(/ /g, '-'), text: o});
  const finding = r => (!r.finding ? null : el('div', {}, 'finding: ', r.findingHref
    ? el('a', {class: 'finding', href: CK.linkHref(r.findingHref), text: r.finding}) : el('span', {text: r.finding})));
  const columns = [
    {label: 'Run', value: r => r.name.toLowerCase(),
      cell: r => el('td', {}, el('a', {href: relHref(r.href), text: r.name}),
        r.name !== r.path ? el('div', {class: 'muted', text: r.path}) : null,
        r.problem ? el('div', {class: 'notes', text: r.problem}) : null)},
    {label: 'Outcome', value: r => RANK[r.outcome],
      cell: r => el('td', {class: 'outcome-cell'}, badge(r.outcome),
        r.found.length ? ' ' + r.found.join(', ') : null,
        ...r.reasons.map(t => el('div', {class: 'muted', text: t})), finding(r))},
    {label: 'Checkers', value: r => r.verdicts.map(v => v.checker + v.verdict).join(),
      cell: r => el('td', {}, ...r.verdicts.map(v => el('div', {},
        el('span', {class: 'badge ' + v.verdict, text: v.verdict}), ' ' + v.checker)))},
    {label: 'Version', value: r => r.zookeeperVersion || '',
      cell: r => el('td', {text: (r.zookeeperVersion || '') + (r.backend ? ' · ' + r.backend : '')})},
    {label: 'Duration', value: r => (r.durationMs === null ? -1 : r.durationMs),
      cell: r => el('td', {text: duration(r.durationMs)})},
    {label: 'Started', value: r => String(r.startedAt || ''), cell: r => el('td', {text: r.startedAt || ''})},
  ];
  const tableEl = document.getElementById('runs');
  let sortBy = 1, ascending = true;

  function render() {
    const c = columns[sortBy];
    const rows = D.runs.slice().sort((a, b) => {
      const x = c.value(a), y = c.value(b);
      const order = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
      return ascending ? order : -order;
    });
    tableEl.replaceChildren(el('thead', {}, el('tr', {}, ...columns.map((col, k) => el('th', {
      text: col.label,
      class: k === sortBy ? (ascending ? 'sorted-asc' : 'sorted-desc') : null,
      onclick: () => { ascending = k === sortBy ? !ascending : true; sortBy = k; render(); },
    })))), el('tbody', {}, ...rows.map(r => el('tr', {class: 'run ' + r.verdict + ' ' + r.outcome.replace(/ /g, '-')},
      ...columns.map(col => col.cell(r))))));
  }

  /** One row per test that ran under several versions, one outcome column per version. */
  function versions(grid) {
    if (!grid) return;
    document.getElementById('versions-section').hidden = false;
    document.getElementById('versions').append(
      el('thead', {}, el('tr', {}, el('th', {text: 'Test'}), ...grid.versions.map(v => el('th', {text: v})))),
      el('tbody', {}, ...grid.tests.map(t => el('tr', {}, el('td', {text: t.test}),
        ...grid.versions.map(v => el('td', {'data-version': v}, ...(t.cells[v] || []).map(c =>
          el('a', {href: relHref(c.href), title: c.href}, badge(c.outcome)))))))));
  }

  const invalid = D.runs.filter(r => r.verdict === 'invalid').length;
  document.getElementById('run-count').textContent = D.runs.length + ' runs, ' + invalid + ' invalid';
  document.getElementById('outcome-counts').textContent = Object.entries(D.outcomes)
    .filter(([o, n]) => n > 0 || o !== 'unchecked').map(([o, n]) => n + ' ' + o).join(' · ');
  versions(D.versions);
  if (!D.runs.length) tableEl.append(el('tr', {}, el('td', {text: 'No run directories (run.json or history.jsonl) below this directory.'})));
  else render();
  window.__ready = true;
})();
