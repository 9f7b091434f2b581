'use strict';
// The run report's shared state: the model in #data, the timeline's operation rows and their lookups, and the
// words for an operation. Times in the timeline model are microseconds on the history's clock (since the run
// started).
const R = (() => {
  const D = CK.data();
  const T = D.timeline;
  const OUTCOME = ['ok', 'fail', 'info'];
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
    return CK.el('li', {class: 'op ' + (cls || '')}, text);
  }

  return {D, T, OUTCOME, rows, rowOfEvent, str, stopOf, secs, describe, opLine,
    highlighted: new Set(), failingRows: new Set(), timeline: null};
})();
