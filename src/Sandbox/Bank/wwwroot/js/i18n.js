// The sandbox bank's texts, Japanese first, English second, and the language switch (remembered).

const STORAGE_KEY = 'certplatform.bank.lang';
const LANGUAGES = ['ja', 'en'];

const ja = {
  'bank.name': 'CertPlatform サンドボックス銀行',
  'bank.sandboxNote': 'これはCertPlatformのサンドボックス（デモ環境）です。本物の銀行ではありません。',
  'lang.switch': 'English',

  'login.title': '法人インターネットバンキング ログイン',
  'login.certificateHeading': '電子証明書ログイン',
  'login.certificateLead': '電子証明書をお持ちの方は、「電子証明書ログイン」ボタンを押してください。ブラウザに電子証明書の選択画面が表示された場合は、当行の電子証明書を選んでください。',
  'login.certificateButton': '電子証明書ログイン',
  'login.passwordHeading': 'ID・パスワードログイン',
  'login.loginId': 'ログインID',
  'login.password': 'ログインパスワード',
  'login.passwordButton': 'ログイン',
  'login.acquireHeading': '電子証明書をお持ちでない方',
  'login.acquireLead': '電子証明書の発行は「電子証明書発行」ボタンから行ってください。',
  'login.acquireButton': '電子証明書発行',
  'login.required': 'ログインIDとログインパスワードを入力してください。',

  'acquire.title': '電子証明書取得',
  'acquire.lead': '次の手順で電子証明書を取得してください。',
  'acquire.loginIdHeading': 'ログインIDの取得',
  'acquire.loginIdLead': 'ログインIDをお持ちでない方は、「ログインID取得」ボタンを押してください。',
  'acquire.loginIdButton': 'ログインID取得',
  'acquire.loginIdInfo': 'サンドボックスでは次のデモ利用者をお使いください（ログインパスワードは全員共通です）。',
  'acquire.demo01': 'ワンタイムパスワードあり',
  'acquire.demo02': '時刻同期が必要なトークン',
  'acquire.demo03': 'ワンタイムパスワード未登録',
  'acquire.password': 'ログインパスワード：',
  'acquire.downloadHeading': '証明書発行アプリのダウンロード',
  'acquire.downloadLead': '証明書発行アプリをお持ちでない方は、「証明書発行アプリのダウンロード」ボタンからダウンロードし、インストールしてください。',
  'acquire.downloadButton': '証明書発行アプリのダウンロード',
  'acquire.launchHeading': '証明書発行アプリの起動',
  'acquire.launchLead': '「証明書発行アプリの起動」ボタンを押すと、証明書発行アプリの画面が開きます。画面の案内に従って電子証明書を発行してください。',
  'acquire.launchButton': '証明書発行アプリの起動',
  'acquire.launchLink': '証明書発行アプリの画面を開く',
  'acquire.back': 'ログイン画面へ戻る',

  'download.title': '証明書発行アプリのダウンロード',
  'download.lead': 'サンドボックスの証明書発行アプリは、このサンドボックス銀行を動かしているアプリそのものです。既に起動しています。',
  'download.howto': '別のPCで試す場合は、リポジトリを取得して次のコマンドで起動してください。',
  'download.back': '電子証明書取得へ戻る',
  'download.recommended': 'お使いのPC向けのアプリ',
  'download.detected': ({ platform }) => `お使いのPC(${platform})向けのアプリです。`,
  'download.notDetected': 'お使いのPCのOSを判別できませんでした。下の一覧から選んでください。',
  'download.button': ({ version }) => `証明書発行アプリ(バージョン ${version})をダウンロード`,
  'download.size': 'サイズ',
  'download.sha256': 'SHA-256',
  'download.afterInstall': 'ダウンロード後にアプリのインストールを行い、「電子証明書取得」画面の「証明書発行アプリの起動」ボタンからアプリを起動してください。',
  'download.others': '他のOS向けのアプリ',
  'download.noPackages': 'インストール用のパッケージはまだ作成されていません。リポジトリで ./scripts/package.sh を実行すると、ここからダウンロードできます。',
  'download.failed': 'ダウンロードできるアプリの一覧を取得できませんでした。時間をおいて再度お試しください。',
  'download.platform.windows': 'Windows (.msi)',
  'download.platform.macos': 'macOS (.app)',
  'download.platform.linux-deb': 'Linux (.deb)',
  'download.platform.linux-tar': 'Linux (.tar.gz)',

  'launch.checking': '証明書発行アプリを確認しています…',

  'top.title': 'トップページ',
  'top.loading': '読み込み中です…',
  'top.welcome': ({ loginId }) => `${loginId} 様、ようこそ`,
  'top.method': 'ログイン方法',
  'top.method.Certificate': '電子証明書',
  'top.method.Password': 'ID・パスワード',
  'top.certificate': '電子証明書',
  'top.expiry': '有効期限',
  'top.noCertificate': '電子証明書はありません',
  'top.renewalHeading': '電子証明書の更新のお知らせ',
  'top.renewalText': ({ date }) => `ご利用中の電子証明書の有効期限は ${date} です。有効期限が切れると電子証明書ではログインできなくなります。「証明書更新」ボタンから証明書発行アプリを起動し、電子証明書を更新してください。`,
  'top.renewalButton': '証明書更新',
  'top.logout': 'ログアウト',
  'top.signedOut': 'ログインしていません。',
  'top.toLogin': 'ログイン画面へ',
};

