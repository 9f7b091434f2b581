'use strict';
// Helpers shared by the run report and the run index. Every value from a history reaches the page through
// textContent or a text node, never innerHTML, so markup in values stays text.
const CK = (() => {
  /** An element; attrs: class, text, title, href, on<event>; children: nodes or strings (as text). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === undefined || c === null) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  /** The page's embedded model. */
  function data() {
    return JSON.parse(document.getElementById('data').textContent);
  }

  /** A relative link to a file of the run; each path segment is URI-encoded so a name cannot become a scheme. */
  function relHref(path) {
    return path.split('/').map(encodeURIComponent).join('/');
  }

  /** A link to a finding: an http(s) URL as it is, a relative path segment by segment (never a scheme). */
  function linkHref(href) {
    return /^https?:\/\//.test(href) ? href : relHref(href);
  }

  function json(v) {
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  /** Milliseconds for people: 850 ms, 12.3 s, 4 min 05 s. */
  function duration(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) return '';
    if (ms < 1000) return Math.round(ms) + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    const s = Math.round(ms / 1000);
    return Math.floor(s / 60) + ' min ' + String(s % 60).padStart(2, '0') + ' s';
  }

  /** A number with up to 3 significant decimals. */
  function num(v) {
    if (typeof v !== 'number') return String(v);
    if (Number.isInteger(v)) return v.toLocaleString('en-US');
    return v < 10 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(1);
  }

  /** A table of rows (objects) with columns [{key, label, numeric, render}]. */
  function table(target, columns, rows) {
    target.replaceChildren();
    target.append(el('thead', {}, el('tr', {}, ...columns.map(c =>
      el('th', {class: c.numeric ? 'n' : null, text: c.label})))));
    const body = el('tbody');
    for (const r of rows) {
      body.append(el('tr', {}, ...columns.map(c => {
        const v = c.render ? c.render(r) : r[c.key];
        return el('td', {class: c.numeric ? 'n' : null}, v instanceof Node ? v : c.numeric ? num(v) : json(v));
      })));
    }
    target.append(body);
    return body;
  }

  /** A canvas sized to its CSS box at the device's pixel ratio; returns the context scaled to CSS pixels. */
  function fitCanvas(canvas, cssHeight) {
    const ratio = window.devicePixelRatio || 1;
    const w = canvas.clientWidth || 800;
    canvas.style.height = cssHeight + 'px';
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(cssHeight * ratio);
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    return {g, w, h: cssHeight};
  }

  /** A "nice" tick step (1, 2 or 5 times a power of ten) for about n ticks over span. */
  function tickStep(span, n) {
    const raw = span / Math.max(1, n);
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }

  return {el, data, relHref, linkHref, json, duration, num, table, fitCanvas, tickStep};
})();
