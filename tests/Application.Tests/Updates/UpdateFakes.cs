using System.Security.Cryptography;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Application.Tests.Updates;

/// <summary>The feed port, answering with manifests signed by its own key, or with a failure.</summary>
internal sealed class FakeUpdateFeed : IUpdateFeed, IDisposable
{
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public Func<CancellationToken, Task<SignedManifest>>? Answer { get; set; }

    public Func<SemanticVersion, UpdatePackage, IProgress<long>, CancellationToken, Task<StagedPackage>>? Download { get; set; }

    public int Fetches { get; private set; }

    public int Downloads { get; private set; }

    public void Publish(UpdateManifest manifest)
    {
        var bytes = UpdateManifestJson.Write(manifest);
        var signed = new SignedManifest(bytes, ManifestSignature.Sign(bytes, Key));
        Answer = _ => Task.FromResult(signed);
    }

    public void GoDown() => Answer = _ => Task.FromException<SignedManifest>(new CertPlatformException(ErrorCatalog.G003e));

    public Task<SignedManifest> FetchManifestAsync(CancellationToken cancellationToken)
    {
        Fetches++;
        return Answer!(cancellationToken);
    }

    public Task<StagedPackage> DownloadAsync(SemanticVersion version, UpdatePackage package, IProgress<long> bytesReceived, CancellationToken cancellationToken)
    {
        Downloads++;
        return Download!(version, package, bytesReceived, cancellationToken);
    }

    public void Dispose() => Key.Dispose();
}

/// <summary>The installer port: remembers what it installed, or fails as told.</summary>
internal sealed class FakeUpdateInstaller : IUpdateInstaller
{
    public SemanticVersion? InstalledVersion { get; set; }

    public CatalogError? Failure { get; set; }

    public Task<SemanticVersion> InstallAsync(StagedPackage package, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            return Task.FromException<SemanticVersion>(new CertPlatformException(Failure));
        }

        InstalledVersion = package.Version;
        return Task.FromResult(package.Version);
    }
}

/// <summary>The data folder's version history, in memory.</summary>
internal sealed class FakeVersionHistory : IVersionHistory
{
    public SemanticVersion? HighestSeen { get; set; }

    public List<FailedStart> Failures { get; } = [];

    public IReadOnlyList<FailedStart> FailedStarts => Failures;

    public void RecordSeen(SemanticVersion version)
    {
        if (HighestSeen is null || version > HighestSeen)
        {
            HighestSeen = version;
        }
    }
}

/// <summary>A checker wired to the fakes, running version 1.0.0 on linux-x64 unless told otherwise.</summary>
internal sealed class UpdateWorld : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);

    public FakeUpdateFeed Feed { get; } = new();

    public FakeUpdateInstaller Installer { get; } = new();

    public FakeVersionHistory History { get; } = new();

    public FakeTimeProvider Time { get; } = new(Now);

    public UpdateOptions Options { get; } = new() { FeedUrl = "https://updates.bank.example/feed/manifest.json", Rid = "linux-x64" };

    public RunningVersion Running { get; set; } = new(SemanticVersion.Parse("1.0.0"));

    public UpdateChecker Checker()
    {
        Options.PublicKeyPem = Feed.Key.ExportSubjectPublicKeyInfoPem();
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        return new UpdateChecker(
            Feed,
            Installer,
            History,
            new UpdateManifestVerifier(options, Time, NullLogger<UpdateManifestVerifier>.Instance),
            Running,
            options,
            Time,
            NullLogger<UpdateChecker>.Instance);
    }

    public static UpdateManifest Manifest(string version, string? minimum = null, string rid = "linux-x64") =>
        new(
            SemanticVersion.Parse(version),
            Now.AddDays(-1),
            Now.AddDays(30),
            minimum is null ? null : SemanticVersion.Parse(minimum),
            new Dictionary<string, UpdatePackage>(StringComparer.Ordinal)
            {
                [rid] = new(new Uri($"certplatform-{version}.zip", UriKind.Relative), 1000, new string('c', 64)),
            },
            new LocalizedText("修正", "Fixes"));

    public static StagedPackage Staged(UpdatePackage package, SemanticVersion version) => new(version, package, "/staging/package.zip");

    public void Dispose() => Feed.Dispose();
}
