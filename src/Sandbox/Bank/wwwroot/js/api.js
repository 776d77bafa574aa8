// The sandbox bank's own API (same origin) and the launcher that finds the certificate app on this PC.

import { detect, launch, localNetworkPermission, messages } from './certplatform-bank.js';
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
 * 「証明書発行アプリの起動」 through the bank kit (certplatform-bank.js): a running app is found and its screen opened;
 * otherwise the app is started through its URL scheme, which needs no request to this PC, and the page then tells
 * apart a browser that does not let it look (Local Network Access denied) from an app that does not answer.
 */
export async function launchHelper(screen = 'issue') {
  const status = document.getElementById('launch-status');
  const open = document.getElementById('launch-open');
  const link = document.getElementById('launch-link');
  const text = messages[getLang()] ?? messages.ja;
  status.classList.remove('is-error');
  status.dataset.state = 'checking';
  status.textContent = t('launch.checking');
  open.hidden = true;
  const { helperUrl, scheme } = await bankApi('GET', 'config');
  const show = (state, message, isError = false) => {
    status.dataset.state = state;
    status.textContent = message;
    status.classList.toggle('is-error', isError);
  };

  const permission = await localNetworkPermission();
  if (permission !== 'denied') {
    if (permission === 'prompt') show('asking', text.askPermission);
    const running = await detect(helperUrl);
    if (running.state === 'running') {
      show('running', text.running(running.version));
      link.href = helperUrl;
      open.hidden = false;
      window.open(helperUrl, '_blank', 'noopener');
      return;
    }
  }

  launch(scheme, screen);
  show('launching', text.launching);
  const found = await detect(helperUrl, { waitMs: 15000 });
  if (found.state === 'running') {
    // The app opened its own screen when it started.
    show('running', text.running(found.version));
    link.href = helperUrl;
    open.hidden = false;
  } else if (found.state === 'permission-denied') {
    show('permission-denied', `${text.launching} ${text.permissionDenied}`);
  } else {
    show('not-found', text.notFound, true);
  }
}
