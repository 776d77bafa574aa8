// UI strings (Japanese first, English second) and the language switch.
// Japanese texts quote the user manual word for word where it gives them.

const STORAGE_KEY = 'certplatform.lang';
export const LANGUAGES = ['ja', 'en'];
const DEFAULT_LANG = 'ja';

const ja = {
  'app.name': '証明書発行・更新アプリ',
  'lang.switch': 'English',

  'common.back': '戻る',
  'common.loading': '読み込み中です…',
  'common.reload': '再読み込み',
  'processing': 'ただいま処理中です。しばらくお待ちください。',
  'processing.tpm': 'TPM(セキュリティチップ)で鍵を作成しています。RSAの鍵は1分ほどかかることがあります。画面を閉じずにお待ちください。',

  'main.title': '証明書取得',
  'main.issueHeading': '証明書発行',
  'main.issueLead': '電子証明書を新たに発行する場合は、「証明書発行」ボタンを押してください。',
  'main.issueButton': '証明書発行',
  'main.renewHeading': '証明書更新',
  'main.renewLead': '証明書の更新を行う場合は、更新する証明書をリストから選び、「証明書更新」ボタンを押してください。',
  'main.listLabel': '証明書一覧',
  'main.renewButton': '証明書更新',
  'main.renewWarning': '間違えて、証明書発行ボタンをクリックしないようご注意ください。',
  'main.empty': '更新できる電子証明書がありません。電子証明書をお持ちでない場合は、「証明書発行」ボタンから発行してください。',
  'main.expiredNote': ({ count }) =>
    `有効期限が切れた電子証明書が${count}件あります。有効期限の切れた電子証明書は更新できません。失効手続きの上、「証明書発行」ボタンから新たに発行してください。`,
  'main.hintSelect': 'リストから更新する証明書を選択してください。',
  'main.hintReady': '選択した証明書を更新できます。「証明書更新」ボタンを押してください。',
  'main.hintNotYet': ({ date }) => `選択した証明書は更新期間前です。${date}から更新できます。`,
  'main.hintNotRenewable': '選択した証明書は更新できません。',
  'main.hintRevoked': '選択した証明書は失効しています。「証明書発行」ボタンから新しい電子証明書を発行してください。',
  'main.hintSuperseded': '選択した証明書は既に更新されています。更新で取得した新しい電子証明書をご利用ください。',
  'main.hintUpdateRequired': '新しいバージョンをインストールするまで、証明書の発行・更新はできません。',
  'main.listError': '証明書一覧を取得できませんでした。',

  'cert.expires': ({ date }) => `有効期限 ${date}`,
  'cert.daysLeft': ({ days }) => `残り${days}日`,
  'cert.renewable': '更新可能',
  'cert.notYet': ({ date }) => `更新期間前（${date}から更新可能）`,
  'cert.notRenewable': '更新不可',
  'cert.revoked': '失効済み（再発行が必要です）',
  'cert.superseded': '更新済み（新しい証明書をご利用ください）',

  'update.bannerText': ({ version }) => `新しいバージョン（${version}）があります。`,
  'update.bannerButton': '詳細を見る',
  'update.required': '必須の更新があります。新しいバージョンをインストールするまで、証明書の発行・更新はできません。',
  'update.title': '新しいバージョンがあります',
  'update.lead': '新しいバージョンのアプリケーションがあります。「ダウンロード」ボタンを押してください。',
  'update.mandatory': 'この更新は必須です。',
  'update.current': '現在のバージョン',
  'update.latest': '新しいバージョン',
  'update.releaseDate': '公開日',
  'update.notes': '更新内容',
  'update.download': 'ダウンロード',
  'update.later': '後で',
  'update.progressLabel': 'ダウンロードの進捗',
  'update.progressStarting': 'ダウンロードを開始しています…',
  'update.progressBytes': ({ received, total, percent }) => `${received} / ${total}（${percent}%）`,
  'update.progressUnknown': ({ received }) => `${received} を受信しました`,
  'update.downloaded': '新しいアプリケーションのダウンロードが完了しました。アプリケーションをインストールして再度実行してください。',
  'update.install': 'インストール',
  'update.finishedTitle': 'インストール完了',
  'update.finishedLead': ({ version }) => `バージョン ${version} のインストールが完了しました。`,
  'update.finishedNoRestart': '更新が完了しました。このまま証明書の発行・更新を行えます。',
  'update.restartNote': '「終了する」ボタンクリック後にアプリケーションの再起動は自動で行われません。アプリケーションの再起動を行ってください。',
  'update.exit': '終了する',
  'update.backToMain': '証明書取得へ戻る',
  'update.exited': 'このウィンドウ（タブ）を閉じてから、アプリケーションを再起動してください。',

  'auth.legend': '認証情報',
  'auth.loginId': 'ログインID',
  'auth.password': 'ログインパスワード',
  'issue.title': '証明書取得 認証',
  'issue.lead': '電子証明書発行に必要な本人認証を行います。\nログインIDとログインパスワードを入力の上、「認証して発行」ボタンを押してください。',
  'issue.submit': '認証して発行',
  'renew.title': '証明書取得 認証',
  'renew.lead': '電子証明書発行に必要な本人認証を行います。\nログインパスワードを入力の上、「認証」ボタンを押してください。',
  'renew.certificate': '更新する証明書',
  'renew.submit': '認証',

  'otp.title': '証明書取得 ワンタイムパスワード認証',
  'otp.lead': 'ワンタイムパスワードを入力の上、「認証」ボタンを押してください。',
  'otp.legend': 'ワンタイムパスワード認証',
  'otp.label': 'ワンタイムパスワード',
  'otp.submit': '認証',
  'timesync.lead': 'ご利用のトークンは時刻同期が必要となります。\n現在、及び1分後のワンタイムパスワードを入力の上、「認証」ボタンを押してください。',
  'timesync.current': 'ワンタイムパスワード(現在)',
  'timesync.next': 'ワンタイムパスワード(1分後)',
  'otp.hint': '6桁の数字',

  'validation.loginIdRequired': 'ログインIDを入力してください。',
  'validation.passwordRequired': 'ログインパスワードを入力してください。',
  'validation.otpFormat': 'ワンタイムパスワードを6桁の数字で入力してください。',

  'result.title': '証明書取得 結果',
  'result.issued': '電子証明書の発行とインストールが完了しました。',
  'result.renewed': '電子証明書の更新とインストールが完了しました。',
  'result.supersededLead': '更新前の電子証明書は使用しなくなりました。このパソコンから削除できます。',
  'result.removeSuperseded': '更新前の電子証明書を削除',
  'result.removeSupersededConfirm': '更新前の電子証明書をこのパソコンから削除します。よろしいですか？',
  'result.supersededRemoved': '更新前の電子証明書を削除しました。',
  'result.closeLead': '内容をご確認の上、「閉じる」ボタンを押して、アプリを閉じてください。',
  'result.noteBrowsers': '＊ 電子証明書を有効にするには、一度全てのブラウザを閉じてください。',
  'result.noteLifetime': '＊ 電子証明書の有効期限は、発行後1年間です。',
  'result.noteNotice': '＊ 有効期間満了の40日前に、ログイン後のトップページおよび電子メールでお知らせします。',
  'result.infoHeading': '証明書情報',
  'result.serial': '証明書シリアル番号',
  'result.validity': '有効期間',
  'result.close': '閉じる',
  'result.back': '証明書取得へ戻る',
  'ended.title': 'アプリを終了しました',
  'ended.lead': 'このウィンドウ（タブ）を閉じてください。',
  'ended.restart': '再度ご利用になるときは、銀行のページの「証明書発行アプリの起動」ボタン、またはスタートメニューからアプリを起動してください。',

  'error.title': '証明書取得 異常終了',
  'error.lead': '処理を正常に完了できませんでした。',
  'error.code': 'エラーコード',
  'error.message': 'メッセージ',
  'error.remedy': '対処方法',
  'error.detail': '詳細',
  'error.fields': '入力内容',
  'error.occurredAt': ({ time }) => `発生日時：${time}`,
  'error.contact': 'サポートデスクへお問い合わせの際は、エラーコードと発生日時をお伝えください。',
  'error.networkTitle': 'ただいまお取り扱いできません。詳しくは本サービスのお問合せ窓口へご照会ください。[G005e]',
  'error.networkRemedy': '証明書発行・更新アプリが起動していることをご確認の上、再度操作を実施してください。アプリは一定時間操作がないと終了します。銀行のページの「証明書発行アプリの起動」ボタン、またはスタートメニューから起動し直してください。解決しない場合は、ログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。',
  'error.unexpectedTitle': 'ただいまお取り扱いできません。詳しくは本サービスのお問合せ窓口へご照会ください。[G005e]',
  'error.unexpectedRemedy': 'ログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。',
  'error.downloadTitle': '新しいアプリケーションのダウンロードに失敗しました。詳しくは本サービスのお問合せ窓口へご照会ください。[G002e]',
  'error.downloadRemedy': 'ネットワーク接続を確認の上、再度ダウンロードを行ってください。',

  'status.version': ({ version }) => `バージョン ${version}`,
  'status.center': ({ mode }) => `センター：${mode}`,
  'status.store': ({ store }) => `証明書ストア：${store}`,
  'status.keysTpm': '鍵の保管場所：TPM',
  'status.mode.Embedded': 'サンドボックス（組み込み）',
  'status.mode.Remote': '銀行センター',
  'status.unavailable': 'アプリケーションの状態を取得できませんでした。',

  'proxy.title': 'プロキシ認証',
  'proxy.lead': 'インターネットへの接続に、プロキシサーバの認証が必要です。\nプロキシサーバのIDとパスワードを入力の上、「認証」ボタンを押してください。',
  'proxy.legend': 'プロキシサーバの認証情報',
  'proxy.user': 'プロキシサーバのID',
  'proxy.password': 'プロキシサーバのパスワード',
  'proxy.note': '入力したIDとパスワードは本アプリケーションの実行中だけ記憶し、ファイルには保存しません。アプリケーションを終了すると消去されます。',
  'proxy.submit': '認証',
  'proxy.cancel': 'キャンセル',
  'proxy.userRequired': 'プロキシサーバのIDを入力してください。',
  'proxy.passwordRequired': 'プロキシサーバのパスワードを入力してください。',
  'proxy.cancelled': 'プロキシ認証を取り消しました。',
  'sandbox.title': 'サンドボックス（デモ環境）',
  'sandbox.lead': '組み込みのサンドボックスセンターで動作しています。本番の口座は使われません。次のデモ利用者でお試しください。',
  'sandbox.password': 'ログインパスワード（全員共通）：',
  'sandbox.show': 'トークンコードを表示',
  'sandbox.hide': '隠す',
  'sandbox.seconds': ({ seconds }) => `残り${seconds}秒`,
  'sandbox.codeLabel': ({ loginId }) => `${loginId} のトークンコード`,
  'sandbox.next': ({ code }) => `次のコード ${code}（時刻同期用）`,
};

