// 困ったときは (the manual's chapter 3, done by the helper): diagnostics, certificate care
// (details, public-only export, revocation, removal of expired, revoked or renewed certificates),
// an administrator user's revocation, and the support bundle for the support desk.

import { PROXY_REFUSED, api, request, signInToProxyAfter } from './api.js';
import { addMessages, setRawText, setText, t } from './i18n.js';
import { formatDate } from './format.js';
import {
  announce, clearFormErrors, fillProblem, isBusy, problemOf, runBusy, screenElement, setFieldError, showInlineProblem, showScreen,
} from './ui.js';

addMessages({
  'support.open': '困ったときは（診断・証明書の管理・サポート）',
  'support.title': '困ったときは',
  'support.lead': 'パソコンの状態の確認、電子証明書の管理、サポートデスクへ送るファイルの作成ができます。',
  'support.diagHeading': '診断',
  'support.diagLead': '証明書ストア、パソコンの時計、センター・認証局への接続、アプリケーションのバージョンなどを確認します。',
  'support.diagRun': '診断を実行',
  'support.diagSummary.ok': '問題は見つかりませんでした。',
  'support.diagSummary.warning': '確認が必要な項目があります。対処方法をご確認ください。',
  'support.diagSummary.failed': '問題が見つかりました。対処方法をご確認ください。',
  'support.status.ok': '正常',
  'support.status.warning': '注意',
  'support.status.failed': '異常',
  'support.status.skipped': '対象外',
  'support.check.helper': 'アプリケーション',
  'support.check.store': '証明書ストア',
  'support.check.clock': 'パソコンの時計',
  'support.check.center': 'センターへの接続',
  'support.check.ca': '認証局への接続',
  'support.check.proxy': 'プロキシ',
  'support.check.updates': 'バージョン確認',
  'support.check.software': '問題となるソフトウェア',
  'support.remedy': '対処方法',
  'support.careHeading': '電子証明書の管理',
  'support.careLead': '有効期限の切れた電子証明書や失効した電子証明書も表示します。エクスポートできるのは証明書（公開鍵）のみです。',
  'support.careEmpty': '当組合の電子証明書はこのパソコンにありません。',
  'support.serialLabel': 'シリアル番号',
  'support.validity': ({ from, to }) => `有効期間 ${from} ～ ${to}`,
  'support.expired': '有効期限切れ',
  'support.exportPem': '証明書をエクスポート（PEM）',
  'support.exportDer': '証明書をエクスポート（DER）',
  'support.revoke': '失効',
  'support.remove': '削除',
  'support.removeConfirm': 'この電子証明書をパソコンから削除します。よろしいですか？',
  'support.removed': '電子証明書を削除しました。',
  'support.key.tpm': '秘密鍵：TPM(セキュリティチップ)内、エクスポート不可。このPC以外では使用できません。',
  'support.key.softwareLocked': '秘密鍵：このPCのユーザー領域(ソフトウェア)、エクスポート不可。',
  'support.key.software': '秘密鍵：このPCのユーザー領域(ソフトウェア)。OSの仕組み上、同じユーザーのプログラムからは読み出せます。',
  'support.key.none': '秘密鍵：なし(このPCではログインに使用できません)',
  'support.revokeLegend': '電子証明書の失効',
  'support.revokeLead': '失効した電子証明書は使用できなくなります。失効後に「証明書発行」から新しい電子証明書を発行してください。',
  'support.revokeSubmit': '失効する',
  'support.cancel': 'やめる',
  'support.adminHeading': '管理者ユーザーによる失効',
  'support.adminLead': 'パソコンの再インストールなどで使えなくなった他のユーザーの電子証明書は、管理者ユーザーがシリアル番号を指定して失効できます。',
  'support.adminLegend': '管理者ユーザーの認証',
  'support.serial': '失効する電子証明書のシリアル番号',
  'support.adminSubmit': '失効する',
  'support.adminDone': ({ serial }) => `シリアル番号 ${serial} の電子証明書を失効しました。利用者は「証明書発行」から新しい電子証明書を発行してください。`,
  'support.serialFormat': 'シリアル番号を16進数（40桁まで）で入力してください。',
  'support.bundleHeading': 'サポートデスクへ送るファイル',
  'support.bundleLead': 'ログファイル（ApplicationLog.log）と診断結果をまとめたファイルを保存します。パスワードなどの秘密の情報は含まれません。',
  'support.bundleDownload': 'サポート用ファイルを保存',
}, {
  'support.open': 'Troubleshooting (diagnostics, certificate care, support)',
  'support.title': 'Troubleshooting',
  'support.lead': 'Check this PC, take care of your certificates, and save a file for the support desk.',
  'support.diagHeading': 'Diagnostics',
  'support.diagLead': 'Checks the certificate store, the PC’s clock, the connection to the center and the CA, the application version and more.',
  'support.diagRun': 'Run diagnostics',
  'support.diagSummary.ok': 'No problem was found.',
  'support.diagSummary.warning': 'Some items need attention. See what to do below.',
  'support.diagSummary.failed': 'A problem was found. See what to do below.',
  'support.status.ok': 'OK',
  'support.status.warning': 'Attention',
  'support.status.failed': 'Problem',
  'support.status.skipped': 'Not checked',
  'support.check.helper': 'Application',
  'support.check.store': 'Certificate store',
  'support.check.clock': 'PC clock',
  'support.check.center': 'Connection to the center',
  'support.check.ca': 'Connection to the CA',
  'support.check.proxy': 'Proxy',
  'support.check.updates': 'Version check',
  'support.check.software': 'Interfering software',
  'support.remedy': 'What to do',
  'support.careHeading': 'Certificate care',
  'support.careLead': 'Expired and revoked certificates are shown too. Only the certificate itself (public key) can be exported.',
  'support.careEmpty': 'There is no certificate of the bank on this PC.',
  'support.serialLabel': 'Serial number',
  'support.validity': ({ from, to }) => `Valid ${from} – ${to}`,
  'support.expired': 'Expired',
  'support.exportPem': 'Export certificate (PEM)',
  'support.exportDer': 'Export certificate (DER)',
  'support.revoke': 'Revoke',
  'support.remove': 'Remove',
  'support.removeConfirm': 'Remove this certificate from this PC?',
  'support.removed': 'The certificate has been removed.',
  'support.key.tpm': 'Private key: inside the TPM (security chip), not exportable. It cannot be used on another PC.',
  'support.key.softwareLocked': 'Private key: in this PC\'s user storage (software), not exportable.',
  'support.key.software': 'Private key: in this PC\'s user storage (software). By the way the OS works, programs of the same user can read it.',
  'support.key.none': 'Private key: none (it cannot be used to log in on this PC)',
  'support.revokeLegend': 'Revoke a certificate',
  'support.revokeLead': 'A revoked certificate can no longer be used. Afterwards, issue a new certificate with “Issue certificate”.',
  'support.revokeSubmit': 'Revoke',
  'support.cancel': 'Cancel',
  'support.adminHeading': 'Revocation by an administrator user',
  'support.adminLead': 'An administrator user can revoke another user’s certificate that can no longer be used (OS reinstalled, PC repaired) by its serial number.',
  'support.adminLegend': 'Administrator user’s authentication',
  'support.serial': 'Serial number of the certificate to revoke',
  'support.adminSubmit': 'Revoke',
  'support.adminDone': ({ serial }) => `The certificate with serial number ${serial} has been revoked. Its user issues a new certificate with “Issue certificate”.`,
  'support.serialFormat': 'Enter the serial number as hexadecimal digits (up to 40).',
  'support.bundleHeading': 'File for the support desk',
  'support.bundleLead': 'Saves the log file (ApplicationLog.log) and the diagnostics in one file. It contains no password or other secret.',
  'support.bundleDownload': 'Save support file',
});

