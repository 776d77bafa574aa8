namespace CertPlatform.TestSupport;

/// <summary>The repository the tests run from: the folder above the test output that holds CertPlatform.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CertPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"CertPlatform.sln not found above {AppContext.BaseDirectory}.");
    }
}
