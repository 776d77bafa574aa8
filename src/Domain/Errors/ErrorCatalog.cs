namespace CertPlatform.Domain.Errors;

/// <summary>
/// Every error the product can show. The G0xx codes and their Japanese texts and remedies come from the
/// manual (3.2 エラーメッセージ一覧); G1xx (authentication and renewal), G2xx (certificates and the CA),
/// G3xx (the localhost API) and G4xx (application updates) are CertPlatform's own, written in the same style.
/// </summary>
public static class ErrorCatalog
{
    private const string ContactSupportJa = "上記を確認し、再度ログインできない場合、「別紙-お問合せ情報」をご確認の上、サポートデスクへご連絡ください。";
    private const string ContactSupportEn = "If you still cannot log in after checking the above, contact the support desk with the details in the inquiry sheet.";

    // --- From the manual -------------------------------------------------------------------------

    public static readonly CatalogError G001e = new(
        "G001e", ErrorKind.Failed,
        new("証明書のインストールに失敗しました。詳しくは本サービスのお問合せ窓口へご照会ください。",
            "The certificate could not be installed. Please contact this service's help desk for details."),
        new("再度電子証明書をダウンロードしてみるか、パソコンの再起動をしてみても解決しない場合は、操作日時を添えて、サポートデスクへご連絡ください。",
            "Try downloading the certificate again or restart the PC. If that does not help, contact the support desk with the date and time of the operation."));

    public static readonly CatalogError G002e = new(
        "G002e", ErrorKind.Failed,
        new("新しいアプリケーションのダウンロードに失敗しました。詳しくは本サービスのお問合せ窓口へご照会ください。",
            "The new version of the application could not be downloaded. Please contact this service's help desk for details."),
        new("ネットワーク接続を確認し、再度ダウンロードを行ってください。",
            "Check the network connection and download again."));

    public static readonly CatalogError G003e = new(
        "G003e", ErrorKind.Unavailable,
        new("バージョン情報の取得に失敗しました。詳しくは本サービスのお問合せ窓口へご照会ください。",
            "The version information could not be retrieved. Please contact this service's help desk for details."),
        new("当該PCのネットワーク設定及びファイアウォール設定をご確認の上、アプリケーションからのネットワーク通信が可能であることをご確認ください。",
            "Check this PC's network and firewall settings and make sure the application can reach the network."));

    public static readonly CatalogError G004e = new(
        "G004e", ErrorKind.Forbidden,
        new("本アプリケーションではお取り扱いできません。お手数ですがブラウザをご利用ください。",
            "This operation is not available in the application. Please use your browser."),
        new("ログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Contact the support desk and attach the log file (ApplicationLog.log)."));

    public static readonly CatalogError G005e = new(
        "G005e", ErrorKind.Unavailable,
        new("ただいまお取り扱いできません。詳しくは本サービスのお問合せ窓口へご照会ください。",
            "The service is not available right now. Please contact this service's help desk for details."),
        new("社内ネットワークの設定(フィルタリング等)で認証局・センターのURLへのSSL通信が妨げられていないかご確認ください。解決しない場合はログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Check that your company network (filtering, firewall) allows SSL connections to the CA and center URLs. If that does not help, contact the support desk and attach the log file (ApplicationLog.log)."));

