// Demo users of the embedded sandbox center, with their token codes shown like a
// hardware token so the renewal's one-time password steps can be tried.

import { api } from './api.js';
import { setRawText, setText } from './i18n.js';
import { problemOf } from './ui.js';

const DEMO_USERS = ['demo01', 'demo02', 'demo03'];
const SANDBOX_PASSWORD = 'Sandbox-Pass-01';

const tokens = new Map();

function cell(tag, text) {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  return element;
}

function buildRow(loginId) {
  const row = document.createElement('tr');
  const button = cell('button');
  button.type = 'button';
  button.id = `sandbox-show-${loginId}`;
  button.className = 'secondary small';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', `sandbox-token-${loginId}`);
  setText(button, 'sandbox.show');

  const display = cell('output');
  display.id = `sandbox-token-${loginId}`;
  display.className = 'token-display';
  display.hidden = true;
  const label = cell('span');
  label.className = 'visually-hidden';
  setText(label, 'sandbox.codeLabel', { loginId });
  const code = cell('span');
  code.className = 'token-code';
  const seconds = cell('span');
  seconds.className = 'token-seconds';
  display.append(label, code, seconds);

  const tokenCell = cell('td');
  tokenCell.append(button, display);
  const idCell = cell('th', loginId);
  idCell.scope = 'row';
  row.append(idCell, cell('td', SANDBOX_PASSWORD), tokenCell);

  const token = { loginId, button, display, code, seconds, timer: null, loading: false, visible: false };
  button.addEventListener('click', () => (token.visible ? hide(token) : reveal(token)));
  tokens.set(loginId, token);
  return row;
}

function stopCountdown(token) {
  clearInterval(token.timer);
  token.timer = null;
}

function showCode(token, { code, secondsRemaining }) {
  token.display.classList.remove('is-error');
  setRawText(token.code, code);
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
}

export function showSandbox() {
  const body = document.getElementById('sandbox-users');
  if (body.children.length === 0) body.append(...DEMO_USERS.map(buildRow));
  document.getElementById('sandbox-panel').hidden = false;
}

