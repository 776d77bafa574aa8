using System.Text;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Domain.Tests;

/// <summary>
/// docs/error-catalog.md is generated from <see cref="ErrorCatalog"/>, so the document support staff read is
/// the catalog the code uses. Run the tests with UPDATE_DOCS=1 to rewrite it after changing the catalog.
/// </summary>
public class ErrorCatalogDocumentTests
{
    [Fact]
    public void The_error_catalog_document_matches_the_code()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "error-catalog.md");
        var expected = Render();

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), "docs/error-catalog.md is missing: run the tests with UPDATE_DOCS=1.");
        Assert.True(expected == File.ReadAllText(path), "docs/error-catalog.md is out of date: run the tests with UPDATE_DOCS=1.");
    }

    private static string Render()
    {
        var builder = new StringBuilder();
        builder.Append("# Error catalog\n\n");
        builder.Append("Generated from `src/Domain/Errors/ErrorCatalog.cs` by `ErrorCatalogDocumentTests` (run the tests with `UPDATE_DOCS=1` to refresh).\n");
        builder.Append("G0xx codes and their Japanese texts come from the manual (3.2 エラーメッセージ一覧); G1xx authentication and renewal, ");
        builder.Append("G2xx certificates and the CA, G3xx the localhost API, G4xx updates are CertPlatform's own.\n\n");
        builder.Append("| code | HTTP kind | message (ja) | message (en) | remedy (ja) | remedy (en) |\n");
        builder.Append("| --- | --- | --- | --- | --- | --- |\n");
        foreach (var error in ErrorCatalog.All)
        {
            builder.Append("| ").Append(error.Code)
                .Append(" | ").Append(error.Kind)
                .Append(" | ").Append(Cell(error.Message.Ja))
                .Append(" | ").Append(Cell(error.Message.En))
                .Append(" | ").Append(Cell(error.Remedy.Ja))
                .Append(" | ").Append(Cell(error.Remedy.En))
                .Append(" |\n");
        }

        return builder.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CertPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CertPlatform.sln not found above the test binaries.");
    }
}
