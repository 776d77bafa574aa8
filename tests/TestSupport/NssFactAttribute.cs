namespace CertPlatform.TestSupport;

/// <summary>A fact about the NSS database: it needs Linux and certutil/pk12util (libnss3-tools), and says so when skipped.</summary>
public sealed class NssFactAttribute : FactAttribute
{
    public NssFactAttribute()
    {
        Skip = NssTestDatabase.Unavailable;
    }
}

/// <summary>The same for a table of cases.</summary>
public sealed class NssTheoryAttribute : TheoryAttribute
{
    public NssTheoryAttribute()
    {
        Skip = NssTestDatabase.Unavailable;
    }
}
