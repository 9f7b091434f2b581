'use strict';
// The timeline's index of operations by time, so that drawing and hovering visit only what is in view. Rows are
// sorted by start; maxStop[i] is the latest stop among rows 0..i (open-ended rows kept apart so that one unfinished
// operation does not defeat the culling), so the first row that can reach the view's left edge is a binary search.
const OpIndex = (() => {
  /** The first position in a sorted array whose value is at least v. */
  function firstAtOrAfter(arr, v) {
    let lo = 0, hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arr[mid] < v) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function of(T, rows, lanes) {
    const open = [];
    const maxStop = new Float64Array(rows);
    let m = -Infinity;
    for (let i = 0; i < rows; i++) {
      if (T.stop[i] < 0) open.push(i); else m = Math.max(m, T.stop[i]);
      maxStop[i] = m;
    }
    const laneRows = Array.from({length: lanes}, () => []);
    for (let i = 0; i < rows; i++) laneRows[T.lane[i]].push(i);
    /** The last position in list (row ids sorted by start; null = all rows) whose row starts at or before t. */
    const lastStartAtOrBefore = (list, t) => {
      let lo = 0, hi = list ? list.length : rows;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (T.start[list ? list[mid] : mid] <= t) lo = mid + 1; else hi = mid;
      }
      return lo - 1;
    };
    return {open, maxStop, laneRows, firstAtOrAfter, lastStartAtOrBefore};
  }

  return {of};
})();
