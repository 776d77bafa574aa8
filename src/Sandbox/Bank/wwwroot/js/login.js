// BLGI001: certificate login and ID/password login.

import { bankApi } from './api.js';
import { initLanguage, t } from './i18n.js';

const byId = (id) => document.getElementById(id);

function showProblem(problem) {
  byId('login-problem-code').textContent = problem.code ?? '';
  byId('login-problem-title').textContent = problem.title ?? '';
  byId('login-problem-remedy').textContent = problem.remedy ?? '';
  const box = byId('login-problem');
  box.hidden = false;
  box.focus();
}

async function login(button, call) {
  button.disabled = true;
  byId('login-problem').hidden = true;
  try {
    await call();
    window.location.assign('top.html');
  } catch (error) {
    showProblem(error.problem ?? { code: 'G005e', title: String(error), remedy: '' });
  } finally {
    button.disabled = false;
  }
}

byId('certificate-login').addEventListener('click', (event) =>
  login(event.currentTarget, () => bankApi('POST', 'login/certificate', {})));

byId('password-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const loginId = byId('login-id').value.trim();
  const password = byId('password').value;
  if (!loginId || !password) {
    showProblem({ code: 'G006e', title: t('login.required'), remedy: '' });
    return;
  }
  login(byId('password-login'), () => bankApi('POST', 'login/password', { loginId, password }));
});

initLanguage();