    /// <summary>
    /// G005e for a peer the helper could not reach, its remedy naming the address to let through (the manual's
    /// FAQ 3.1.2 names the CA's URL for the same reason). The address is a configured origin, never a secret.
    /// </summary>
    public static CatalogError G005eUnreachable(string address) => G005e with
    {
        Remedy = new(
            $"社内ネットワークの設定(フィルタリング・ファイアウォール等)で次のURLへのSSL通信が妨げられていないかご確認ください: {address} 解決しない場合はログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            $"Check that your company network (filtering, firewall, proxy) allows SSL connections to {address}. If that does not help, contact the support desk and attach the log file (ApplicationLog.log)."),
    };

    public static readonly CatalogError G006e = new(
        "G006e", ErrorKind.InvalidInput,
        new("入力内容に誤りがあります。", "There is an error in what you entered."),
        new("入力文字の長さをご確認の上、再度、操作を実施してください。",
            "Check the length and format of what you entered and try again."));

    public static readonly CatalogError G007i = new(
        "G007i", ErrorKind.Information,
        new("新しいアプリケーションのダウンロードが完了しました。アプリケーションをインストールして再度実行してください。",
            "The new version of the application has been downloaded. Install it and run the application again."),
        new("「インストール」ボタンを押してバージョンアップを実施し、「終了する」ボタンを押してから、アプリケーションを再度起動してください。",
            "Press \"Install\" to install the new version, press \"Exit\", then start the application again."));

    public static readonly CatalogError G008e = new(
        "G008e", ErrorKind.Busy,
        new("ただいま受付が混雑しております。しばらく時間をおいてからご利用ください。",
            "The service is busy right now. Please wait a while and try again."),
        new("当該PCのネットワーク接続を確認してください。しばらく時間をおいてから再度操作してください。",
            "Check this PC's network connection and try again after a while."));

    public static readonly CatalogError G009e = new(
        "G009e", ErrorKind.Unauthenticated,
        new("入力内容に誤りがあります。ご確認の上、再度入力してください。",
            "What you entered is not correct. Please check it and enter it again."),
        new("プロキシサーバのIDおよびパスワードを確認の上、再度認証を行ってください。",
            "Check the proxy server's ID and password and authenticate again."));

    public static readonly CatalogError G010e = new(
        "G010e", ErrorKind.Conflict,
        new("証明書発行・更新アプリが使用する通信ポートを別のプログラムが使用しているため、アプリを起動できません。",
            "The application cannot start because another program is using its network port."),
        new("PCを再起動してから、再度アプリを起動してください。解決しない場合は操作日時とログファイル(launcher.log)を添えて、サポートデスクへご連絡ください。",
            "Restart the PC, then start the application again. If that does not help, contact the support desk with the date and time and the log file (launcher.log)."));

    public static readonly CatalogError G014e = new(
        "G014e", ErrorKind.Forbidden,
        new("ワンタイムパスワードの利用開始登録がされていません。ブラウザからログインして登録してください。",
            "Your one-time password token is not registered for use. Log in from your browser and register it."),
        new("インターネットバンキングへログインし、ワンタイムパスワードトークン発行画面にて、トークンの利用初期登録を行ってください。",
            "Log in to internet banking and register the token on the one-time password token screen."));

    public static readonly CatalogError G021e = new(
        "G021e", ErrorKind.Failed,
        new("アプリケーションのインストールに失敗しました。詳しくは本サービスのお問合せ窓口へご照会ください。",
            "The application could not be installed. Please contact this service's help desk for details."),
        new("手動でインストーラをダウンロードし、再度インストールを実行してください。",
            "Download the installer by hand and run the installation again."));

    public static readonly CatalogError BZBE001011 = new(
        "BZBE001011", ErrorKind.Failed,
        new("証明書の更新を完了できませんでした(異常終了)。", "The certificate could not be renewed (abnormal end)."),
        new("・PC再起動後も再発するか？ ・JavaScriptがONになっているか？ ・「HP Simple Pass PE 2011」がインストールされていないか？ ・その他問題となるアドオンや不正なソフトウェア(ウイルス、スパイウェア、アドウェアなど)が組み込まれていないか？ " + ContactSupportJa,
            "Does it happen again after restarting the PC? Is JavaScript on? Is \"HP Simple Pass PE 2011\" or another problematic add-on or malicious software (virus, spyware, adware) installed? " + ContactSupportEn));

    public static readonly CatalogError BZBE011008 = new(
        "BZBE011008", ErrorKind.Forbidden,
        new("選択された電子証明書では更新できません(異常終了)。", "The selected certificate cannot be renewed (abnormal end)."),
        new("・正しい電子証明書を選択しているか？ ・電子証明書のインストールに失敗していないか？ ・失効した電子証明書を選択していないか？ " + ContactSupportJa,
            "Did you choose the right certificate? Did its installation fail? Is it a revoked certificate? " + ContactSupportEn));

    // --- Authentication and renewal (G1xx) -----------------------------------------------------

    public static readonly CatalogError G101e = new(
        "G101e", ErrorKind.Unauthenticated,
        new("ログインIDまたはログインパスワードに誤りがあります。", "The login ID or login password is not correct."),
        new("インターネットバンキングで使用するログインIDとログインパスワードを確認の上、再度入力してください。続けて5回誤るとご利用が一時停止されます。",
            "Check the login ID and login password you use for internet banking and enter them again. Five wrong entries in a row suspend use for a while."));

    public static readonly CatalogError G102e = new(
        "G102e", ErrorKind.Locked,
        new("認証に続けて失敗したため、ご利用を一時停止しています。", "Use is suspended for a while after repeated failed authentication."),
        new("しばらく時間をおいてから再度操作してください。解決しない場合は管理者ユーザーまたはサポートデスクへご連絡ください。",
            "Wait a while and try again. If that does not help, contact your administrator user or the support desk."));

    public static readonly CatalogError G103e = new(
        "G103e", ErrorKind.Unauthenticated,
        new("ワンタイムパスワードに誤りがあります。", "The one-time password is not correct."),
        new("トークンに表示されている最新のワンタイムパスワードを入力してください。続けて5回誤るとご利用が一時停止されます。",
            "Enter the newest one-time password your token shows. Five wrong entries in a row suspend use for a while."));

    public static readonly CatalogError G104e = new(
        "G104e", ErrorKind.Unauthenticated,
        new("このワンタイムパスワードは既に使用されています。", "This one-time password has already been used."),
        new("トークンに次のワンタイムパスワードが表示されるのを待ってから入力してください。",
            "Wait until your token shows the next one-time password and enter that one."));

    public static readonly CatalogError G105e = new(
        "G105e", ErrorKind.Unauthenticated,
        new("トークンの時刻同期に失敗しました。", "The token's time synchronisation failed."),
        new("トークンに表示されている現在のワンタイムパスワードと、その1分後に表示されるワンタイムパスワードを続けて入力してください。",
            "Enter the one-time password your token shows now and the one it shows one minute later."));

    public static readonly CatalogError G106e = new(
        "G106e", ErrorKind.Gone,
        new("更新手続きの有効時間が過ぎたか、手続きが見つかりません。", "The renewal has timed out or cannot be found."),
        new("証明書一覧から証明書を選び、「証明書更新」から操作をやり直してください。",
            "Choose the certificate in the list and start again with the renew button."));

    public static readonly CatalogError G107e = new(
        "G107e", ErrorKind.Conflict,
        new("この電子証明書は現在更新手続き中です。", "This certificate is already being renewed."),
        new("進行中の手続きを完了するか、数分おいてから再度操作してください。",
            "Finish the renewal that is under way, or wait a few minutes and try again."));

    public static readonly CatalogError G108e = new(
        "G108e", ErrorKind.Conflict,
        new("操作の順序に誤りがあります。", "This step is not expected at this point of the renewal."),
        new("画面の案内に従って操作してください。解決しない場合は更新を最初からやり直してください。",
            "Follow the steps on the screen. If that does not help, start the renewal again."));

    public static readonly CatalogError G109e = new(
        "G109e", ErrorKind.Forbidden,
        new("選択された電子証明書の秘密鍵を確認できませんでした。", "Possession of the selected certificate's private key could not be proven."),
        new("このPCでこの電子証明書を発行したユーザーでログインしているかご確認ください。解決しない場合は操作日時とログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Check that you are logged in to the PC as the user who issued this certificate on it. If that does not help, contact the support desk with the date and time and the log file (ApplicationLog.log)."));

    // --- Certificates and the CA (G2xx) --------------------------------------------------------

    public static readonly CatalogError G201e = new(
        "G201e", ErrorKind.Conflict,
        new("この電子証明書はまだ更新できません。更新は有効期限の40日前から可能です。",
            "This certificate cannot be renewed yet. Renewal opens 40 days before it expires."),
        new("有効期限の40日前になってから、再度操作してください。", "Try again from 40 days before the certificate expires."));

    public static readonly CatalogError G202e = new(
        "G202e", ErrorKind.Conflict,
        new("有効期限の切れた電子証明書は更新できません。", "An expired certificate cannot be renewed."),
        new("管理者ユーザーまたは当組合に電子証明書の失効手続きを依頼し、失効後に電子証明書を再発行してください。",
            "Ask your administrator user or the bank to revoke the certificate, then issue a new one."));

    public static readonly CatalogError G203e = new(
        "G203e", ErrorKind.NotFound,
        new("指定された電子証明書が見つかりません。", "The selected certificate cannot be found."),
        new("証明書一覧を再表示し、更新する電子証明書を選び直してください。電子証明書を発行したユーザーでPCにログインしているかもご確認ください。",
            "Reload the certificate list and choose the certificate again. Also check that you are logged in to the PC as the user who issued it."));

    public static readonly CatalogError G204e = new(
        "G204e", ErrorKind.Failed,
        new("認証局から受け取った電子証明書を確認できませんでした。証明書はインストールしていません。",
            "The certificate received from the CA failed verification. Nothing was installed."),
        new("時間をおいて再度操作してください。解決しない場合は操作日時とログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Try again later. If that does not help, contact the support desk with the date and time and the log file (ApplicationLog.log)."));

    public static readonly CatalogError G205e = new(
        "G205e", ErrorKind.Unauthenticated,
        new("証明書発行の認可が無効か、有効期限が切れています。", "The authorization to issue a certificate is invalid or has expired."),
        new("最初から操作をやり直してください。", "Start the operation again from the beginning."));

    public static readonly CatalogError G206e = new(
        "G206e", ErrorKind.Failed,
        new("認証局が証明書の発行要求を受け付けませんでした。", "The CA refused the certificate request."),
        new("時間をおいて再度操作してください。解決しない場合は操作日時とログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Try again later. If that does not help, contact the support desk with the date and time and the log file (ApplicationLog.log)."));

    public static readonly CatalogError G207e = new(
        "G207e", ErrorKind.Unavailable,
        new("認証局またはセンターとの安全な通信(SSL/TLS)を確立できませんでした。", "A secure (SSL/TLS) connection to the CA or the center could not be established."),
        new("PCの日付と時刻が正しいか、社内ネットワークがSSL通信を書き換えていないか(SSL検査等)をご確認ください。解決しない場合はログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Check that the PC's date and time are right and that your company network does not intercept SSL connections. If that does not help, contact the support desk with the log file (ApplicationLog.log)."));

    public static readonly CatalogError G208e = new(
        "G208e", ErrorKind.Forbidden,
        new("この電子証明書は失効しています。", "This certificate has been revoked."),
        new("失効した電子証明書は使用できません。電子証明書を再発行してください。", "A revoked certificate cannot be used. Issue a new certificate."));

    public static readonly CatalogError G209e = new(
        "G209e", ErrorKind.Forbidden,
        new("電子証明書の秘密鍵をエクスポートすることはできません。", "The certificate's private key cannot be exported."),
        new("本サービスの電子証明書は、証明書(公開鍵)のみエクスポートできます。バックアップはできないため、破損・紛失した場合は失効後に再発行してください。",
            "Only the certificate itself (public key) can be exported; there is no backup. If it is broken or lost, have it revoked and issue a new one."));

    public static readonly CatalogError G210e = new(
        "G210e", ErrorKind.Failed,
        new("センターからの応答を確認できませんでした。", "The center's answer could not be understood."),
        new("時間をおいて再度操作してください。社内ネットワークの設定(プロキシ・フィルタリング等)がセンターとの通信を書き換えていないかもご確認ください。解決しない場合は操作日時とログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Try again later, and check that your company network (proxy, filtering) does not alter the connection to the center. If that does not help, contact the support desk with the date and time and the log file (ApplicationLog.log)."));

    public static readonly CatalogError G211e = new(
        "G211e", ErrorKind.Conflict,
        new("この電子証明書は既に更新されています。", "This certificate has already been renewed."),
        new("更新で取得した新しい電子証明書をご利用ください。更新前の電子証明書は証明書一覧から削除できます。",
            "Use the new certificate the renewal issued. The old certificate can be removed from the certificate list."));

    public static readonly CatalogError G230e = new(
        "G230e", ErrorKind.Unavailable,
        new("ブラウザの証明書データベース(NSS)を操作するツールが見つかりません。証明書はインストールしていません。",
            "The tools for the browser's certificate database (NSS) were not found. Nothing was installed."),
        new("NSSツール(Debian/Ubuntu: libnss3-tools、certutil と pk12util)をインストールしてから、再度操作してください。",
            "Install the NSS tools (Debian/Ubuntu: libnss3-tools, which provides certutil and pk12util), then try again."));

    public static readonly CatalogError G231e = new(
        "G231e", ErrorKind.Failed,
        new("ブラウザの証明書データベース(NSS)を操作できませんでした。",
            "The browser's certificate database (NSS) could not be used."),
        new("ブラウザを全て閉じてから再度操作してください。データベースにマスターパスワード(主パスワード)を設定している場合は解除してください。解決しない場合はログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Close all browsers and try again. If the database has a primary (master) password, remove it. If that does not help, contact the support desk with the log file (ApplicationLog.log)."));

    public static readonly CatalogError G232e = new(
        "G232e", ErrorKind.Unauthenticated,
        new("有効な電子証明書が確認できませんでした。電子証明書によるログインはできません。",
            "No valid electronic certificate was presented. Certificate login is not possible."),
        new("電子証明書をお持ちでない場合は「電子証明書発行」から発行してください。発行・更新した直後の場合は、全てのブラウザを一度閉じてから再度ログインしてください。",
            "If you do not have a certificate, issue one with “Issue an electronic certificate”. If you have just issued or renewed it, close all browsers once and log in again."));

    public static readonly CatalogError G233e = new(
        "G233e", ErrorKind.Locked,
        new("キーチェーンがロックされているため、電子証明書を保存・利用できませんでした。",
            "The keychain is locked, so the certificate could not be stored or used."),
        new("「キーチェーンアクセス」でログインキーチェーンのロックを解除してから(またはMacにログインし直してから)、再度操作してください。ブラウザが「キーを使用して署名しようとしています」と表示した場合は、Macのログインパスワードを入力して「常に許可」を選択してください。",
            "Unlock the login keychain in Keychain Access (or log in to the Mac again), then try again. When the browser says it “wants to sign using key”, enter the Mac's login password and choose “Always Allow”."));

    public static readonly CatalogError G234e = new(
        "G234e", ErrorKind.Unavailable,
        new("このPCのTPM(セキュリティチップ)では電子証明書の鍵を作成できませんでした。電子証明書は発行していません。",
            "This PC's TPM (security chip) could not make the certificate's key. No certificate was issued."),
        new("鍵の種類をRSA-2048またはECDSA P-256にして再度操作してください。TPMが無効になっている場合は、PCの管理者にTPMの有効化をご依頼ください。銀行の指定がない場合は、設定 Keys:Protection を Auto にするとTPMがないPCではソフトウェアの鍵を使用します。",
            "Choose RSA-2048 or ECDSA P-256 as the key type and try again. If the TPM is turned off, ask the PC's administrator to turn it on. Unless the bank requires the TPM, the setting Keys:Protection=Auto uses a software key on a PC without one."));

    public static readonly CatalogError G240e = new(
        "G240e", ErrorKind.Conflict,
        new("有効期限内の電子証明書は削除できません。", "A certificate that has not expired cannot be removed here."),
        new("削除できるのは有効期限の切れた電子証明書、失効した電子証明書、更新済みの電子証明書のみです。使用できなくなった電子証明書は失効後に再発行してください。",
            "Only expired, revoked or renewed (replaced) certificates can be removed. A certificate that no longer works is revoked and issued again."));

    // --- Support and self-help (G250e–G269e): the manual's FAQ (3.1) done by the helper --------------

    public static readonly CatalogError G250e = new(
        "G250e", ErrorKind.Failed,
        new("パソコンの日付・時刻がセンターの時刻と大きくずれています。", "The PC's date and time differ a lot from the center's clock."),
        new("パソコンの日付と時刻を正しく設定してください(Windows:「設定」→「時刻と言語」→「日付と時刻」で「時刻を自動的に設定する」をオン)。パソコンのシステム日付が不正な日付(証明書有効期間外)の場合、電子証明書の発行・更新やログインができません。",
            "Set the PC's date and time correctly (Windows: Settings > Time & language > Date & time, turn on \"Set time automatically\"). With a wrong system date (outside the certificate's validity) certificates cannot be issued, renewed or used to log in."));

    public static readonly CatalogError G251e = new(
        "G251e", ErrorKind.Unavailable,
        new("証明書ストアを開けませんでした。", "The certificate store could not be opened."),
        new("電子証明書を発行したユーザーでPCにログインしているかご確認ください(OSではユーザー毎に別々に電子証明書を管理しています)。PCを再起動しても解決しない場合は、ログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Check that you are logged in to the PC as the user who issued the certificate (the OS keeps certificates per user). If restarting the PC does not help, contact the support desk with the log file (ApplicationLog.log)."));

    public static readonly CatalogError G252e = new(
        "G252e", ErrorKind.Failed,
        new("電子証明書の利用を妨げるおそれのあるソフトウェアがインストールされています。", "Software that may interfere with the certificate is installed."),
        new("「SMARTACCESS」がインストールされている場合や「HP Sure Click」を利用している場合、証明書が表示されないことがあります。その場合は証明書を失効後、再度取得が必要になります(HP Sure Clickの設定はHPの資料「HP Sure Clickの設定」をご確認ください)。「HP Simple Pass PE 2011」がインストールされていると、証明書の更新が異常終了(BZBE001011)することがあります。",
            "With SMARTACCESS installed or HP Sure Click in use, certificates may not be shown; then the certificate must be revoked and obtained again (for HP Sure Click see HP's guide \"HP Sure Click settings\"). With \"HP Simple Pass PE 2011\" installed, renewal may end abnormally (BZBE001011)."));

    public static readonly CatalogError G253e = new(
        "G253e", ErrorKind.Forbidden,
        new("他のユーザーの電子証明書を失効する権限がありません。", "You are not allowed to revoke another user's certificate."),
        new("他のユーザーの電子証明書の失効は、管理者ユーザー(管理権限を有するユーザー)が行ってください。管理者ユーザーを登録していない場合は、当組合へ電子証明書の失効手続き依頼書を提出してください。",
            "Another user's certificate is revoked by an administrator user. If no administrator user is registered, send the bank a certificate revocation request form."));

    public static readonly CatalogError G254i = new(
        "G254i", ErrorKind.Information,
        new("電子証明書を失効しました。新しい電子証明書を発行してください。", "The certificate has been revoked. Issue a new certificate."),
        new("「証明書発行」ボタンから、ログインIDとログインパスワードで新しい電子証明書を発行してください。失効した電子証明書ではログインできません。",
            "Issue a new certificate with the issue button, using your login ID and login password. A revoked certificate can no longer be used to log in."));

    // --- The localhost API (G3xx) ----------------------------------------------------------------

    // --- This PC's disk and files (G26x) -----------------------------------------------------------

    public static readonly CatalogError G260e = new(
        "G260e", ErrorKind.Unavailable,
        new("パソコンのディスクの空き容量が不足しているため、処理できませんでした。",
            "The operation could not be completed because this PC's disk is full."),
        new("不要なファイルを削除するなどしてディスクの空き容量を確保してから、再度操作してください。",
            "Free some disk space (delete files you no longer need), then try again."));

    public static readonly CatalogError G261e = new(
        "G261e", ErrorKind.Unavailable,
        new("アプリケーションのデータフォルダに書き込めません。", "The application cannot write to its data folder."),
        new("電子証明書を発行したユーザーでPCにログインしているか、データフォルダ(ログファイルに記載)が読み取り専用になっていないかご確認ください。解決しない場合は操作日時とログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Check that you are logged in to the PC as the user who issued the certificate and that the data folder (named in the log) is not read-only. If that does not help, contact the support desk with the date and time and the log file (ApplicationLog.log)."));

    public static readonly CatalogError G262e = new(
        "G262e", ErrorKind.Failed,
        new("アプリケーションのデータファイルを読み取れません。", "A data file of the application cannot be read."),
        new("操作日時とログファイル(ApplicationLog.log、読み取れないファイルが記載されています)を添えて、サポートデスクへご連絡ください。",
            "Contact the support desk with the date and time and the log file (ApplicationLog.log, which names the file that cannot be read)."));

    public static readonly CatalogError G301e = new(
        "G301e", ErrorKind.Forbidden,
        new("このページからは本アプリケーションを操作できません。", "This page is not allowed to use the application."),
        new("インターネットバンキングの画面、または本アプリケーションの画面から操作してください。",
            "Use the application from the internet banking pages or from the application's own page."));

    public static readonly CatalogError G302e = new(
        "G302e", ErrorKind.UnsupportedMediaType,
        new("要求の形式に誤りがあります。", "The request is not in the expected format."),
        new("本アプリケーションの画面から操作してください。", "Use the application's own page."));

    public static readonly CatalogError G303e = new(
        "G303e", ErrorKind.TooManyRequests,
        new("短時間に操作が集中したため、受け付けできませんでした。", "Too many attempts in a short time."),
        new("しばらく時間をおいてから再度操作してください。", "Wait a while and try again."));

    public static readonly CatalogError G304e = new(
        "G304e", ErrorKind.PayloadTooLarge,
        new("要求が大きすぎます。", "The request is too large."),
        new("本アプリケーションの画面から操作してください。", "Use the application's own page."));

    public static readonly CatalogError G305e = new(
        "G305e", ErrorKind.MisdirectedRequest,
        new("要求の宛先に誤りがあります。", "The request was sent to the wrong address."),
        new("ブラウザのアドレス欄に http://127.0.0.1 または http://localhost で始まる本アプリケーションのURLを入力してください。",
            "Open the application at its http://127.0.0.1 or http://localhost address."));

    public static readonly CatalogError G306e = new(
        "G306e", ErrorKind.Conflict,
        new("同じ操作を処理中です。", "The same request is already being processed."),
        new("処理の完了をお待ちください。ボタンを続けて押さないでください。", "Wait for it to finish; do not press the button twice."));

    public static readonly CatalogError G307e = new(
        "G307e", ErrorKind.Unauthenticated,
        new("アクセス用トークンに誤りがあります。", "The API token is not correct."),
        new("サポートツールやスクリプトから操作する場合は、データフォルダの api-token ファイルの内容を Authorization: Bearer で送ってください。ブラウザからは本アプリケーションの画面を使用してください。",
            "Tools and scripts send the content of the api-token file in the data folder as Authorization: Bearer. From a browser, use the application's own page."));

    public static readonly CatalogError G308e = new(
        "G308e", ErrorKind.RequestTimeout,
        new("要求の受信が時間内に完了しませんでした。", "The request did not arrive in time."),
        new("再度操作してください。解決しない場合はPCの負荷が高くないかご確認ください。", "Try again. If that does not help, check that the PC is not overloaded."));

    // --- Application updates (G4xx) -------------------------------------------------------------

    private const string UpdateSupportJa = "時間をおいて再度操作してください。解決しない場合は操作日時とログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。";
    private const string UpdateSupportEn = "Try again later. If that does not help, contact the support desk with the date and time and the log file (ApplicationLog.log).";

    public static readonly CatalogError G401e = new(
        "G401e", ErrorKind.Failed,
        new("バージョン情報に署名がないため、新しいアプリケーションを確認できませんでした。",
            "The version information is not signed, so the new version could not be verified."),
        new("社内ネットワークの設定(プロキシ・フィルタリング等)で通信内容が書き換えられていないかご確認ください。" + UpdateSupportJa,
            "Check that your company network (proxy, filtering) does not alter the connection. " + UpdateSupportEn));

    public static readonly CatalogError G402e = new(
        "G402e", ErrorKind.Failed,
        new("バージョン情報の署名を確認できませんでした。改ざんされたおそれがあるため、新しいアプリケーションは取得しません。",
            "The signature of the version information is not valid. It may have been tampered with, so the new version will not be downloaded."),
        new("社内ネットワークの設定(プロキシ・フィルタリング等)で通信内容が書き換えられていないかご確認ください。" + UpdateSupportJa,
            "Check that your company network (proxy, filtering) does not alter the connection. " + UpdateSupportEn));

    public static readonly CatalogError G403e = new(
        "G403e", ErrorKind.Failed,
        new("バージョン情報の形式に誤りがあります。", "The version information is not in the expected format."),
        new(UpdateSupportJa, UpdateSupportEn));

    public static readonly CatalogError G404e = new(
        "G404e", ErrorKind.Failed,
        new("バージョン情報の有効期限が切れています。", "The version information has expired."),
        new("PCの日付と時刻が正しいかご確認ください。" + UpdateSupportJa,
            "Check that the PC's date and time are right. " + UpdateSupportEn));

    public static readonly CatalogError G405e = new(
        "G405e", ErrorKind.Failed,
        new("ご利用中より古いバージョンのアプリケーションへは更新できません。",
            "An update to an older version than the one installed is refused."),
        new("ご利用中のアプリケーションをそのままお使いください。" + UpdateSupportJa,
            "Keep using the installed version. " + UpdateSupportEn));

    public static readonly CatalogError G406e = new(
        "G406e", ErrorKind.NotFound,
        new("ご利用のPCの環境に対応した新しいアプリケーションが提供されていません。",
            "The new version is not available for this PC's platform."),
        new("ご利用中のアプリケーションをそのままお使いください。解決しない場合はサポートデスクへご連絡ください。",
            "Keep using the installed version. If you need help, contact the support desk."));

    public static readonly CatalogError G407e = new(
        "G407e", ErrorKind.Failed,
        new("ダウンロードしたアプリケーションが配布元のものと一致しません(サイズまたはハッシュ値の不一致)。",
            "The downloaded application does not match the published one (size or hash mismatch)."),
        new("ネットワーク接続を確認し、再度ダウンロードを行ってください。解決しない場合は操作日時とログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "Check the network connection and download again. If that does not help, contact the support desk with the date and time and the log file (ApplicationLog.log)."));

    public static readonly CatalogError G408e = new(
        "G408e", ErrorKind.Forbidden,
        new("ご利用中のバージョンのアプリケーションはサポートが終了しました。新しいバージョンをインストールするまで、証明書の発行・更新はできません。",
            "This version of the application is no longer supported. Certificates cannot be issued or renewed until the new version is installed."),
        new("新しいバージョンのアプリケーションをダウンロードしてインストールし、アプリケーションを再起動してください。",
            "Download and install the new version, then restart the application."));

    public static readonly CatalogError G409e = new(
        "G409e", ErrorKind.Conflict,
        new("インストールできる新しいアプリケーションがありません。", "There is no downloaded update to install."),
        new("新しいアプリケーションのダウンロードが完了してから、インストールを行ってください。",
            "Wait until the new version has been downloaded, then install it."));

    public static readonly CatalogError G410e = new(
        "G410e", ErrorKind.Conflict,
        new("ご利用中のアプリケーションは最新のバージョンです。", "The application is already the latest version."),
        new("操作は不要です。そのままご利用ください。", "Nothing needs to be done; keep using the application."));

    public static readonly CatalogError G411e = new(
        "G411e", ErrorKind.Failed,
        new("新しいバージョンのアプリケーションを起動できなかったため、以前のバージョンで起動しました。",
            "The new version of the application could not be started, so the previous version was started instead."),
        new("そのままご利用いただけます。新しいバージョンは再度案内されません。解決しない場合は操作日時とログファイル(ApplicationLog.log)を添えて、サポートデスクへご連絡ください。",
            "You can keep using the application; the new version will not be offered again. If you need help, contact the support desk with the date and time and the log file (ApplicationLog.log)."));

    public static readonly CatalogError G412e = new(
        "G412e", ErrorKind.Failed,
        new("ダウンロードしたインストーラーのデジタル署名が、銀行の発行元のものではありません。インストールは行いません。",
            "The downloaded installer is not signed by the bank's publisher. It was not installed."),
        new("インストーラーを実行せず、ネットワーク接続を確認してから再度ダウンロードしてください。" + UpdateSupportJa,
            "Do not run the installer; check the network connection and download again. " + UpdateSupportEn));

    /// <summary>Every entry, for the catalog page, the docs and the tests.</summary>
    public static IReadOnlyList<CatalogError> All { get; } =
    [
        G001e, G002e, G003e, G004e, G005e, G006e, G007i, G008e, G009e, G010e, G014e, G021e, BZBE001011, BZBE011008,
        G101e, G102e, G103e, G104e, G105e, G106e, G107e, G108e, G109e,
        G201e, G202e, G203e, G204e, G205e, G206e, G207e, G208e, G209e, G210e, G211e,
        G230e, G231e, G232e, G233e, G234e, G240e,
        G250e, G251e, G252e, G253e, G254i,
        G260e, G261e, G262e,
        G301e, G302e, G303e, G304e, G305e, G306e, G307e, G308e,
        G401e, G402e, G403e, G404e, G405e, G406e, G407e, G408e, G409e, G410e, G411e, G412e,
    ];

    public static CatalogError? Find(string code) =>
        All.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.Ordinal));
}
