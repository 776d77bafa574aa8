using System.Collections;
using System.Reflection;
using CertPlatform.Domain.Credentials;

namespace CertPlatform.LocalHost.Support;

/// <summary>
/// The settings a support bundle shows, derived from the options types themselves: every class of the helper's loaded
/// assemblies that names its configuration section in a <c>public const string Section</c>, each public settable
/// property a key (a nested options object a sub-section), less those marked <see cref="SecretSettingAttribute"/>.
/// A renamed or added setting is in the bundle without a second list to keep; a sandbox setting only where the
/// sandbox is loaded (Embedded mode).
/// </summary>
public static class SupportSettings
{
    private const string SectionField = "Section";

    /// <summary>The keys of the options types in the helper's own assemblies that are loaded now, sorted.</summary>
    public static IReadOnlyList<string> Keys()
    {
        var helper = HelperAssemblyNames();
        return KeysOf(AppDomain.CurrentDomain.GetAssemblies().Where(a => helper.Contains(a.GetName().Name ?? string.Empty)));
    }

    /// <summary>This assembly and the CertPlatform assemblies it references, directly or not.</summary>
    private static HashSet<string> HelperAssemblyNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([typeof(SupportSettings).Assembly.GetName()]);
        while (pending.TryPop(out var name))
        {
            if (name.Name is { } simple && simple.StartsWith("CertPlatform.", StringComparison.Ordinal) && names.Add(simple))
            {
                var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == simple);
                foreach (var reference in loaded?.GetReferencedAssemblies() ?? [])
                {
                    pending.Push(reference);
                }
            }
        }

        return names;
    }

    public static IReadOnlyList<string> KeysOf(IEnumerable<Assembly> assemblies) =>
    [
        .. OptionsTypes(assemblies)
            .SelectMany(t => KeysOf(t.Type, t.Section))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The options classes: those with a constant naming their configuration section.</summary>
    public static IEnumerable<(Type Type, string Section)> OptionsTypes(IEnumerable<Assembly> assemblies) =>
        from assembly in assemblies
        from type in assembly.GetTypes()
        where type.IsClass && !type.IsAbstract
        let field = type.GetField(SectionField, BindingFlags.Public | BindingFlags.Static)
        where field is { IsLiteral: true } && field.FieldType == typeof(string)
        select (type, (string)field.GetRawConstantValue()!);

    /// <summary>The settable properties of <paramref name="type"/> under <paramref name="section"/>, nested objects as sub-sections.</summary>
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

    private static bool IsNestedOptions(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null;
}
