namespace CertPlatform.Infrastructure.Stores;

/// <summary>Configuration section <c>Store</c>.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>The CurrentUser store name. <c>My</c> is the one browsers read; tests use a private name.</summary>
    public string Name { get; set; } = "My";
}
