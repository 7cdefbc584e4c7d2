// Every call the console makes goes to the node's own admin API (/admin/...), the same routes medsync-admin
// uses. The browser sends the session cookie by itself; changing calls also carry the CSRF token, which only
// this page learned (in the login answer) and which lives in memory only: a reload asks /console/session again.

export const CSRF_HEADER = 'X-Medsync-CSRF';

/** An answer other than 2xx, with the API's own message ({"error":{"code","message"}}). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export class Api {
  /** onSessionLost(error): called when an admin call answers 401, i.e. the session ended. */
  constructor(onSessionLost) {
    this.onSessionLost = onSessionLost;
    this.csrfToken = null;
  }

  get(path, query) {
    return this.call('GET', withQuery(path, query));
  }

  post(path, body) {
    return this.call('POST', path, body);
  }

  delete(path) {
    return this.call('DELETE', path);
  }

  /** Logs in; the admin token is sent once, in the body, and forgotten by the caller right after. */
  async logIn(token, operator) {
    const session = await this.call('POST', '/console/session', { token, operator });
    this.csrfToken = session.csrfToken;
    return session;
  }

  /** The session the cookie names, after a reload; null when there is none. */
  async resume() {
    try {
      const session = await this.call('GET', '/console/session');
      this.csrfToken = session.csrfToken;
      return session;
    } catch (error) {
      if (error.status === 401) return null;
      throw error;
    }
  }

  async logOut() {
    try {
      await this.call('DELETE', '/console/session');
    } finally {
      this.csrfToken = null;
    }
  }

  /** GET /health/ready answers 503 with its reasons when the node is not ready: both are an answer here. */
  async readiness() {
    const response = await send('GET', '/health/ready', {});
    return { ready: response.ok, body: await bodyOf(response) };
  }

  async call(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET' && this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await send(method, path, { headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await bodyOf(response);
    if (response.ok) return json;
    const error = new ApiError(response.status, json?.error?.code ?? `HTTP_${response.status}`,
      json?.error?.message ?? `${response.status} ${response.statusText || 'error'}`);
    if (response.status === 401 && !path.startsWith('/console/session')) this.onSessionLost(error);
    throw error;
  }
}

async function send(method, path, init) {
  try {
    return await fetch(path, { method, credentials: 'same-origin', cache: 'no-store', ...init });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', `cannot reach the node: ${cause.message}`);
  }
}

async function bodyOf(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** path?k=v for every query value that is set. */
export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
