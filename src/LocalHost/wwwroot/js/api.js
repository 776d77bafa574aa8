// Client for the helper's localhost API (/api/v1). Every failure becomes an ApiError
// carrying a problem object {code, title, remedy, status, detail?, errors?}.

import { getLang, t } from './i18n.js';

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status() {
    return this.problem.status;
  }
}

function newRequestId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID only exists in secure contexts; a loopback address is one, but a
  // custom host name mapped to 127.0.0.1 may not be.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function networkProblem() {
  return {
    code: 'G005e',
    status: 0,
    title: t('error.networkTitle'),
    remedy: t('error.networkRemedy'),
  };
}

function unexpectedProblem(status) {
  return {
    code: 'G005e',
    status,
    title: t('error.unexpectedTitle'),
    remedy: t('error.unexpectedRemedy'),
  };
}

function isJson(response) {
  return (response.headers.get('Content-Type') ?? '').includes('json');
}

async function readProblem(response) {
  if (!isJson(response)) return unexpectedProblem(response.status);
  try {
    const body = await response.json();
    return {
      ...body,
      status: body.status ?? response.status,
      code: body.code ?? 'G005e',
      title: body.title ?? t('error.unexpectedTitle'),
      remedy: body.remedy ?? t('error.unexpectedRemedy'),
    };
  } catch {
    return unexpectedProblem(response.status);
  }
}

// The proxy sign-in screen (proxy.js): asked when a request meets a proxy's 407 (G009e); it resolves once the user
// has given the proxy's ID and password, or rejects with a cancelled ApiError.
let proxySignIn = null;

export function onProxySignIn(handler) {
  proxySignIn = handler;
}

export const PROXY_REFUSED = 'G009e';

/**
 * After a G009e: the sign-in screen, then the caller repeats its request. `refused` is the problem of a pair given
 * before (the screen then shows G009e); without a screen (no handler) the problem stands.
 */
export async function signInToProxyAfter(problem, refused) {
  if (!proxySignIn) throw new ApiError(problem);
  await proxySignIn(refused);
}

export async function request(method, path, body) {
  // The same X-Request-Id for a request repeated after the proxy sign-in: the helper ran none of it.
  const requestId = newRequestId();
  let refused = null;
  for (;;) {
    try {
      return await send(method, path, body, requestId);
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.code !== PROXY_REFUSED || path.startsWith('/proxy/')) throw error;
      await signInToProxyAfter(error.problem, refused);
      refused = error.problem;
    }
  }
}

async function send(method, path, body, requestId) {
  const headers = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLang(),
  };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    // A fresh id per submission lets the helper recognise a replayed request.
    headers['X-Request-Id'] = requestId;
    init.body = JSON.stringify(body ?? {});
  }

  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch {
    throw new ApiError(networkProblem());
  }

  if (!response.ok) throw new ApiError(await readProblem(response));
  if (response.status === 202 || response.status === 204 || !isJson(response)) return null;
  try {
    return await response.json();
  } catch {
    throw new ApiError(unexpectedProblem(response.status));
  }
}

const segment = encodeURIComponent;

export const api = {
  getStatus: () => request('GET', '/status'),
  listCertificates: () => request('GET', '/certificates'),
  issueCertificate: ({ loginId, password }) =>
    request('POST', '/certificates/issue', { loginId, password }),
  beginRenewal: (thumbprint, password) =>
    request('POST', `/certificates/${segment(thumbprint)}/renewal`, { password }),
  submitOtp: (renewalId, otp) => request('POST', `/renewals/${segment(renewalId)}/otp`, { otp }),
  submitTimeSync: (renewalId, current, next) =>
    request('POST', `/renewals/${segment(renewalId)}/otp`, { current, next }),
  checkUpdates: () => request('GET', '/updates'),
  startUpdateDownload: () => request('POST', '/updates/download'),
  getUpdateDownload: () => request('GET', '/updates/download'),
  installUpdate: () => request('POST', '/updates/install'),
  exit: () => request('POST', '/exit', {}),
  /** Removes an expired, revoked or renewed certificate; the user has confirmed. */
  removeCertificate: (thumbprint) => request('DELETE', `/certificates/${segment(thumbprint)}`, { confirm: true }),
  getSandboxToken: (loginId) => request('GET', `/sandbox/tokens/${segment(loginId)}`),
  signInToProxy: (userName, password) => request('POST', '/proxy/sign-in', { userName, password }),
};
