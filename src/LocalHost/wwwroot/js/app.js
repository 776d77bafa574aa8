// CertPlatform web UI: the screens of the certificate issuance & renewal app
// (main, CCHK002, CCHK003, CCHK004, CCHK007, CCHK902 and the update screens).

import { api } from './api.js';
import { applyTranslations, getLang, setLang, setRawText, setText, t } from './i18n.js';
import { formatDate, formatDateTime } from './format.js';
import { CertificateList, renewalState } from './cert-list.js';
import {
  announce, clearFormErrors, fillProblem, isBusy, problemOf, refreshDocumentTitle, renderErrorTime,
  runBusy, setFieldError, showErrorScreen, showInlineProblem, showScreen,
} from './ui.js';
import { checkForUpdates, initUpdates, isUpdateRequired, renderUpdateInfo } from './updates.js';
import { showSandbox } from './sandbox.js';
import { initSupport } from './support.js';
import { initProxy } from './proxy.js';

const byId = (id) => document.getElementById(id);

// Statuses the helper uses for a mistake the user can correct on the same form
// (validation G006e, wrong password, wrong one-time password). Anything else ends in CCHK902.
const INPUT_ERROR_STATUSES = new Set([400, 401, 422]);

const state = {
  status: null,
  expiredCount: 0,
  listProblem: null,
  renewal: null, // {thumbprint, subject, id}
  result: null, // {kind: 'issued'|'renewed', certificate}
};

let certificateList;

/* ---------- language ---------- */

function renderLanguageSwitch() {
  byId('lang-switch').lang = getLang() === 'ja' ? 'en' : 'ja';
}

function switchLanguage() {
  setLang(getLang() === 'ja' ? 'en' : 'ja');
  applyTranslations();
  renderLanguageSwitch();
  certificateList.render();
  renderMainControls();
  renderResult();
  renderErrorTime();
  renderUpdateInfo();
  renderStatus();
  refreshDocumentTitle();
}

/* ---------- status footer ---------- */

async function loadStatus() {
  try {
    state.status = await api.getStatus();
  } catch {
    state.status = null;
  }
  renderStatus();
  if (state.status?.centerMode === 'Embedded') showSandbox();
}

function centerModeLabel(mode) {
  const key = `status.mode.${mode}`;
  const label = t(key);
  return label === key ? mode : label;
}

function renderStatus() {
  const line = byId('status-line');
  const status = state.status;
  if (!status) {
    setText(line, 'status.unavailable');
    return;
  }
  const parts = [
    t('status.version', { version: status.version }),
    t('status.center', { mode: centerModeLabel(status.centerMode) }),
  ];
  if (status.store) parts.push(t('status.store', { store: status.store }));
  if (status.keyStorage === 'tpm') parts.push(t('status.keysTpm'));
  setRawText(line, parts.join(' | '));
}

/* ---------- main screen ---------- */

function showListPart(part) {
  byId('cert-loading').hidden = part !== 'loading';
  byId('cert-list').hidden = part !== 'list';
  byId('cert-empty').hidden = part !== 'empty';
  byId('cert-problem').hidden = part !== 'error';
}

async function loadCertificates() {
  if (certificateList.length === 0) showListPart('loading');
  try {
    const body = await api.listCertificates();
    const all = (Array.isArray(body) ? body : body?.certificates) ?? [];
    // Expired certificates cannot be renewed, so the manual keeps them out of the list.
    const listed = all.filter((certificate) => !certificate.expired);
    state.expiredCount = all.length - listed.length;
    state.listProblem = null;
    certificateList.setCertificates(listed);
    showListPart(listed.length > 0 ? 'list' : 'empty');
  } catch (error) {
    state.listProblem = problemOf(error);
    state.expiredCount = 0;
    certificateList.setCertificates([]);
    fillProblem(byId('cert-problem'), state.listProblem);
    showListPart('error');
  }
  renderMainControls();
}

function renewHint(selected) {
  if (isUpdateRequired()) return ['main.hintUpdateRequired'];
  if (!selected) return certificateList.length > 0 ? ['main.hintSelect'] : null;
  switch (renewalState(selected)) {
    case 'renewable': return ['main.hintReady'];
    case 'notYet': return ['main.hintNotYet', { date: formatDate(selected.renewalOpensAt) }];
    case 'revoked': return ['main.hintRevoked'];
    case 'superseded': return ['main.hintSuperseded'];
    default: return ['main.hintNotRenewable'];
  }
}

function renderMainControls() {
  const selected = certificateList.selected;
  const updateRequired = isUpdateRequired();
  byId('issue-button').disabled = updateRequired;
  byId('renew-button').disabled = updateRequired || !selected || renewalState(selected) !== 'renewable';

  const hint = byId('renew-hint');
  const message = renewHint(selected);
  hint.hidden = !message;
  if (message) setText(hint, ...message);

  const note = byId('cert-expired-note');
  note.hidden = state.expiredCount === 0;
  if (state.expiredCount > 0) setText(note, 'main.expiredNote', { count: state.expiredCount });
}

