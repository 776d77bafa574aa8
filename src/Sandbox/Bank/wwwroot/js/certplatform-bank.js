// CertPlatform bank kit: what a bank's page needs to start the certificate app and to find out whether it runs,
// in the browsers people use today (Chromium's Local Network Access included). No dependencies; see
// docs/bank-integration.md. The sandbox bank's pages use exactly this module.

/** The permission names Chromium has used for a public page's requests to loopback (newest first). */
export const LOCAL_NETWORK_PERMISSIONS = ['loopback-network', 'local-network-access', 'local-network'];

/** The texts a bank shows, in Japanese and English. */
export const messages = {
  ja: {
    launching: '証明書発行アプリを起動しています。ブラウザに「このサイトは、…アプリを開こうとしています」と表示されたら「開く」を押してください（「常に許可」にチェックすると次回から確認されません）。',
    askPermission: '起動を確認するため、ブラウザが「このPC上のアプリへの接続」の許可を求めます。許可すると、アプリの起動状況をこのページに表示できます。許可しなくてもアプリは起動できます。',
    permissionDenied: 'このサイトにはPC上のアプリへの接続が許可されていないため、起動状況を確認できません。アプリは「証明書発行アプリの起動」ボタンで起動できます。確認を表示するには、アドレスバーのサイト情報（鍵のアイコン）の「サイトの設定」で「ローカル ネットワーク」を「許可」にしてください。',
    running: (version) => `証明書発行アプリ（バージョン ${version}）が起動しています。画面を開きました。開かない場合は下のリンクを押してください。`,
    notFound: '証明書発行アプリの起動を確認できませんでした。インストールしていない場合は「証明書発行アプリのダウンロード」からインストールしてから、再度ボタンを押してください。',
  },
  en: {
    launching: 'Starting the certificate app. When the browser says "This site is trying to open … app", press "Open" (tick "Always allow" and it will not ask again).',
    askPermission: 'To confirm that the app started, the browser asks for permission to connect to apps on this PC. With it, this page can show whether the app is running. The app starts without it, too.',
    permissionDenied: 'This site may not connect to apps on this PC, so it cannot confirm that the app is running. The "Start the certificate app" button still starts it. To see the confirmation, allow "Local network" in the site settings (the icon left of the address).',
    running: (version) => `The certificate app (version ${version}) is running and its screen has been opened. If it did not open, use the link below.`,
    notFound: 'The certificate app could not be found. If it is not installed, install it from "Download the certificate app", then press the button again.',
  },
};

/** 'granted', 'denied', 'prompt', or 'unsupported' (a browser without the permission: requests are not gated). */
export async function localNetworkPermission() {
  if (!navigator.permissions?.query) return 'unsupported';
  for (const name of LOCAL_NETWORK_PERMISSIONS) {
    try {
      return (await navigator.permissions.query({ name })).state;
    } catch {
      // This browser does not know the name; try the next.
    }
  }
  return 'unsupported';
}

/**
 * Opens <scheme>://<screen>: the OS starts the app (or hands the URL to the running one), which opens its own
 * screen. Needs no request to the PC's loopback address, so Local Network Access does not stand in its way.
 */
export function launch(scheme, screen = 'issue') {
  const link = document.createElement('a');
  link.href = `${scheme}://${screen}`;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** The running app's status, or null when it does not answer within timeoutMs (or the browser blocks the request). */
export async function status(helperUrl, timeoutMs = 1500) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(new URL('api/v1/status', helperUrl), {
      mode: 'cors', credentials: 'omit', cache: 'no-store', signal: controller.signal,
    });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Is the app running? {state: 'running', version} | 'permission-denied' | 'not-found'. Polls for waitMs (the app
 * may be starting after launch()). Calls onAsk before the first request when the browser will ask for the
 * permission, so the page can explain first. A denied permission is told apart from an app that does not answer:
 * the user is never sent to reinstall an app the browser merely kept the page from seeing.
 */
export async function detect(helperUrl, { waitMs = 0, onAsk = () => {} } = {}) {
  const before = await localNetworkPermission();
  if (before === 'denied') return { state: 'permission-denied' };
  if (before === 'prompt') onAsk();
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = await status(helperUrl);
    if (found) return { state: 'running', version: found.version };
    if ((await localNetworkPermission()) === 'denied') return { state: 'permission-denied' };
    if (Date.now() >= deadline) return { state: 'not-found' };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
