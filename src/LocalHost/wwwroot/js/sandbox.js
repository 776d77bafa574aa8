// Demo users of the embedded sandbox center, with their token codes shown like a
// hardware token so the renewal's one-time password steps can be tried.

import { api } from './api.js';
import { setRawText, setText } from './i18n.js';
import { problemOf } from './ui.js';

// admin01 is the administrator user (revocation by serial number on the support screen).
const DEMO_USERS = ['demo01', 'demo02', 'demo03', 'admin01'];

const tokens = new Map();

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildRow(loginId) {
  const name = element('span', 'sandbox-login', loginId);
  name.id = `sandbox-login-${loginId}`;

  const button = element('button', 'secondary small');
  button.type = 'button';
  button.id = `sandbox-show-${loginId}`;
  // Three buttons share one caption; the login ID makes each name unique for screen readers.
  button.setAttribute('aria-labelledby', `${button.id} ${name.id}`);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', `sandbox-token-${loginId}`);
  setText(button, 'sandbox.show');

  const display = element('output', 'token-display');
  display.id = `sandbox-token-${loginId}`;
  display.hidden = true;
  const label = element('span', 'visually-hidden');
  setText(label, 'sandbox.codeLabel', { loginId });
  const code = element('span', 'token-code');
  const seconds = element('span', 'token-seconds');
  const next = element('span', 'token-next');
  display.append(label, code, seconds, next);

  const row = element('li', 'sandbox-user');
  row.append(name, button, display);

  const token = { loginId, button, display, code, seconds, next, timer: null, loading: false, visible: false };
  button.addEventListener('click', () => (token.visible ? hide(token) : reveal(token)));
  tokens.set(loginId, token);
  return row;
}

function stopCountdown(token) {
  clearInterval(token.timer);
  token.timer = null;
}

function showCode(token, { code, secondsRemaining, nextCode }) {
  token.display.classList.remove('is-error');
  setRawText(token.code, code);
  setText(token.next, 'sandbox.next', { code: nextCode });
  let left = Math.max(0, Math.round(Number(secondsRemaining) || 0));
  setText(token.seconds, 'sandbox.seconds', { seconds: left });
  stopCountdown(token);
  token.timer = setInterval(() => {
    left -= 1;
    if (left <= 0) {
      // The code has rolled over: fetch the next one, like a token's display would change.
      stopCountdown(token);
      fetchCode(token);
      return;
    }
    setText(token.seconds, 'sandbox.seconds', { seconds: left });
  }, 1000);
}

function showFailure(token, problem) {
  stopCountdown(token);
  token.display.classList.add('is-error');
  setRawText(token.code, problem.title);
  setRawText(token.seconds, '');
  setRawText(token.next, '');
}

async function fetchCode(token) {
  if (token.loading) return;
  token.loading = true;
  try {
    const result = await api.getSandboxToken(token.loginId);
    if (token.visible) showCode(token, result);
  } catch (error) {
    if (token.visible) showFailure(token, problemOf(error));
  } finally {
    token.loading = false;
  }
}

function reveal(token) {
  token.visible = true;
  token.display.hidden = false;
  token.button.setAttribute('aria-expanded', 'true');
  setText(token.button, 'sandbox.hide');
  fetchCode(token);
}

function hide(token) {
  token.visible = false;
  stopCountdown(token);
  token.display.hidden = true;
  token.button.setAttribute('aria-expanded', 'false');
  setText(token.button, 'sandbox.show');
  setRawText(token.code, '');
  setRawText(token.seconds, '');
  setRawText(token.next, '');
}

export function showSandbox() {
  const body = document.getElementById('sandbox-users');
  if (body.children.length === 0) body.append(...DEMO_USERS.map(buildRow));
  document.getElementById('sandbox-panel').hidden = false;
}

