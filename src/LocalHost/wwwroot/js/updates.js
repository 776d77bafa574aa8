// Application update (manual 1.2): check at start, download with progress, install,
// then tell the user to restart the application themselves.

import {
  api, ApiError, PROXY_REFUSED, signInToProxyAfter,
} from './api.js';
import { getLang, setRawText, setText, t } from './i18n.js';
import { formatBytes, formatDate } from './format.js';
import {
  announce, getCurrentScreen, isBusy, problemOf, runBusy, screenElement, showErrorScreen, showScreen,
} from './ui.js';

const POLL_INTERVAL_MS = 500;
// The helper answers "idle" until its download task has started; give up if it never does.
const MAX_IDLE_POLLS = 20;

const byId = (id) => document.getElementById(id);
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let info = null;
let onRequiredChange = () => {};

function downloadProblem() {
  return { code: 'G002e', status: 0, title: t('error.downloadTitle'), remedy: t('error.downloadRemedy') };
}

export function isUpdateRequired() {
  return Boolean(info?.available && info.mandatory);
}

export function initUpdates({ requiredChanged }) {
  onRequiredChange = requiredChanged;
  byId('update-open').addEventListener('click', () => showScreen('update'));
  byId('update-required-open').addEventListener('click', () => showScreen('update'));
  byId('update-later').addEventListener('click', () => showScreen('main'));
  byId('update-download').addEventListener('click', download);
  byId('update-install').addEventListener('click', install);
  byId('update-exit').addEventListener('click', exitApplication);
  byId('update-back').addEventListener('click', () => showScreen('main'));
}

/** Never blocks issuance: a failed or missing update check is ignored. */
export async function checkForUpdates() {
  try {
    info = await api.checkUpdates();
  } catch {
    info = null;
  }
  renderFallback(info);
  if (!info?.available) return;

  renderUpdateInfo();
  byId('update-banner').hidden = false;
  if (info.mandatory) onRequiredChange(true);
  if (getCurrentScreen() === 'main' && !isBusy()) showScreen('update');
}

/** G411e: the launcher could not start the installed new version and started this one instead. */
function renderFallback(checked) {
  const notice = checked?.failedVersion ? checked.notice : null;
  byId('update-fallback').hidden = !notice;
  if (!notice) return;
  setRawText(byId('update-fallback-text'), `${notice.title} (${notice.code}: ${checked.failedVersion} → ${checked.current}) ${notice.remedy ?? ''}`);
}

export function renderUpdateInfo() {
  if (!info?.available) return;
  setRawText(byId('update-current'), info.current);
  setRawText(byId('update-latest'), info.latest);
  setRawText(byId('update-release-date'), formatDate(info.releaseDate));
  setRawText(byId('update-notes'), info.notes?.[getLang()] ?? info.notes?.ja ?? '');
  setText(byId('update-banner-text'), 'update.bannerText', { version: info.latest });
  byId('update-mandatory').hidden = !info.mandatory;
  byId('update-required').hidden = !info.mandatory;
}

function renderProgress({ bytesReceived = 0, totalBytes = 0 }) {
  const bar = byId('update-progress');
  const text = byId('update-progress-text');
  if (totalBytes > 0) {
    bar.max = totalBytes;
    bar.value = Math.min(bytesReceived, totalBytes);
    setText(text, 'update.progressBytes', {
      received: formatBytes(bytesReceived),
      total: formatBytes(totalBytes),
      percent: Math.floor((Math.min(bytesReceived, totalBytes) / totalBytes) * 100),
    });
  } else {
    // Without a known size the bar shows as indeterminate.
    bar.removeAttribute('value');
    setText(text, 'update.progressUnknown', { received: formatBytes(bytesReceived) });
  }
}

async function startDownload() {
  try {
    await api.startUpdateDownload();
  } catch (error) {
    // 409: a download is already running or finished; follow its progress instead.
    if (!(error instanceof ApiError && error.status === 409)) throw error;
  }
}

async function waitForDownload() {
  let idlePolls = 0;
  for (;;) {
    const progress = (await api.getUpdateDownload()) ?? { state: 'idle' };
    if (progress.state === 'failed') {
      throw new ApiError({ ...downloadProblem(), ...progress.problem });
    }
    if (progress.state === 'idle') {
      idlePolls += 1;
      if (idlePolls > MAX_IDLE_POLLS) throw new ApiError(downloadProblem());
    } else {
      renderProgress(progress);
    }
    if (progress.state === 'completed') return;
    await delay(POLL_INTERVAL_MS);
  }
}

let downloading = false;

async function download() {
  if (downloading || isBusy()) return;
  downloading = true;
  const downloadButton = byId('update-download');
  const laterButton = byId('update-later');
  downloadButton.disabled = true;
  laterButton.disabled = true;
  byId('update-progress-area').hidden = false;
  byId('update-progress').removeAttribute('value');
  setText(byId('update-progress-text'), 'update.progressStarting');
  try {
    // A proxy that wants its ID and password (G009e) stops the download in the background: sign in, start again.
    let refused = null;
    for (;;) {
      try {
        await startDownload();
        await waitForDownload();
        break;
      } catch (error) {
        if (!(error instanceof ApiError && error.problem.code === PROXY_REFUSED)) throw error;
        await signInToProxyAfter(error.problem, refused);
        refused = error.problem;
      }
    }
    downloadButton.hidden = true;
    byId('update-downloaded').hidden = false;
    byId('update-install').hidden = false;
    announce(t('update.downloaded'));
    byId('update-install').focus();
  } catch (error) {
    byId('update-progress-area').hidden = true;
    showErrorScreen(problemOf(error, downloadProblem()));
  } finally {
    downloading = false;
    downloadButton.disabled = false;
    laterButton.disabled = false;
  }
}

async function install() {
  if (isBusy()) return;
  let result;
  try {
    result = await runBusy(screenElement('update'), () => api.installUpdate());
  } catch (error) {
    showErrorScreen(problemOf(error));
    return;
  }
  const version = result?.installedVersion ?? info?.latest ?? '';
  const restartRequired = result?.restartRequired !== false;
  setText(byId('update-finished-lead'), 'update.finishedLead', { version });
  byId('update-restart-note').hidden = !restartRequired;
  byId('update-exit').hidden = !restartRequired;
  byId('update-no-restart').hidden = restartRequired;
  byId('update-back').hidden = restartRequired;
  if (!restartRequired) {
    info = null;
    byId('update-banner').hidden = true;
    byId('update-required').hidden = true;
    onRequiredChange(false);
  }
  showScreen('update-finished');
}

async function exitApplication() {
  byId('update-exit').disabled = true;
  try {
    await api.exit();
  } catch {
    // Already gone, or unreachable: the user restarts it either way.
  }
  // Browsers only let a script close a window that a script opened; otherwise say what to do.
  window.close();
  byId('update-exited').hidden = false;
  announce(t('update.exited'));
}
