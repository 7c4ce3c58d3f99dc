// The REST API client: the bearer token from localStorage on every call, RFC 9457 problems as errors.

const TOKEN_KEY = 'lectern.token';

export function token() {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) localStorage.setItem(TOKEN_KEY, value.trim());
  else localStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || '';
    this.field = problem.field;
  }
}

/** api('GET', '/courses') → parsed JSON (or null for 204). Bodies: objects as JSON, strings as text. */
export async function api(method, path, body, contentType) {
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  let payload;
  if (body !== undefined && body !== null) {
    if (typeof body === 'string' || body instanceof Blob) {
      payload = body;
      headers['Content-Type'] = contentType || 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, body: payload });
  if (response.status === 204) return null;
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new CustomEvent('lectern:signed-out'));
    throw new ApiError(response.status, json || { title: text || response.statusText });
  }
  return json;
}

/**
 * Saves an API answer as a file: a plain link cannot send the bearer token, so the page fetches
 * the body and hands the browser a blob to save.
 */
export async function download(path, filename) {
  const response = await fetch(`/api/v1${path}`, { headers: { Authorization: `Bearer ${token()}` } });
  if (!response.ok) {
    const problem = safeJson(await response.text()) || { title: response.statusText };
    if (response.status === 401) window.dispatchEvent(new CustomEvent('lectern:signed-out'));
    throw new ApiError(response.status, problem);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}

/**
 * Server-sent events over fetch: EventSource cannot send an Authorization header. Calls
 * onEvent(name, data) per event, reconnects after a drop, and stops when the signal aborts.
 */
export async function subscribe(path, onEvent, signal) {
  while (!signal.aborted) {
    try {
      const response = await fetch(`/api/v1${path}`, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token()}` },
        signal,
      });
      if (!response.ok) throw new Error(`events answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end), onEvent);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return;
  const parsed = safeJson(data.join('\n'));
  if (parsed !== null) onEvent(name, parsed);
}