const byId = (id) => document.getElementById(id);
const segment = encodeURIComponent;

const supportApi = {
  diagnostics: () => request('GET', '/diagnostics'),
  certificates: () => request('GET', '/certificates?includeExpired=true'),
  details: (thumbprint) => request('GET', `/certificates/${segment(thumbprint)}`),
  revoke: (thumbprint, password) => request('POST', `/certificates/${segment(thumbprint)}/revocation`, { password }),
  revokeAsAdministrator: (loginId, password, serialNumber) =>
    request('POST', '/certificates/revocations', { loginId, password, serialNumber }),
};

const state = {
  report: null,
  certificates: [],
  revoking: null, // the certificate whose revocation form is open
  hooks: { openIssue: () => {}, certificatesChanged: () => {} },
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function section() {
  return screenElement('support');
}

/* ---------- diagnostics ---------- */

function checkItem(check) {
  const item = element('li', `diag-check diag-${check.status}`);
  const head = element('p', 'diag-head');
  const label = t(`support.check.${check.name}`);
  head.append(
    element('span', `badge diag-badge diag-badge-${check.status}`, t(`support.status.${check.status}`)),
    element('span', 'diag-name', label === `support.check.${check.name}` ? check.name : label),
  );
  if (check.code) head.append(element('span', 'code-chip', check.code));
  item.append(head, element('p', 'diag-detail', check.detail));
  if (check.remedy) {
    const remedy = element('dl', 'diag-remedy');
    remedy.append(element('dt', null, t('support.remedy')), element('dd', 'remedy', check.remedy));
    item.append(remedy);
  }
  return item;
}

function renderDiagnostics() {
  const list = byId('diag-results');
  const summary = byId('diag-summary');
  const report = state.report;
  if (!report) return;
  list.replaceChildren(...report.checks.map(checkItem));
  list.hidden = false;
  setText(summary, `support.diagSummary.${report.status === 'skipped' ? 'ok' : report.status}`);
  summary.className = `diag-summary notice ${report.status === 'ok' ? 'notice-info' : 'notice-warning'}`;
  summary.hidden = false;
}

async function runDiagnostics() {
  if (isBusy()) return;
  byId('diag-problem').hidden = true;
  try {
    // A proxy that wants its ID and password shows in the center or CA check (G009e): the sign-in screen asks,
    // and the diagnostics run again with the pair.
    let refused = null;
    for (;;) {
      state.report = await runBusy(section(), () => supportApi.diagnostics());
      const proxy = (state.report.checks ?? []).find((check) => check.code === PROXY_REFUSED);
      if (!proxy) break;
      const problem = { code: proxy.code, title: proxy.detail, remedy: proxy.remedy ?? '' };
      await signInToProxyAfter(problem, refused);
      refused = problem;
    }
    renderDiagnostics();
    announce(byId('diag-summary').textContent);
  } catch (error) {
    const problem = problemOf(error);
    if (problem.cancelled) return;
    fillProblem(byId('diag-problem'), problem);
    byId('diag-problem').hidden = false;
  }
}

/* ---------- certificate care ---------- */

function exportLink(certificate, format, key) {
  const link = element('a', 'button-link small', t(key));
  link.href = `/api/v1/certificates/${segment(certificate.thumbprint)}/export?format=${format}`;
  link.setAttribute('download', '');
  link.dataset.i18n = key;
  return link;
}

function actionButton(key, onClick) {
  const button = element('button', 'secondary small', t(key));
  button.type = 'button';
  button.dataset.i18n = key;
  button.addEventListener('click', onClick);
  return button;
}

function careItem(certificate) {
  const item = element('li', 'care-item');
  item.append(element('p', 'subject-text', certificate.subject ?? certificate.commonName ?? ''));

  const meta = element('p', 'cert-meta');
  const serial = element('span', 'mono', `${t('support.serialLabel')}: ${certificate.serialNumber}`);
  const validity = element('span', null, t('support.validity', {
    from: formatDate(certificate.notBefore), to: formatDate(certificate.notAfter),
  }));
  meta.append(serial, validity);
  if (certificate.revoked) meta.append(element('span', 'badge badge-revoked', t('cert.revoked')));
  else if (certificate.supersededBy) meta.append(element('span', 'badge badge-superseded', t('cert.superseded')));
  else if (certificate.expired) meta.append(element('span', 'badge badge-notRenewable', t('support.expired')));
  item.append(meta);
  const key = element('p', 'cert-key', '');
  key.hidden = true;
  item.append(key);
  showKeyOf(certificate, key);

  const actions = element('div', 'actions care-actions');
  actions.append(exportLink(certificate, 'pem', 'support.exportPem'), exportLink(certificate, 'der', 'support.exportDer'));
  if (!certificate.revoked && certificate.hasPrivateKey) {
    actions.append(actionButton('support.revoke', () => openRevocation(certificate)));
  }
  if (certificate.revoked || certificate.expired || certificate.supersededBy) {
    actions.append(actionButton('support.remove', () => removeCertificate(certificate)));
  }
  item.append(actions);
  return item;
}

function keyTextKey(details) {
  if (!details.hasPrivateKey) return 'support.key.none';
  if (details.keyStorage === 'tpm') return 'support.key.tpm';
  return details.privateKeyExportable === false ? 'support.key.softwareLocked' : 'support.key.software';
}

/** Where the private key lives (the details the manual sent users to Internet Options for); left out if unknown. */
async function showKeyOf(certificate, line) {
  try {
    const details = await supportApi.details(certificate.thumbprint);
    setText(line, keyTextKey(details));
    line.hidden = false;
  } catch {
    line.hidden = true;
  }
}

function renderCertificates() {
  byId('care-list').replaceChildren(...state.certificates.map(careItem));
  byId('care-empty').hidden = state.certificates.length > 0;
}

async function loadCertificates() {
  byId('care-problem').hidden = true;
  try {
    const body = await supportApi.certificates();
    state.certificates = body?.certificates ?? [];
    renderCertificates();
  } catch (error) {
    state.certificates = [];
    renderCertificates();
    byId('care-empty').hidden = true;
    fillProblem(byId('care-problem'), problemOf(error));
    byId('care-problem').hidden = false;
  }
}

function showCareMessage(text) {
  const message = byId('care-message');
  setRawText(message, text);
  message.hidden = false;
  announce(text);
}

async function removeCertificate(certificate) {
  if (isBusy() || !window.confirm(t('support.removeConfirm'))) return;
  try {
    await runBusy(section(), () => api.removeCertificate(certificate.thumbprint));
    showCareMessage(t('support.removed'));
  } catch (error) {
    fillProblem(byId('care-problem'), problemOf(error));
    byId('care-problem').hidden = false;
  }
  await loadCertificates();
  state.hooks.certificatesChanged();
}

/* ---------- revocation of one's own certificate ---------- */

function openRevocation(certificate) {
  const form = byId('revoke-form');
  state.revoking = certificate;
  form.reset();
  clearFormErrors(form);
  byId('revoked-next').hidden = true;
  byId('care-message').hidden = true;
  setRawText(byId('revoke-target'), `${certificate.subject ?? ''} (${certificate.serialNumber})`);
  form.hidden = false;
  byId('revoke-password').focus();
}

function closeRevocation() {
  const form = byId('revoke-form');
  state.revoking = null;
  form.reset();
  clearFormErrors(form);
  form.hidden = true;
}

async function submitRevocation(event) {
  event.preventDefault();
  if (isBusy() || !state.revoking) return;
  const form = event.currentTarget;
  const password = byId('revoke-password');
  clearFormErrors(form);
  if (password.value === '') {
    setFieldError(password, { key: 'validation.passwordRequired' });
    password.focus();
    return;
  }

  let result;
  try {
    result = await runBusy(section(), () => supportApi.revoke(state.revoking.thumbprint, password.value));
  } catch (error) {
    password.value = '';
    showInlineProblem(form, problemOf(error), password);
    return;
  }

  closeRevocation();
  setRawText(byId('revoked-message'), result.message);
  setRawText(byId('revoked-guidance'), result.guidance);
  byId('revoked-next').hidden = false;
  announce(`${result.message} ${result.guidance}`);
  byId('revoked-issue').focus();
  await loadCertificates();
  state.hooks.certificatesChanged();
}

/* ---------- an administrator user's revocation ---------- */

async function submitAdministratorRevocation(event) {
  event.preventDefault();
  if (isBusy()) return;
  const form = event.currentTarget;
  const loginId = byId('admin-login-id');
  const password = byId('admin-password');
  const serial = byId('admin-serial');
  loginId.value = loginId.value.trim();
  serial.value = serial.value.replace(/[\s:]/g, '');
  clearFormErrors(form);
  byId('admin-done').hidden = true;
  const checks = [
    [loginId, loginId.value !== '', 'validation.loginIdRequired'],
    [password, password.value !== '', 'validation.passwordRequired'],
    [serial, /^[0-9A-Fa-f]{1,40}$/.test(serial.value), 'support.serialFormat'],
  ];
  const invalid = checks.filter(([, valid]) => !valid).map(([input, , key]) => {
    setFieldError(input, { key });
    return input;
  });
  if (invalid.length > 0) {
    invalid[0].focus();
    return;
  }

  let result;
  try {
    result = await runBusy(section(), () => supportApi.revokeAsAdministrator(loginId.value, password.value, serial.value));
  } catch (error) {
    password.value = '';
    showInlineProblem(form, problemOf(error), password);
    return;
  }

  form.reset();
  const done = byId('admin-done');
  setText(done, 'support.adminDone', { serial: result.serialNumber });
  done.hidden = false;
  announce(done.textContent);
  await loadCertificates();
  state.hooks.certificatesChanged();
}

/* ---------- the screen ---------- */

function openSupport() {
  if (isBusy()) return;
  byId('care-message').hidden = true;
  byId('revoked-next').hidden = true;
  closeRevocation();
  showScreen('support');
  loadCertificates();
}

/** The server's texts are in the language asked for: ask again when the user switches. */
function followLanguage() {
  new MutationObserver(() => {
    if (section().hidden) return;
    renderCertificates();
    if (state.report) runDiagnostics();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

export function initSupport({ openIssue, certificatesChanged }) {
  state.hooks = { openIssue, certificatesChanged };
  byId('support-open').addEventListener('click', openSupport);
  byId('diag-run').addEventListener('click', runDiagnostics);
  byId('revoke-form').addEventListener('submit', submitRevocation);
  byId('revoke-cancel').addEventListener('click', closeRevocation);
  byId('admin-form').addEventListener('submit', submitAdministratorRevocation);
  byId('revoked-issue').addEventListener('click', () => state.hooks.openIssue());
  followLanguage();
}