function resetAllForms() {
  for (const form of document.querySelectorAll('form')) {
    form.reset();
    clearFormErrors(form);
  }
}

function returnToMain() {
  if (isBusy()) return;
  state.renewal = null;
  resetAllForms();
  showScreen('main');
  loadCertificates();
}

/* ---------- talking to the center ---------- */

function isInputError(problem) {
  return INPUT_ERROR_STATUSES.has(problem.status) || problem.code === 'G006e';
}

/**
 * Runs one call to the center for a form. Returns the response, or null after showing the
 * failure: inline on the form for input errors (clearing the secrets to type again),
 * otherwise on the abnormal-end screen.
 */
async function callCenter(form, call, secretInputs, { makesKey = false } = {}) {
  // Making a key inside the TPM takes seconds (RSA up to a minute): the wait is explained, not just shown.
  const note = makesKey && state.status?.keyStorage === 'tpm' ? 'processing.tpm' : null;
  try {
    return await runBusy(form.closest('section'), call, { note });
  } catch (error) {
    const problem = problemOf(error);
    if (!isInputError(problem)) {
      showErrorScreen(problem);
      return null;
    }
    for (const input of secretInputs) input.value = '';
    showInlineProblem(form, problem, secretInputs[0]);
    return null;
  }
}

function requireFilled(input, messageKey) {
  if (input.value !== '') return true;
  setFieldError(input, { key: messageKey });
  return false;
}

// Japanese keyboards often type full-width digits (１２３); the center wants ASCII.
function normalizeOtp(input) {
  input.value = input.value
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/\s/g, '');
  return input.value;
}

function requireOtp(input) {
  if (/^\d{6}$/.test(normalizeOtp(input))) return true;
  setFieldError(input, { key: 'validation.otpFormat' });
  return false;
}

/** Validates every check (not just up to the first failure) and focuses the first invalid field. */
function validate(form, checks) {
  clearFormErrors(form);
  const results = checks.map((check) => check());
  if (results.every(Boolean)) return true;
  form.querySelector('[aria-invalid="true"]')?.focus();
  return false;
}

/* ---------- issuance (CCHK002 → CCHK007) ---------- */

function openIssue() {
  if (isUpdateRequired() || isBusy()) return;
  resetAllForms();
  showScreen('auth-issue');
}

async function submitIssue(event) {
  event.preventDefault();
  if (isBusy()) return;
  const form = event.currentTarget;
  const loginId = byId('login-id');
  const password = byId('password');
  loginId.value = loginId.value.trim();
  const valid = validate(form, [
    () => requireFilled(loginId, 'validation.loginIdRequired'),
    () => requireFilled(password, 'validation.passwordRequired'),
  ]);
  if (!valid) return;

  const certificate = await callCenter(
    form,
    () => api.issueCertificate({ loginId: loginId.value, password: password.value }),
    [password],
    { makesKey: true },
  );
  if (certificate) showResult('issued', certificate);
}

/* ---------- renewal (CCHK002 → CCHK003 → CCHK004 → CCHK007) ---------- */

function openRenewal() {
  const selected = certificateList.selected;
  if (!selected || renewalState(selected) !== 'renewable' || isUpdateRequired() || isBusy()) return;
  state.renewal = { thumbprint: selected.thumbprint, subject: selected.subject, id: null };
  resetAllForms();
  setRawText(byId('renew-target-subject'), selected.subject ?? selected.commonName);
  showScreen('auth-renew');
}

function continueRenewal(step) {
  state.renewal.id = step.renewalId ?? state.renewal.id;
  switch (step.next) {
    case 'otp':
      resetAllForms();
      showScreen('otp');
      break;
    case 'timeSync':
      resetAllForms();
      showScreen('timesync');
      break;
    case 'completed':
      showResult('renewed', step.result ?? {}, state.renewal.thumbprint);
      break;
    default:
      showErrorScreen(problemOf(null));
  }
}

async function submitRenewPassword(event) {
  event.preventDefault();
  if (isBusy() || !state.renewal) return;
  const form = event.currentTarget;
  const password = byId('renew-password');
  if (!validate(form, [() => requireFilled(password, 'validation.passwordRequired')])) return;

  const step = await callCenter(
    form,
    () => api.beginRenewal(state.renewal.thumbprint, password.value),
    [password],
  );
  if (step) continueRenewal(step);
}

async function submitOtp(event) {
  event.preventDefault();
  if (isBusy() || !state.renewal?.id) return;
  const form = event.currentTarget;
  const otp = byId('otp');
  if (!validate(form, [() => requireOtp(otp)])) return;

  const step = await callCenter(form, () => api.submitOtp(state.renewal.id, otp.value), [otp], { makesKey: true });
  if (step) continueRenewal(step);
}

