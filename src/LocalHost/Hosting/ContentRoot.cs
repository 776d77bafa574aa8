namespace CertPlatform.LocalHost.Hosting;

/// <summary>Where the helper finds its settings and pages when nothing on the command line says.</summary>
public static class ContentRoot
{
    /// <summary>
    /// <c>--contentRoot</c> for the folder the helper runs from when its pages are there (an installed or published
    /// helper); nothing otherwise (a build output under <c>dotnet run</c>, which starts in the project folder).
    /// </summary>
    public static string[] Arguments(string baseDirectory) =>
        Directory.Exists(Path.Combine(baseDirectory, "wwwroot")) ? [$"--contentRoot={baseDirectory}"] : [];
}
