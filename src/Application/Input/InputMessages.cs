using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Application.Input;

/// <summary>The per-field texts of G006e, in both languages, for every feature's validator.</summary>
public static class InputMessages
{
    public static readonly LocalizedText LoginId = new(
        $"ログインIDは半角英数字{Domain.Credentials.LoginId.MinLength}～{Domain.Credentials.LoginId.MaxLength}文字で入力してください。",
        $"Enter the login ID as {Domain.Credentials.LoginId.MinLength} to {Domain.Credentials.LoginId.MaxLength} letters and digits.");

    public static readonly LocalizedText Password = new(
        $"ログインパスワードは半角英数記号{LoginPassword.MinLength}～{LoginPassword.MaxLength}文字で入力してください。",
        $"Enter the login password as {LoginPassword.MinLength} to {LoginPassword.MaxLength} letters, digits and symbols.");

    public static readonly LocalizedText Otp = new(
        $"ワンタイムパスワードは半角数字{OneTimePassword.Length}桁で入力してください。",
        $"Enter the one-time password as {OneTimePassword.Length} digits.");

    public static readonly LocalizedText OtpOrTimeSyncPair = new(
        "ワンタイムパスワードか、時刻同期用の現在と1分後のワンタイムパスワードの、どちらか一方を入力してください。",
        "Enter either the one-time password, or the current and the next one-time password for time synchronisation, not both.");

    public static readonly LocalizedText Thumbprint = new(
        "更新する電子証明書を証明書一覧から選んでください(拇印は16進数40桁です)。",
        "Choose the certificate to renew from the list (its thumbprint is 40 hexadecimal digits).");

    public static readonly LocalizedText RenewalId = new(
        "更新手続きの識別子に誤りがあります。証明書一覧から操作をやり直してください。",
        "The renewal's id is not valid. Start again from the certificate list.");

    public static readonly LocalizedText ExportFormat = new("形式は pem または der を指定してください。", "The format must be pem or der.");

    public static readonly LocalizedText KeyAlgorithm = new(
        "鍵の種類は RSA-2048、RSA-3072、ECDSA-P256 のいずれかを指定してください。",
        "The key algorithm must be RSA-2048, RSA-3072 or ECDSA-P256.");

    public static readonly LocalizedText ProxyUserName = new(
        "プロキシサーバのIDを256文字以内で入力してください。",
        "Enter the proxy server's ID (at most 256 characters).");

    public static readonly LocalizedText ProxyPassword = new(
        $"プロキシサーバのパスワードを{Domain.Credentials.ProxyPassword.MaxLength}文字以内で入力してください。",
        $"Enter the proxy server's password (at most {Domain.Credentials.ProxyPassword.MaxLength} characters).");
}
