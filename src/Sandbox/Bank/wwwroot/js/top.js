// The top page after login: who is logged in, with which certificate, and the renewal notice from 40 days before expiry.

import { bankApi, launchHelper } from './api.js';
import { formatDate, initLanguage, t } from './i18n.js';

const byId = (id) => document.getElementById(id);
let session = null;

function render() {
  byId('top-loading').hidden = true;
  byId('signed-out').hidden = session !== null;
  if (!session) {
    byId('top-loading').hidden = false;
    byId('top-loading').textContent = t('top.signedOut');
    return;
  }
  byId('welcome').hidden = false;
  byId('welcome-heading').textContent = t('top.welcome', { loginId: session.loginId });
  byId('login-method').textContent = t(`top.method.${session.method}`);
  byId('certificate-cn').textContent = session.commonName ?? t('top.noCertificate');
  byId('expiry-row').hidden = !session.certificateNotAfter;
  byId('certificate-expiry').textContent = session.certificateNotAfter ? formatDate(session.certificateNotAfter) : '';
  byId('renewal-notice').hidden = !session.renewalOpen;
  if (session.renewalOpen) {
    byId('renewal-text').textContent = t('top.renewalText', { date: formatDate(session.certificateNotAfter) });
  }
}

async function start() {
  initLanguage(render);
  try {
    session = await bankApi('GET', 'session');
  } catch {
    session = null;
  }
  render();
}

byId('renewal-launch').addEventListener('click', () => launchHelper('renew'));
byId('logout').addEventListener('click', async () => {
  await bankApi('POST', 'logout', {}).catch(() => null);
  window.location.assign('./');
});

start();
