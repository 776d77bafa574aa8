using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace CertPlatform.Sandbox.Bank;

/// <summary>
/// The bank's pages with their shared markup written once: a line <c>&lt;!-- include NAME --&gt;</c> in a page is
/// replaced by <c>partials/NAME.html</c> when the page is served (the head's meta, icon and style sheet, the bank's
/// header). Build-free: the pages stay plain HTML files; the partials themselves are not served.
/// </summary>
public sealed partial class BankPages(IFileProvider pages) : IFileProvider
{
    private const string PartialsFolder = "partials";

    private readonly ConcurrentDictionary<string, IFileInfo> _composed = new(StringComparer.Ordinal);

    public IFileInfo GetFileInfo(string subpath)
    {
        var path = subpath.TrimStart('/');
        if (path.StartsWith(PartialsFolder + "/", StringComparison.Ordinal))
        {
            return new NotFoundFileInfo(subpath);
        }

        var file = pages.GetFileInfo(subpath);
        return file.Exists && path.EndsWith(".html", StringComparison.Ordinal) ? _composed.GetOrAdd(path, _ => Compose(file)) : file;
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => pages.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    /// <summary>The page's text with each include line replaced by its partial.</summary>
    /// <exception cref="InvalidOperationException">A page names a partial that does not exist.</exception>
    public static string Expand(string page, Func<string, string?> partial) =>
        Include().Replace(page, m => partial(m.Groups["name"].Value) ?? throw new InvalidOperationException($"No partial '{m.Groups["name"].Value}'."));

    private IFileInfo Compose(IFileInfo page)
    {
        var text = Expand(Read(page), name => pages.GetFileInfo($"{PartialsFolder}/{name}.html") is { Exists: true } p ? Read(p) : null);
        return new ComposedPage(page.Name, Encoding.UTF8.GetBytes(text), page.LastModified);
    }

    private static string Read(IFileInfo file)
    {
        using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^[ \t]*<!-- include (?<name>[a-z-]+) -->\r?\n", RegexOptions.Multiline)]
    private static partial Regex Include();

    private sealed class ComposedPage(string name, byte[] content, DateTimeOffset lastModified) : IFileInfo
    {
        public bool Exists => true;

        public long Length => content.Length;

        public string? PhysicalPath => null;

        public string Name => name;

        public DateTimeOffset LastModified => lastModified;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => new MemoryStream(content, writable: false);
    }
}
