using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Stores;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Tests.Stores;

/// <summary>The NSS store on a private database in the test's own folder, looked at from outside with certutil.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NssCertificateStoreTests : IDisposable
{
    private readonly NssTestDatabase _database = new();

    [NssFact]
    public void Creates_a_missing_database_with_an_empty_password_in_a_folder_only_the_user_can_open()
    {
        var store = Store();

        var listed = store.List();

        Assert.Empty(listed);
        Assert.True(File.Exists(Path.Combine(_database.DatabasePath, "cert9.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_database.DatabasePath));
        Assert.Equal($"NSS sql:{_database.DatabasePath}", store.Description);
    }

    [NssTheory]
    [InlineData("RSA", true)]
    [InlineData("ECDSA", true)]
    [InlineData("RSA", false)]
    [InlineData("ECDSA", false)]
    public async Task Installs_the_certificate_with_its_key_under_its_common_name(string algorithm, bool library)
    {
        using var certificate = Certificate("demo01 A001 20261126093000123456", algorithm);
        var store = Store(library: library);
        Assert.Equal(library, store.InstallsThroughLibrary);

        store.Add(certificate);

        var certificates = await _database.ListCertificatesAsync();
        var keys = await _database.ListKeysAsync();
        Assert.Matches(@"(?m)^demo01 A001 20261126093000123456\s+u,u,u\s*$", certificates);
        Assert.Contains(NssCertificateStore.KeyId(certificate)!, keys, StringComparison.Ordinal);
        Assert.Contains("demo01 A001 20261126093000123456", keys, StringComparison.Ordinal);
    }

    [NssFact]
    public void Finds_the_certificate_with_a_private_key_that_matches_it()
    {
        using var certificate = Certificate("demo01 A001 1", "ECDSA");
        var store = Store();
        store.Add(certificate);

        using var found = store.Find(certificate.Thumbprint.ToLowerInvariant());

        Assert.NotNull(found);
        Assert.True(found.HasPrivateKey);
        using var key = found.GetECDsaPrivateKey()!;
        using var publicKey = certificate.GetECDsaPublicKey()!;
        var data = "proof of possession"u8.ToArray();
        Assert.True(publicKey.VerifyData(data, key.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }

    [NssFact]
    public async Task Lists_every_certificate_and_knows_which_keys_it_holds()
    {
        using var mine = Certificate("demo01 A001 1", "RSA");
        using var ca = Certificate("Some CA", "ECDSA");
        var caFile = Path.Combine(_database.Home, "ca.pem");
        await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem());
        var store = Store();
        store.Add(mine);
        await _database.TrustServerCaAsync("Some CA", caFile);

        var listed = store.List();

        Assert.Equal(new[] { ca.Thumbprint, mine.Thumbprint }.Order(), listed.Select(c => c.Thumbprint).Order());
        Assert.True(store.HoldsPrivateKeyOf(listed.Single(c => c.Thumbprint == mine.Thumbprint)));
        Assert.False(store.HoldsPrivateKeyOf(listed.Single(c => c.Thumbprint == ca.Thumbprint)));
        using var foundCa = store.Find(ca.Thumbprint);
        Assert.False(foundCa!.HasPrivateKey);
        foreach (var certificate in listed)
        {
            certificate.Dispose();
        }
    }

    [NssFact]
    public void The_kept_list_sees_what_another_program_adds_and_removes_and_what_it_adds_itself()
    {
        var store = Store();
        var other = Store();
        using var first = Certificate("demo01 A001 1", "ECDSA");
        using var second = Certificate("demo02 A002 2", "RSA");
        store.Add(first);
        Assert.Single(Listed(store));

        other.Add(second);
        var both = Listed(store);
        other.Remove(first.Thumbprint);
        var afterRemove = Listed(store);

        Assert.Equal(new[] { first.Thumbprint, second.Thumbprint }.Order(), both.Order());
        Assert.Equal([second.Thumbprint], afterRemove);
        using var listed = store.List().Single();
        Assert.True(store.HoldsPrivateKeyOf(listed));
    }

    [NssFact]
    public async Task Removes_the_certificate_and_its_key()
    {
        using var certificate = Certificate("demo01 A001 1", "RSA");
        using var other = Certificate("demo02 A002 1", "RSA");
        var store = Store();
        store.Add(certificate);
        store.Add(other);

        store.Remove(certificate.Thumbprint);

        Assert.Null(store.Find(certificate.Thumbprint));
        Assert.DoesNotContain("demo01", await _database.ListCertificatesAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(NssCertificateStore.KeyId(certificate)!, await _database.ListKeysAsync(), StringComparison.Ordinal);
        Assert.Contains(NssCertificateStore.KeyId(other)!, await _database.ListKeysAsync(), StringComparison.Ordinal);
    }

    [NssFact]
    public void A_certificate_without_its_key_is_never_installed()
    {
        using var certificate = Certificate("demo01 A001 1", "ECDSA");
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var store = Store();

        Assert.Throws<ArgumentException>(() => store.Add(publicOnly));
        Assert.Empty(store.List());
    }

    [NssTheory]
    [InlineData("RSA")]
    [InlineData("ECDSA")]
    public void Through_the_library_the_key_is_usable_from_the_database_and_no_tool_or_file_takes_part(string algorithm)
    {
        var tools = Directory.CreateDirectory(Path.Combine(_database.Home, "certutil-only")).FullName;
        File.CreateSymbolicLink(Path.Combine(tools, "certutil"), Which("certutil"));
        File.WriteAllText(Path.Combine(tools, "pk12util"), "#!/bin/sh\necho pk12util ran >&2\nexit 1\n");
        File.SetUnixFileMode(Path.Combine(tools, "pk12util"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var certificate = Certificate("demo01 A001 1", algorithm);
        var store = Store(tools);

        store.Add(certificate); // a pk12util that fails: the install never called it

        // Read back through pk12util's export (the real one): the key in the database signs for the certificate.
        using var found = Store().Find(certificate.Thumbprint);
        Assert.NotNull(found);
        Assert.True(found.HasPrivateKey);
        var data = "proof of possession"u8.ToArray();
        if (algorithm == "RSA")
        {
            using var key = found.GetRSAPrivateKey()!;
            using var publicKey = certificate.GetRSAPublicKey()!;
            Assert.True(publicKey.VerifyData(data, key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
        else
        {
            using var key = found.GetECDsaPrivateKey()!;
            using var publicKey = certificate.GetECDsaPublicKey()!;
            Assert.True(publicKey.VerifyData(data, key.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        }
    }

    [NssFact]
    public async Task Through_the_library_neither_the_warm_up_nor_the_install_starts_a_tool()
    {
        using (var earlier = Certificate("demo01 A001 0", "ECDSA"))
        {
            Store(library: false).Add(earlier); // a database with a certificate in it, as a used one is
        }

        var tools = Directory.CreateDirectory(Path.Combine(_database.Home, "counted-tools")).FullName;
        var runs = Path.Combine(tools, "runs.log");
        foreach (var tool in new[] { "certutil", "pk12util" })
        {
            var wrapper = Path.Combine(tools, tool);
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\necho {tool} \"$@\" >> '{runs}'\nexec '{Which(tool)}' \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var store = Store(tools);
        store.WarmUp();
        Assert.Single(Listed(store)); // the certificate already there, read in the process
        using var certificate = Certificate("demo01 A001 1", "ECDSA");
        store.Add(certificate);

        Assert.False(File.Exists(runs), File.Exists(runs) ? await File.ReadAllTextAsync(runs) : string.Empty);
        Assert.Contains(NssCertificateStore.KeyId(certificate)!, await _database.ListKeysAsync(), StringComparison.Ordinal);
        Assert.Equal(2, Listed(store).Count);

        // Without the library the same store reads through certutil.
        Assert.Equal(2, Listed(Store(tools, library: false)).Count);
        Assert.Contains(await File.ReadAllLinesAsync(runs), line => line.StartsWith("certutil -L", StringComparison.Ordinal));
    }

    [NssFact]
    public async Task Through_the_library_a_certificate_that_does_not_go_in_leaves_no_key_behind()
    {
        using var certificate = Certificate("demo01 A001 1", "ECDSA");
        var store = Store();
        store.BeforeCertificateImport = () => throw new IOException("the database went away between the key and the certificate");

        Assert.Throws<IOException>(() => store.Add(certificate));

        Assert.DoesNotContain(NssCertificateStore.KeyId(certificate)!, await _database.ListKeysAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("demo01 A001 1", await _database.ListCertificatesAsync(), StringComparison.Ordinal);
        store.BeforeCertificateImport = null;
        store.Add(certificate); // and the next attempt installs it
        Assert.Contains(NssCertificateStore.KeyId(certificate)!, await _database.ListKeysAsync(), StringComparison.Ordinal);
    }

    [NssFact]
    public async Task The_one_time_password_travels_through_standard_input_never_a_file_and_the_PKCS12_is_gone_after_the_import()
    {
        var tools = await RecordingTools();
        using var certificate = Certificate("demo01 A001 1", "RSA");

        Store(tools, library: false).Add(certificate);

        var record = await File.ReadAllLinesAsync(Path.Combine(tools, "pk12util.log"));
        var password = Assert.Single(record, l => l.StartsWith("PASSWORD ", StringComparison.Ordinal))["PASSWORD ".Length..];
        var files = record.Where(l => l.StartsWith("FILE ", StringComparison.Ordinal)).Select(l => l.Split(' ', 3)).ToList();
        Assert.True(password.Length >= 24);
        Assert.DoesNotContain(record, l => l.StartsWith("ARG ", StringComparison.Ordinal) && l.Contains(password, StringComparison.Ordinal));
        Assert.Contains("ARG /dev/stdin", record); // -w: the password comes through a pipe
        Assert.Contains("ARG /dev/null", record); // -k: the database has no password
        var file = Assert.Single(files); // only the PKCS#12, encrypted with the password that never touched the disk
        Assert.Equal("600", file[1]);
        Assert.All(record.Where(l => l.StartsWith("DIR ", StringComparison.Ordinal)), l => Assert.Equal("DIR 700", l));
        Assert.All(files, f => Assert.False(File.Exists(f[2]), $"{f[2]} was left behind"));
    }

    [UnixFact]
    public void The_start_sweep_removes_the_one_time_folders_a_crash_left_and_keeps_one_in_use()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // UnixFact skips it there; this tells the analyzer.
        }

        var temporary = Directory.CreateDirectory(Path.Combine(_database.Home, "tmp")).FullName;
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var left = Directory.CreateDirectory(Path.Combine(temporary, "certplatform-nss-left1"), Private);
        File.WriteAllText(Path.Combine(left.FullName, "certificate.p12"), "encrypted");
        left.LastWriteTimeUtc = DateTime.UtcNow.AddHours(-1);
        var inUse = Directory.CreateDirectory(Path.Combine(temporary, "certplatform-nss-inuse"), Private);
        var someoneElses = Directory.CreateDirectory(Path.Combine(temporary, "other-program"), Private);
        someoneElses.LastWriteTimeUtc = DateTime.UtcNow.AddHours(-1);

        var removed = NssCertificateStore.SweepLeftovers(TimeSpan.FromMinutes(10), NullLogger.Instance, temporary);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(left.FullName));
        Assert.True(Directory.Exists(inUse.FullName), "a folder younger than the cut-off may be a running helper's");
        Assert.True(Directory.Exists(someoneElses.FullName));
    }

    [NssFact]
    public void Without_the_NSS_tools_nothing_is_installed_and_the_user_is_told_G230e()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_database.Home, "no-tools")).FullName;
        using var certificate = Certificate("demo01 A001 1", "RSA");

        var ex = Assert.Throws<CertPlatformException>(() => Store(empty).Add(certificate));

        Assert.Same(ErrorCatalog.G230e, ex.Error);
    }

    public void Dispose() => _database.Dispose();

    private static List<string> Listed(NssCertificateStore store)
    {
        var certificates = store.List();
        var thumbprints = certificates.Select(c => c.Thumbprint).ToList();
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }

        return thumbprints;
    }

    private NssCertificateStore Store(string toolsDirectory = "", bool library = true) => new(
        Options.Create(new StoreOptions { Kind = StoreKind.Nss, NssDatabase = _database.DatabasePath, NssToolsDirectory = toolsDirectory, NssLibrary = library }),
        NullLogger<NssCertificateStore>.Instance);

    private static X509Certificate2 Certificate(string commonName, string algorithm)
    {
        var now = DateTimeOffset.UtcNow;
        if (algorithm == "RSA")
        {
            using var rsa = RSA.Create(2048);
            return new CertificateRequest($"O=(2235)TEST BANK, CN={commonName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(now.AddMinutes(-1), now.AddDays(30));
        }

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest($"O=(2235)TEST BANK, CN={commonName}", ecdsa, HashAlgorithmName.SHA256)
            .CreateSelfSigned(now.AddMinutes(-1), now.AddDays(30));
    }

    /// <summary>
    /// A tools folder whose pk12util writes down its arguments, the mode of each file it was given (and of the folder),
    /// and the password it was handed, then runs the real pk12util.
    /// </summary>
    private async Task<string> RecordingTools()
    {
        var tools = Directory.CreateDirectory(Path.Combine(_database.Home, "tools")).FullName;
        var log = Path.Combine(tools, "pk12util.log");
        File.CreateSymbolicLink(Path.Combine(tools, "certutil"), Which("certutil"));
        var script = $$"""
            #!/bin/sh
            log='{{log}}'
            prev=
            for a in "$@"; do
              printf 'ARG %s\n' "$a" >> "$log"
              case "$prev" in
                -i)
                  printf 'FILE %s %s\n' "$(stat -c %a "$a")" "$a" >> "$log"
                  printf 'DIR %s\n' "$(stat -c %a "$(dirname "$a")")" >> "$log";;
              esac
              if [ "$prev" = -w ]; then
                password="$(cat "$a")"
                printf 'PASSWORD %s\n' "$password" >> "$log"
              fi
              prev="$a"
            done
            # The password was read from the pipe above: hand it on through a new one.
            printf '%s' "$password" | '{{Which("pk12util")}}' "$@"
            """;
        var path = Path.Combine(tools, "pk12util");
        await File.WriteAllTextAsync(path, script.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return tools;
    }

    private static string Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, tool)).First(File.Exists);
}