async function submitTimeSync(event) {
  event.preventDefault();
  if (isBusy() || !state.renewal?.id) return;
  const form = event.currentTarget;
  const current = byId('otp-current');
  const next = byId('otp-next');
  if (!validate(form, [() => requireOtp(current), () => requireOtp(next)])) return;

  const step = await callCenter(
    form,
    () => api.submitTimeSync(state.renewal.id, current.value, next.value),
    [current, next],
    { makesKey: true },
  );
  if (step) continueRenewal(step);
}

/* ---------- result (CCHK007) ---------- */

/** @param superseded the certificate a renewal replaced: the result offers to remove it, after the user confirms. */
function showResult(kind, certificate, superseded = null) {
  state.result = { kind, certificate, superseded, supersededRemoved: false };
  state.renewal = null;
  resetAllForms();
  renderResult();
  showScreen('result');
  announce(t(kind === 'renewed' ? 'result.renewed' : 'result.issued'));
}

function renderResult() {
  if (!state.result) return;
  const { kind, certificate } = state.result;
  setText(byId('result-message'), kind === 'renewed' ? 'result.renewed' : 'result.issued');
  setRawText(byId('result-subject-o'), certificate.organization);
  setRawText(byId('result-subject-ou'), certificate.organizationalUnit);
  setRawText(byId('result-subject-cn'), certificate.commonName);
  setRawText(byId('result-serial'), certificate.serialNumber);
  const validity = certificate.notBefore && certificate.notAfter
    ? `${formatDateTime(certificate.notBefore)} – ${formatDateTime(certificate.notAfter)}`
    : '';
  setRawText(byId('result-validity'), validity);
  const offer = Boolean(state.result.superseded);
  byId('result-superseded').hidden = !offer;
  byId('remove-superseded').hidden = !offer || state.result.supersededRemoved;
  byId('result-superseded-lead').hidden = state.result.supersededRemoved;
  byId('result-superseded-done').hidden = !state.result.supersededRemoved;
}

/** The FAQ's clean-up after a renewal (3.1.1), done by the app: the old certificate goes once the user confirms. */
async function removeSuperseded() {
  const old = state.result?.superseded;
  if (!old || isBusy() || !window.confirm(t('result.removeSupersededConfirm'))) return;
  const problem = byId('result-superseded-problem');
  problem.hidden = true;
  try {
    await runBusy(byId('result-superseded'), () => api.removeCertificate(old));
    state.result.supersededRemoved = true;
    announce(t('result.supersededRemoved'));
  } catch (error) {
    fillProblem(problem, problemOf(error));
    problem.hidden = false;
  }
  renderResult();
}

/** CCHK007 「閉じる」: as the manual says, it closes the app (the helper stops; the bank's button starts it again). */
async function closeApplication() {
  if (isBusy()) return;
  byId('close-button').disabled = true;
  try {
    await api.exit();
  } catch {
    // Already gone: the page says so either way.
  }
  state.result = null;
  showScreen('ended');
  window.close();
}

function closeResult() {
  state.result = null;
  // The certificate just renewed stays in the store; do not leave it selected for a second renewal.
  certificateList.clearSelection();
  returnToMain();
}

/* ---------- start ---------- */

function preparePage() {
  const template = byId('problem-template');
  for (const container of document.querySelectorAll('[data-problem], [data-problem-body]')) {
    container.append(template.content.cloneNode(true));
  }
  applyTranslations();
  renderLanguageSwitch();
}

function bindEvents() {
  byId('lang-switch').addEventListener('click', switchLanguage);
  byId('issue-button').addEventListener('click', openIssue);
  byId('renew-button').addEventListener('click', openRenewal);
  byId('back-button').addEventListener('click', returnToMain);
  byId('close-button').addEventListener('click', closeApplication);
  byId('result-back').addEventListener('click', closeResult);
  byId('remove-superseded').addEventListener('click', removeSuperseded);
  byId('cert-reload').addEventListener('click', loadCertificates);
  byId('issue-form').addEventListener('submit', submitIssue);
  byId('renew-form').addEventListener('submit', submitRenewPassword);
  byId('otp-form').addEventListener('submit', submitOtp);
  byId('timesync-form').addEventListener('submit', submitTimeSync);
}

function start() {
  preparePage();
  certificateList = new CertificateList(byId('cert-list'), renderMainControls);
  bindEvents();
  initUpdates({ requiredChanged: renderMainControls });
  initSupport({ openIssue, certificatesChanged: loadCertificates });
  initProxy();
  showScreen('main', { focus: false });
  loadStatus();
  loadCertificates();
  checkForUpdates();
  openLaunchScreen();
}

/**
 * The bank's button opens certplatform://issue or ://renew; the helper opens this page at #issue or #renew. Only
 * these two names mean anything, and the fragment is cleared so a reload shows the main screen.
 */
function openLaunchScreen() {
  const screen = window.location.hash.slice(1);
  if (screen === '') return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (screen === 'issue') openIssue();
  else if (screen === 'renew') byId('cert-list').focus();
}

start();
