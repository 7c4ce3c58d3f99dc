// Small DOM helpers: build elements without innerHTML, so text from the API is never parsed as HTML.

/** h('a', {href: '#/'}, 'Home') builds an element; attributes starting with "on" become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the main region's content, moves focus there and names the page for screen readers. */
export function show(title, ...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children.flat(Infinity).filter(Boolean));
  document.title = title ? `${title} · Lectern` : 'Lectern';
  main.focus({ preventScroll: false });
}

/**
 * Lets a part of the page with unsaved work (the caption editor) hold back navigation: `check`
 * returns whether leaving is fine (it may ask first). null removes the guard.
 */
let leaveCheck = null;
export function guardLeaving(check) {
  leaveCheck = check;
}

export function mayLeave() {
  return !leaveCheck || leaveCheck();
}

/** Says something to screen-reader users without moving focus. */
export function announce(text) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // A fresh text node after a tick makes screen readers read repeated messages too.
  setTimeout(() => { region.textContent = text; }, 50);
}

/** 75.4 → "1:15", 3725 → "1:02:05". */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds || 0));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export function bytes(n) {
  if (!Number.isFinite(n)) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return `${n.toFixed(n < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A status message block; role=alert for errors so they are read at once. */
export function message(text, kind = 'info') {
  return h('p', { class: `msg msg-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** Loads a classic script (the vendored libraries) once. */
const loaded = new Map();
export function loadScript(src) {
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const s = h('script', { src });
      s.onload = resolve;
      s.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(s);
    }));
  }
  return loaded.get(src);
}