const en = {
  'app.name': 'Certificate issuance & renewal',
  'lang.switch': '日本語',

  'common.back': 'Back',
  'common.loading': 'Loading…',
  'common.reload': 'Reload',
  'processing': 'Processing. Please wait a moment.',
  'processing.tpm': 'Making the key inside the TPM (security chip). An RSA key can take about a minute. Please keep this page open.',

  'main.title': 'Certificates',
  'main.issueHeading': 'Issue a certificate',
  'main.issueLead': 'To get a new electronic certificate, press “Issue certificate”.',
  'main.issueButton': 'Issue certificate',
  'main.renewHeading': 'Renew a certificate',
  'main.renewLead': 'To renew a certificate, choose it in the list and press “Renew certificate”.',
  'main.listLabel': 'Certificates',
  'main.renewButton': 'Renew certificate',
  'main.renewWarning': 'Be careful not to press “Issue certificate” by mistake.',
  'main.empty': 'There is no certificate to renew. If you do not have an electronic certificate yet, issue one with “Issue certificate”.',
  'main.expiredNote': ({ count }) =>
    `${count === 1 ? 'One certificate has' : `${count} certificates have`} expired. An expired certificate cannot be renewed: have it revoked, then issue a new one with “Issue certificate”.`,
  'main.hintSelect': 'Choose the certificate to renew in the list.',
  'main.hintReady': 'The selected certificate can be renewed. Press “Renew certificate”.',
  'main.hintNotYet': ({ date }) => `The selected certificate cannot be renewed yet. Renewal opens on ${date}.`,
  'main.hintNotRenewable': 'The selected certificate cannot be renewed.',
  'main.hintRevoked': 'The selected certificate has been revoked. Issue a new certificate with “Issue certificate”.',
  'main.hintSuperseded': 'The selected certificate has already been renewed. Use the new certificate the renewal issued.',
  'main.hintUpdateRequired': 'Certificates cannot be issued or renewed until the new version is installed.',
  'main.listError': 'The list of certificates could not be loaded.',

  'cert.expires': ({ date }) => `Expires ${date}`,
  'cert.daysLeft': ({ days }) => (days === 1 ? '1 day left' : `${days} days left`),
  'cert.renewable': 'Renewable',
  'cert.notYet': ({ date }) => `Not yet (renewal opens on ${date})`,
  'cert.notRenewable': 'Not renewable',
  'cert.revoked': 'Revoked (issue a new one)',
  'cert.superseded': 'Renewed (use the new one)',

  'update.bannerText': ({ version }) => `A new version (${version}) is available.`,
  'update.bannerButton': 'Show details',
  'update.required': 'A required update is available. Certificates cannot be issued or renewed until the new version is installed.',
  'update.title': 'A new version is available',
  'update.lead': 'A new version of the application is available. Press “Download”.',
  'update.mandatory': 'This update is required.',
  'update.current': 'Current version',
  'update.latest': 'New version',
  'update.releaseDate': 'Release date',
  'update.notes': 'What is new',
  'update.download': 'Download',
  'update.later': 'Later',
  'update.progressLabel': 'Download progress',
  'update.progressStarting': 'Starting the download…',
  'update.progressBytes': ({ received, total, percent }) => `${received} of ${total} (${percent}%)`,
  'update.progressUnknown': ({ received }) => `${received} received`,
  'update.downloaded': 'The new version of the application has been downloaded. Install it, then run the application again.',
  'update.install': 'Install',
  'update.finishedTitle': 'Installation complete',
  'update.finishedLead': ({ version }) => `Version ${version} has been installed.`,
  'update.finishedNoRestart': 'The update is complete. You can continue to issue and renew certificates.',
  'update.restartNote': 'The application does not restart by itself after you press “Exit”. Please restart the application.',
  'update.exit': 'Exit',
  'update.backToMain': 'Back to certificates',
  'update.exited': 'Close this window (tab), then start the application again.',

  'auth.legend': 'Sign-in details',
  'auth.loginId': 'Login ID',
  'auth.password': 'Login password',
  'issue.title': 'Certificate — authentication',
  'issue.lead': 'Issuing an electronic certificate requires you to prove who you are.\nEnter your login ID and login password, then press “Authenticate and issue”.',
  'issue.submit': 'Authenticate and issue',
  'renew.title': 'Certificate — authentication',
  'renew.lead': 'Renewing an electronic certificate requires you to prove who you are.\nEnter your login password, then press “Authenticate”.',
  'renew.certificate': 'Certificate to renew',
  'renew.submit': 'Authenticate',

  'otp.title': 'Certificate — one-time password',
  'otp.lead': 'Enter your one-time password, then press “Authenticate”.',
  'otp.legend': 'One-time password',
  'otp.label': 'One-time password',
  'otp.submit': 'Authenticate',
  'timesync.lead': 'Your token needs to be synchronised with the clock.\nEnter the current one-time password and the one shown one minute later, then press “Authenticate”.',
  'timesync.current': 'One-time password (now)',
  'timesync.next': 'One-time password (one minute later)',
  'otp.hint': '6 digits',

  'validation.loginIdRequired': 'Enter your login ID.',
  'validation.passwordRequired': 'Enter your login password.',
  'validation.otpFormat': 'Enter the one-time password as 6 digits.',

  'result.title': 'Certificate — result',
  'result.issued': 'The electronic certificate has been issued and installed.',
  'result.renewed': 'The electronic certificate has been renewed and installed.',
  'result.supersededLead': 'The certificate before the renewal is no longer used. You can remove it from this PC.',
  'result.removeSuperseded': 'Remove the old certificate',
  'result.removeSupersededConfirm': 'Remove the certificate from before the renewal from this PC?',
  'result.supersededRemoved': 'The certificate from before the renewal has been removed.',
  'result.closeLead': 'Check the details, then press “Close” to close the application.',
  'result.noteBrowsers': '* To start using the certificate, close all browser windows once.',
  'result.noteLifetime': '* The certificate is valid for one year from issuance.',
  'result.noteNotice': '* 40 days before it expires, you will be notified on the top page after login and by e-mail.',
  'result.infoHeading': 'Certificate details',
  'result.serial': 'Certificate serial number',
  'result.validity': 'Validity',
  'result.close': 'Close',
  'result.back': 'Back to certificates',
  'ended.title': 'The application has ended',
  'ended.lead': 'Close this window (tab).',
  'ended.restart': 'To use it again, start the application with the bank page\'s "Start the certificate app" button or from the Start menu.',

  'error.title': 'Certificate — error',
  'error.lead': 'The operation could not be completed.',
  'error.code': 'Error code',
  'error.message': 'Message',
  'error.remedy': 'What to do',
  'error.detail': 'Details',
  'error.fields': 'Input',
  'error.occurredAt': ({ time }) => `Occurred at: ${time}`,
  'error.contact': 'When you contact the support desk, please tell them the error code and the time it occurred.',
  'error.networkTitle': 'The service is not available right now. Please contact the help desk for details. [G005e]',
  'error.networkRemedy': 'Check that the certificate issuance & renewal application is running, then try again. The application ends after a while without use: start it again with the bank page\'s "Start the certificate app" button or from the Start menu. If the problem continues, contact the support desk with the log file (ApplicationLog.log).',
  'error.unexpectedTitle': 'The service is not available right now. Please contact the help desk for details. [G005e]',
  'error.unexpectedRemedy': 'Contact the support desk with the log file (ApplicationLog.log).',
  'error.downloadTitle': 'The new version of the application could not be downloaded. Please contact the help desk for details. [G002e]',
  'error.downloadRemedy': 'Check the network connection, then download again.',

  'status.version': ({ version }) => `Version ${version}`,
  'status.center': ({ mode }) => `Center: ${mode}`,
  'status.store': ({ store }) => `Certificate store: ${store}`,
  'status.keysTpm': 'Keys: in the TPM',
  'status.mode.Embedded': 'sandbox (embedded)',
  'status.mode.Remote': 'bank center',
  'status.unavailable': 'The application status could not be loaded.',

  'proxy.title': 'Proxy sign-in',
  'proxy.lead': 'The connection to the internet goes through a proxy server that asks for its ID and password.\nEnter them and press "Sign in".',
  'proxy.legend': 'Proxy server sign-in details',
  'proxy.user': 'Proxy server ID',
  'proxy.password': 'Proxy server password',
  'proxy.note': 'The ID and password are kept only while the application runs and are never saved to a file. They are erased when the application ends.',
  'proxy.submit': 'Sign in',
  'proxy.cancel': 'Cancel',
  'proxy.userRequired': 'Enter the proxy server ID.',
  'proxy.passwordRequired': 'Enter the proxy server password.',
  'proxy.cancelled': 'The proxy sign-in was cancelled.',
  'sandbox.title': 'Sandbox (demo environment)',
  'sandbox.lead': 'The helper runs against its embedded sandbox center; no real account is used. Try it with these demo users.',
  'sandbox.password': 'Login password (same for all):',
  'sandbox.show': 'Show token code',
  'sandbox.hide': 'Hide',
  'sandbox.seconds': ({ seconds }) => `${seconds} s left`,
  'sandbox.codeLabel': ({ loginId }) => `Token code of ${loginId}`,
  'sandbox.next': ({ code }) => `next code ${code} (for time synchronisation)`,
};

