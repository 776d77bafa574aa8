namespace CertPlatform.TestSupport;

/// <summary>A test of Unix file modes or processes; skipped on Windows, where the folder's ACL decides.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes only";
        }
    }
}

/// <summary>A theory about Unix file modes or processes; skipped on Windows.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes only";
        }
    }
}

/// <summary>A test of how .NET keeps things on Linux (its file-based certificate store); skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only: .NET keeps the user store in files there";
        }
    }
}
