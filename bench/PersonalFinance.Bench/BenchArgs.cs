using System.Globalization;

namespace PersonalFinance.Bench;

/// `--name value` pairs after the mode; unknown names are kept for the bench host's configuration.
internal sealed class BenchArgs(IReadOnlyDictionary<string, string> values)
{
    public static BenchArgs Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    values[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                values[name] = arg;
                name = null;
            }
        }

        if (name is not null)
        {
            values[name] = "true";
        }

        return new BenchArgs(values);
    }

    public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) => Get(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Get(name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
