// BSMS001 「証明書発行アプリのダウンロード」: the package for the visitor's PC first (from the browser's platform),
// with its size and SHA-256, then the others.
import { bankApi } from './api.js';
import { initLanguage, t } from './i18n.js';

let downloads = [];

/** windows, macos or linux, from User-Agent Client Hints where the browser has them, else the User-Agent. */
export function platformOf(userAgentData, userAgent) {
  const hint = (userAgentData?.platform ?? '').toLowerCase();
  const text = hint || (userAgent ?? '').toLowerCase();
  if (text.includes('win')) return 'windows';
  if (text.includes('mac')) return 'macos';
  if (text.includes('linux') || text.includes('x11') || text.includes('chrome os') || text.includes('cros')) return 'linux';
  return 'windows';
}

function formatSize(bytes) {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function link(download) {
  const a = document.createElement('a');
  a.href = `downloads/${encodeURIComponent(download.file)}`;
  a.setAttribute('download', download.file);
  a.textContent = `${t(`download.platform.${download.platform}`)} (${download.file}, ${formatSize(download.size)})`;
  return a;
}

function render() {
  const platform = platformOf(navigator.userAgentData, navigator.userAgent);
  const preferred = platform === 'linux' ? ['linux-deb', 'linux-tar'] : [platform];
  const primary = preferred.map((p) => downloads.find((d) => d.platform === p)).find(Boolean);
  document.getElementById('download-none').hidden = downloads.length > 0;
  document.getElementById('download-offer').hidden = downloads.length === 0;
  if (downloads.length === 0) return;

  const shown = primary ?? downloads[0];
  document.getElementById('download-platform').textContent = primary
    ? t('download.detected', { platform: t(`download.platform.${shown.platform}`) })
    : t('download.notDetected');
  const button = document.getElementById('download-primary');
  button.href = `downloads/${encodeURIComponent(shown.file)}`;
  button.setAttribute('download', shown.file);
  button.textContent = t('download.button', { version: shown.version });
  button.dataset.platform = shown.platform;
  document.getElementById('download-size').textContent = `${formatSize(shown.size)} (${shown.size.toLocaleString()} bytes)`;
  document.getElementById('download-sha256').textContent = shown.sha256;
  const others = document.getElementById('download-others');
  others.replaceChildren(...downloads.filter((d) => d !== shown).map((d) => {
    const item = document.createElement('li');
    item.append(link(d));
    const hash = document.createElement('code');
    hash.className = 'hash';
    hash.textContent = `SHA-256 ${d.sha256}`;
    item.append(document.createElement('br'), hash);
    return item;
  }));
}

initLanguage(render);
try {
  downloads = await bankApi('GET', 'downloads');
} catch {
  downloads = [];
  document.getElementById('download-status').textContent = t('download.failed');
}
render();
