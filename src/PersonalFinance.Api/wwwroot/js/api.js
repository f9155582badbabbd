// The JSON API client: bearer token in memory only, refresh through the HttpOnly refresh_token cookie.

/** An API failure carrying the ProblemDetails body (detail, errors) and the HTTP status. */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problemMessage(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
    this.headers = headers;
  }

  /** Seconds from a Retry-After header, when the server sent one. */
  get retryAfter() {
    const value = this.headers?.get('Retry-After');
    if (!value) return null;
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return seconds;
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
  }
}

function problemMessage(status, problem) {
  if (problem && typeof problem.detail === 'string' && problem.detail.trim()) {
    let message = problem.detail;
    if (problem.errors && typeof problem.errors === 'object') {
      const fieldMessages = Object.values(problem.errors).flat().filter((m) => typeof m === 'string');
      const extra = fieldMessages.filter((m) => !message.includes(m));
      if (extra.length) message += ' ' + extra.join(' ');
    }
    return message;
  }
  if (problem && typeof problem.title === 'string' && problem.title) return problem.title;
  if (status === 0) return 'The server could not be reached. Check your connection and try again.';
  return `The request failed (HTTP ${status}).`;
}

const REFRESH_MARGIN_SECONDS = 60;

let accessToken = null;
let refreshTimer = 0;
let refreshing = null;
const listeners = new Set();

/** Called with `true` when a session starts and `false` when it ends (logout or refresh failure). */
export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setSession(token, expiresIn) {
  const hadSession = accessToken !== null;
  accessToken = token;
  clearTimeout(refreshTimer);
  if (token) {
    // Silent refresh a minute before expiry (at least 10 s from now).
    const delay = Math.max(10, (Number(expiresIn) || 900) - REFRESH_MARGIN_SECONDS) * 1000;
    refreshTimer = setTimeout(() => { refresh().catch(() => {}); }, delay);
  }
  if (hadSession !== (token !== null)) listeners.forEach((l) => l(token !== null));
}

export function isLoggedIn() {
  return accessToken !== null;
}

async function readBody(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function send(path, { method = 'GET', body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, null, null);
  }
  const data = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, data, response.headers);
  return data;
}

export async function login(username, password) {
  const data = await send('/auth/login', { method: 'POST', body: { username, password } });
  setSession(data.access_token, data.expires_in);
}

/** Exchanges the refresh cookie for a new access token; concurrent callers share one request. */
export function refresh() {
  if (!refreshing) {
    refreshing = send('/auth/refresh', { method: 'POST' })
      .then((data) => {
        setSession(data.access_token, data.expires_in);
        return true;
      })
      .catch((error) => {
        if (error instanceof ApiError && error.status !== 0) setSession(null);
        throw error;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** Tries to resume a session from the refresh cookie (page load, return from the bank). */
export async function resume() {
  if (accessToken) return true;
  try {
    return await refresh();
  } catch {
    return false;
  }
}

export async function logout() {
  try {
    await send('/auth/logout', { method: 'POST' });
  } finally {
    setSession(null);
  }
}

/** An authenticated API call; on a 401 it refreshes once and retries, and ends the session when that fails. */
export async function api(path, options = {}) {
  if (!accessToken) await refresh();
  try {
    return await send(path, { ...options, token: accessToken });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    await refresh();
    return send(path, { ...options, token: accessToken });
  }
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
