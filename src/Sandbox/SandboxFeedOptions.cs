namespace CertPlatform.Sandbox;

/// <summary>Configuration section <c>Sandbox:Updates</c>: what the sandbox update feed offers.</summary>
public sealed class SandboxFeedOptions
{
    public const string Section = "Sandbox:Updates";

    /// <summary>The version the feed announces; by default the running one, so no update is offered.</summary>
    public string? LatestVersion { get; set; }

    /// <summary>Below this version the update is mandatory; none by default.</summary>
    public string? MinimumSupportedVersion { get; set; }

    /// <summary>
    /// A real update package to offer (<c>scripts/package.sh --update-only</c> builds one:
    /// <c>certplatform-&lt;version&gt;-&lt;rid&gt;.update.zip</c>), for the platform its name says; by default a small
    /// demo package for every platform that shows the flow but changes nothing.
    /// </summary>
    public string? PackagePath { get; set; }

    public string NotesJa { get; set; } = "サンドボックスのデモ用バージョンです。画面の文言を改善しました。";

    public string NotesEn { get; set; } = "A demo version from the sandbox. Screen texts have been improved.";

    /// <summary>How long the manifest signed at start stays valid.</summary>
    public int ExpiresDays { get; set; } = 30;
}
