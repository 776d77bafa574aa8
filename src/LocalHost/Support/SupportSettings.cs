using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using CertPlatform.Domain.Credentials;

namespace CertPlatform.LocalHost.Support;

/// <summary>
/// The settings a support bundle shows, derived from the options types themselves: every class of the helper's loaded
/// assemblies that names its configuration section in a <c>public const string Section</c>, each public settable
/// property a key (a nested options object a sub-section), less those marked <see cref="SecretSettingAttribute"/>.
/// A renamed or added setting is in the bundle without a second list to keep; a sandbox setting only in Embedded mode.
/// </summary>
public static class SupportSettings
{
    private const string SectionField = "Section";

    private const string RootedAssemblies =
        "The ahead-of-time build roots the CertPlatform assemblies (TrimmerRootAssembly in the LocalHost project): every type and property of theirs stays, with its metadata.";

    /// <summary>The keys of the options types in the helper's own assemblies (the sandbox's in Embedded mode), sorted.</summary>
    public static IReadOnlyList<string> Keys(bool embedded) => KeysOf(HelperAssemblies(embedded));

    /// <summary>
    /// The helper's assemblies, named by a type of each: the ahead-of-time compiled helper has no references to
    /// walk, and every assembly in it counts as loaded.
    /// </summary>
    public static IReadOnlyList<Assembly> HelperAssemblies(bool embedded) =>
    [
        typeof(SecretSettingAttribute).Assembly,
        typeof(Application.Updates.UpdateOptions).Assembly,
        typeof(Infrastructure.CenterOptions).Assembly,
        typeof(SupportSettings).Assembly,
        .. embedded ? [typeof(Sandbox.SandboxOptions).Assembly] : Array.Empty<Assembly>(),
    ];

    public static IReadOnlyList<string> KeysOf(IEnumerable<Assembly> assemblies) =>
    [
        .. OptionsTypes(assemblies)
            .SelectMany(t => KeysOf(t.Type, t.Section))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The options classes: those with a constant naming their configuration section.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = RootedAssemblies)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = RootedAssemblies)]
    public static IEnumerable<(Type Type, string Section)> OptionsTypes(IEnumerable<Assembly> assemblies) =>
        from assembly in assemblies
        from type in assembly.GetTypes()
        where type.IsClass && !type.IsAbstract
        let field = type.GetField(SectionField, BindingFlags.Public | BindingFlags.Static)
        where field is { IsLiteral: true } && field.FieldType == typeof(string)
        select (type, (string)field.GetRawConstantValue()!);

    /// <summary>The settable properties of <paramref name="type"/> under <paramref name="section"/>, nested objects as sub-sections.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = RootedAssemblies)]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = RootedAssemblies)]
    public static IEnumerable<string> KeysOf(Type type, string section)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0 || property.IsDefined(typeof(SecretSettingAttribute)))
            {
                continue;
            }

            var key = $"{section}:{property.Name}";
            if (IsNestedOptions(property.PropertyType))
            {
                foreach (var nested in KeysOf(property.PropertyType, key))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = RootedAssemblies)]
    private static bool IsNestedOptions(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null;
}
