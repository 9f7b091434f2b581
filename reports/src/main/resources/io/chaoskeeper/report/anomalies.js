'use strict';
// Counterexamples a person can read: grouped by checker and kind with a count per kind, the first three of each
// kind open and the rest collapsed (their bodies built when opened), times, faults and server roles in words and
// seconds since the run started, the raw JSON one click away.
const Anomalies = (() => {
  const {el, json} = CK;
  const {T, rows, rowOfEvent, str, stopOf, secs, opLine} = R;
  const OPEN_PER_KIND = 3;
  const END = 9e18; // Long.MAX_VALUE in a fault window: still active at the end

  /** "12.3–17.3 s" (digits decimals), or "12.3 s – end" for an open end. */
  function span(fromNs, toNs, digits) {
    const s = ns => (ns / 1e9).toFixed(digits);
    return toNs >= END ? s(fromNs) + ' s – end' : s(fromNs) + '–' + s(toNs) + ' s';
  }

  /** "pause zk3, 12.3–17.3 s" for a fault window of an anomaly's data. */
  function faultWords(f) {
    const targets = Array.isArray(f.targets) ? f.targets.join(',') : json(f.targets);
    return f.kind + ' ' + targets + ', ' + span(f.start, f.end, 1);
  }

  /** "zk5 (leader, epoch 1)" for a server of an anomaly's {@code servers}. */
  function serverWords(s) {
    const facts = [s.role || s.state].concat(s.epoch !== undefined && s.epoch !== null ? ['epoch ' + s.epoch] : []);
    return (s.node || '?') + ' (' + facts.filter(x => x).join(', ') + ')';
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

  /**
   * A lock's critical section: from the acquire's completion to the same process's next release completing; null
   * for an event that is not an acquire.
   */
  function sectionLine(eventIndex) {
    const row = T ? rowOfEvent.get(Number(eventIndex)) : undefined;
    if (row === undefined) return opLine(eventIndex, 'failing');
    if (str(T.f[row]) !== 'acquire') return null; // a release of the section: its end, not a section
    let release = -1;
    for (let j = row + 1; j < rows && release < 0; j++) {
      if (T.process[j] === T.process[row] && str(T.f[j]) === 'release') release = j;
    }
    const token = T.value[row].split(' → ').pop();
    const from = T.stop[row] >= 0 ? T.stop[row] : T.start[row];
    return el('li', {class: 'op failing', text: 'process ' + T.process[row] + ' held the lock with token ' + token
      + ' from ' + secs(from) + (release >= 0 ? ' to ' + secs(stopOf(release)) : ' to the end (never released)')});
  }

  /** Times, faults and server roles of an anomaly in words; returns the data keys it covered. */
  function inWords(box, a, involved) {
    const d = a.data || {};
    const words = [];
    const from = Math.min(...involved.map(r => T.start[r])), to = Math.max(...involved.map(r => stopOf(r)));
    if (involved.length) {
      words.push(['when', span(from * 1000, to * 1000, 3) + ' (' + involved.length + ' operations)']);
    }
    const covered = new Set();
    const intervals = Array.isArray(d.intervals) ? d.intervals.filter(i => Array.isArray(i) && i.length === 2) : [];
    if (intervals.length) {
      words.push(['intervals', intervals.map(i => span(i[0], i[1], 3)).join('; ')]);
      covered.add('intervals');
    }
    if (Array.isArray(d.overlap) && d.overlap.length === 2) {
      words.push(['overlap', span(d.overlap[0], d.overlap[1], 3)]);
      covered.add('overlap');
    }
    if (Array.isArray(d.faults)) {
      words.push(['faults', d.faults.length ? d.faults.map(faultWords).join('; ') : 'none active']);
      covered.add('faults');
    } else if (involved.length && T.faults.length) {
      // the checker did not say: the faults of the timeline active while its operations ran
      const active = T.faults.filter(f => f.start <= to && (f.stop < 0 || f.stop >= from)).map(f => ({kind: f.kind,
        targets: f.targets, start: f.start * 1000, end: f.stop < 0 ? END : f.stop * 1000}));
      words.push(['faults', active.length ? active.map(faultWords).join('; ') : 'none active']);
    }
    // roles at the anomaly's time: on the anomaly (CONTRACTS.md), or in its data from a checker that puts them there
    const servers = Array.isArray(a.servers) ? a.servers : Array.isArray(d.servers) ? d.servers : [];
    if (servers.length) words.push(['servers', servers.map(serverWords).join(', ')]);
    if (Array.isArray(d.servers)) covered.add('servers');
    if (words.length) {
      box.append(el('table', {class: 'words'}, ...words.map(([k, v]) => el('tr', {},
        el('th', {text: k}), el('td', {class: 'in-words', text: v})))));
    }
    return covered;
  }

  /** The body of one anomaly: in words, its operations, the other data, the raw JSON. */
  function body(check, a, involved, failing) {
    const box = el('div', {class: 'anomaly-body'});
    if (involved.length) {
      box.append(el('button', {type: 'button', text: 'Show on timeline',
        onclick: () => R.timeline && R.timeline.focus(involved)}));
    }
    const known = inWords(box, a, involved);
    const d = a.data || {};
    if ('failing' in d || 'prefix' in d || 'concurrent' in d || 'states' in d) {
      linearizability(box, d, failing, known);
    } else if (a.kind.startsWith('lock')) {
      box.append(el('h3', {text: 'Overlapping critical sections'}),
        el('ul', {class: 'op-list'}, ...a.operations.map(i => sectionLine(i)).filter(line => line)),
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
    box.append(el('details', {class: 'raw'}, el('summary', {text: 'raw data (JSON)'}),
      el('pre', {text: JSON.stringify(a, null, 1)})));
    return box;
  }

  /** Linearizability: the longest prefix that linearizes, then the op that cannot follow it. */
  function linearizability(box, d, failing, known) {
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
  }

  /** One anomaly as a details element, open or built when first opened. */
  function item(check, a, open) {
    const involved = a.operations.map(i => rowOfEvent.get(Number(i))).filter(r => r !== undefined);
    involved.forEach(r => R.highlighted.add(r));
    const failing = failingEvents(a);
    failing.forEach(i => { const r = rowOfEvent.get(i); if (r !== undefined) R.failingRows.add(r); });
    const box = el('details', {class: 'anomaly'}, el('summary', {},
      el('span', {class: 'kind', text: a.kind}), ' ', el('span', {class: 'message', text: a.message})));
    let built = false;
    const build = () => { if (!built) { built = true; box.append(body(check, a, involved, failing)); } };
    if (open) { box.open = true; build(); }
    box.addEventListener('toggle', () => { if (box.open) build(); });
    return box;
  }

  /** Renders every check's anomalies into target; returns how many there are. */
  function render(target, checks) {
    let total = 0;
    const counts = [];
    const groups = [];
    for (const c of checks) {
      const byKind = new Map();
      for (const a of c.anomalies || []) {
        if (!byKind.has(a.kind)) byKind.set(a.kind, []);
        byKind.get(a.kind).push(a);
      }
      for (const [kind, list] of byKind) {
        const found = Math.max(list.length, Number(((c.stats || {}).anomalyCounts || {})[kind]) || 0);
        counts.push(kind + ': ' + found);
        total += list.length;
        const header = el('h3', {class: 'kind-header', text: kind + ' × ' + found + ' · ' + c.checker
          + (found > list.length ? ' (the first ' + list.length + ' kept in checks.json)' : '')});
        groups.push(el('section', {class: 'kind-group', 'data-kind': kind}, header,
          ...list.map((a, k) => item(c, a, k < OPEN_PER_KIND))));
      }
    }
    if (total) target.append(el('p', {class: 'kind-counts', text: counts.join(' · ')}), ...groups);
    return total;
  }

  return {render, span};
})();
