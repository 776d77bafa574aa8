// The sandbox bank's own API (same origin) and the launcher that finds the certificate app on this PC.

import { getLang, t } from './i18n.js';

export class BankError extends Error {
  constructor(problem) {
    super(problem.title);
    this.problem = problem;
  }
}

export async function bankApi(method, path, body) {
  const init = {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { Accept: 'application/json, application/problem+json', 'Accept-Language': getLang() },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`api/${path}`, init);
  const json = (response.headers.get('Content-Type') ?? '').includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new BankError(json ?? { code: 'G005e', title: response.statusText, remedy: '' });
  }
  return json;
}

/**
 * 「証明書発行アプリの起動」: asks the certificate app on this PC for its status (a cross-origin call the app
 * allows for this bank's origin), then opens its screen. Shows what happened in the status element.
 */
export async function launchHelper() {
  const status = document.getElementById('launch-status');
  const open = document.getElementById('launch-open');
  const link = document.getElementById('launch-link');
  status.classList.remove('is-error');
  status.textContent = t('launch.checking');
  open.hidden = true;
  try {
    const { helperUrl } = await bankApi('GET', 'config');
    const response = await fetch(new URL('api/v1/status', helperUrl), { mode: 'cors', credentials: 'omit', cache: 'no-store' });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const helper = await response.json();
    status.textContent = t('launch.running', { version: helper.version });
    link.href = helperUrl;
    open.hidden = false;
    window.open(helperUrl, '_blank', 'noopener');
  } catch {
    status.classList.add('is-error');
    status.textContent = t('launch.notRunning');
  }
}
