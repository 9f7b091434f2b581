'use strict';
// The run index: one row per run, failures first, sortable by any column.
(() => {
  const {el, relHref, duration} = CK;
  const D = CK.data();
  const RANK = {invalid: 0, unknown: 1, unchecked: 2, valid: 3};
  const columns = [
    {label: 'Run', value: r => r.name.toLowerCase(),
      cell: r => el('td', {}, el('a', {href: relHref(r.href), text: r.name}),
        r.name !== r.path ? el('div', {class: 'muted', text: r.path}) : null,
        r.problem ? el('div', {class: 'notes', text: r.problem}) : null)},
    {label: 'Verdict', value: r => RANK[r.verdict],
      cell: r => el('td', {}, el('span', {class: 'badge ' + r.verdict, text: r.verdict}))},
    {label: 'Checkers', value: r => r.verdicts.map(v => v.checker + v.verdict).join(),
      cell: r => el('td', {}, ...r.verdicts.map(v => el('div', {},
        el('span', {class: 'badge ' + v.verdict, text: v.verdict}), ' ' + v.checker)))},
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
    })))), el('tbody', {}, ...rows.map(r => el('tr', {class: 'run ' + r.verdict}, ...columns.map(col => col.cell(r))))));
  }

  document.getElementById('run-count').textContent = D.runs.length + ' runs, '
    + D.runs.filter(r => r.verdict === 'invalid').length + ' invalid';
  if (!D.runs.length) tableEl.append(el('tr', {}, el('td', {text: 'No run directories (run.json or history.jsonl) below this directory.'})));
  else render();
  window.__ready = true;
})();