const messages = { ja, en };

let currentLang = readStoredLang();

function readStoredLang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : DEFAULT_LANG;
  } catch {
    // Storage can be blocked by browser policy; the page still works in Japanese.
    return DEFAULT_LANG;
  }
}

export function getLang() {
  return currentLang;
}

export function setLang(lang) {
  if (!LANGUAGES.includes(lang)) return;
  currentLang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered across visits, but the switch still applies to this page.
  }
}

/** Adds a screen module's own texts (ja and en), so that its markup can use data-i18n like the rest. */
export function addMessages(moduleJa, moduleEn) {
  Object.assign(messages.ja, moduleJa);
  Object.assign(messages.en, moduleEn);
}

export function t(key, params = {}) {
  const entry = messages[currentLang][key] ?? messages[DEFAULT_LANG][key];
  if (entry === undefined) return key;
  return typeof entry === 'function' ? entry(params) : entry;
}

/** Gives an element a translatable text that follows later language switches. */
export function setText(element, key, params) {
  element.dataset.i18n = key;
  if (params) {
    element.dataset.i18nParams = JSON.stringify(params);
  } else {
    delete element.dataset.i18nParams;
  }
  element.textContent = t(key, params);
}

/** Gives an element a text that is not ours to translate (for example from the server). */
export function setRawText(element, text) {
  delete element.dataset.i18n;
  delete element.dataset.i18nParams;
  element.textContent = text ?? '';
}

/** Re-translates everything marked with data-i18n / data-i18n-aria-label under root. */
export function applyTranslations(root = document) {
  document.documentElement.lang = currentLang;
  for (const element of root.querySelectorAll('[data-i18n]')) {
    const params = element.dataset.i18nParams ? JSON.parse(element.dataset.i18nParams) : undefined;
    element.textContent = t(element.dataset.i18n, params);
  }
  for (const element of root.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }
}