const en = {
  'bank.name': 'CertPlatform Sandbox Bank',
  'bank.sandboxNote': 'This is the CertPlatform sandbox (demo environment), not a real bank.',
  'lang.switch': '日本語',

  'login.title': 'Corporate internet banking — log in',
  'login.certificateHeading': 'Log in with an electronic certificate',
  'login.certificateLead': 'If you have an electronic certificate, press “Log in with certificate”. If the browser asks you to choose a certificate, choose the one from this bank.',
  'login.certificateButton': 'Log in with certificate',
  'login.passwordHeading': 'Log in with ID and password',
  'login.loginId': 'Login ID',
  'login.password': 'Login password',
  'login.passwordButton': 'Log in',
  'login.acquireHeading': 'No electronic certificate yet?',
  'login.acquireLead': 'Get one with “Issue an electronic certificate”.',
  'login.acquireButton': 'Issue an electronic certificate',
  'login.required': 'Enter your login ID and login password.',

  'acquire.title': 'Getting an electronic certificate',
  'acquire.lead': 'Follow these steps to get your electronic certificate.',
  'acquire.loginIdHeading': 'Get a login ID',
  'acquire.loginIdLead': 'If you do not have a login ID yet, press “Get a login ID”.',
  'acquire.loginIdButton': 'Get a login ID',
  'acquire.loginIdInfo': 'In the sandbox, use one of these demo users (they all share one login password).',
  'acquire.demo01': 'with a one-time password token',
  'acquire.demo02': 'token that needs time synchronisation',
  'acquire.demo03': 'no one-time password token registered',
  'acquire.password': 'Login password:',
  'acquire.downloadHeading': 'Download the certificate app',
  'acquire.downloadLead': 'If you do not have the certificate issuance app yet, download it with “Download the certificate app” and install it.',
  'acquire.downloadButton': 'Download the certificate app',
  'acquire.launchHeading': 'Start the certificate app',
  'acquire.launchLead': 'Press “Start the certificate app” to open the app’s screen, then follow it to issue your electronic certificate.',
  'acquire.launchButton': 'Start the certificate app',
  'acquire.launchLink': 'Open the certificate app',
  'acquire.back': 'Back to the login page',

  'download.title': 'Download the certificate app',
  'download.lead': 'In the sandbox, the certificate app is the very application that serves this sandbox bank: it is already running.',
  'download.howto': 'To try it on another PC, get the repository and start it with this command.',
  'download.back': 'Back to getting a certificate',
  'download.recommended': 'The app for your PC',
  'download.detected': ({ platform }) => `This is the app for your PC (${platform}).`,
  'download.notDetected': 'Your PC\'s operating system could not be recognised. Choose from the list below.',
  'download.button': ({ version }) => `Download the certificate app (version ${version})`,
  'download.size': 'Size',
  'download.sha256': 'SHA-256',
  'download.afterInstall': 'After the download, install the app, then start it with the "Start the certificate app" button on the "Getting an electronic certificate" page.',
  'download.others': 'For other operating systems',
  'download.noPackages': 'No installation packages have been built yet. Run ./scripts/package.sh in the repository and they can be downloaded here.',
  'download.failed': 'The list of downloads could not be loaded. Please try again later.',
  'download.platform.windows': 'Windows (.msi)',
  'download.platform.macos': 'macOS (.app)',
  'download.platform.linux-deb': 'Linux (.deb)',
  'download.platform.linux-tar': 'Linux (.tar.gz)',

  'launch.checking': 'Looking for the certificate app…',

  'top.title': 'Top page',
  'top.loading': 'Loading…',
  'top.welcome': ({ loginId }) => `Welcome, ${loginId}`,
  'top.method': 'Logged in with',
  'top.method.Certificate': 'electronic certificate',
  'top.method.Password': 'ID and password',
  'top.certificate': 'Electronic certificate',
  'top.expiry': 'Expires',
  'top.noCertificate': 'No electronic certificate',
  'top.renewalHeading': 'Your electronic certificate is due for renewal',
  'top.renewalText': ({ date }) => `Your electronic certificate expires on ${date}. After that you cannot log in with it. Press “Renew certificate” to start the certificate app and renew it.`,
  'top.renewalButton': 'Renew certificate',
  'top.logout': 'Log out',
  'top.signedOut': 'You are not logged in.',
  'top.toLogin': 'To the login page',
};

const messages = { ja, en };

let current = readStored();

function readStored() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : 'ja';
  } catch {
    return 'ja';
  }
}

export function getLang() {
  return current;
}

export function t(key, params = {}) {
  const entry = messages[current][key] ?? messages.ja[key];
  if (entry === undefined) return key;
  return typeof entry === 'function' ? entry(params) : entry;
}

export function formatDate(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(current === 'ja' ? 'ja-JP' : 'en-GB', { year: 'numeric', month: current === 'ja' ? '2-digit' : 'short', day: '2-digit' }).format(date);
}

/** Re-translates every element marked with data-i18n, and calls onChange so pages can redraw their own texts. */
export function applyTranslations() {
  document.documentElement.lang = current;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  const heading = document.getElementById('page-heading');
  if (heading) document.title = `${heading.textContent} | ${t('bank.name')}`;
  document.getElementById('lang-switch').lang = current === 'ja' ? 'en' : 'ja';
}

export function initLanguage(onChange = () => {}) {
  applyTranslations();
  document.getElementById('lang-switch').addEventListener('click', () => {
    current = current === 'ja' ? 'en' : 'ja';
    try {
      localStorage.setItem(STORAGE_KEY, current);
    } catch {
      // Not remembered, but switched for this page.
    }
    applyTranslations();
    onChange();
  });
}
