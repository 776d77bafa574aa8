// BSMS001: login ID, download, and starting the certificate app.

import { launchHelper } from './api.js';
import { initLanguage } from './i18n.js';

const button = document.getElementById('login-id-button');
button.addEventListener('click', () => {
  const info = document.getElementById('login-id-info');
  info.hidden = !info.hidden;
  button.setAttribute('aria-expanded', String(!info.hidden));
});
document.getElementById('launch-helper').addEventListener('click', () => launchHelper('issue'));

initLanguage();
