namespace CertPlatform.ReleaseTool;

/// <summary>
/// <c>--name value</c> pairs after the command. An option may repeat (one <c>--package</c>, <c>--url</c> and
/// <c>--rid</c> per platform); anything else is a usage error, so a typo never signs a wrong manifest.
/// </summary>
internal sealed class ToolArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private ToolArguments()
    {
    }

    public static ToolArguments Parse(IEnumerable<string> args, IReadOnlySet<string> allowed)
    {
        var parsed = new ToolArguments();
        using var items = args.GetEnumerator();
        while (items.MoveNext())
        {
            var name = items.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !allowed.Contains(name[2..]))
            {
                throw new UsageException($"Unknown option '{name}'.");
            }

            if (!items.MoveNext())
            {
                throw new UsageException($"'{name}' needs a value.");
            }

            if (!parsed._values.TryGetValue(name[2..], out var list))
            {
                parsed._values[name[2..]] = list = [];
            }

            list.Add(items.Current);
        }

        return parsed;
    }

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? Optional(string name) => All(name) switch
    {
        [] => null,
        [var one] => one,
        _ => throw new UsageException($"--{name} is given more than once."),
    };

    public string Required(string name) => Optional(name) ?? throw new UsageException($"--{name} is required.");
}

/// <summary>The command line is wrong: the tool prints the message and its usage and exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
