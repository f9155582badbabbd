using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonalFinance.Bench.Report;

[JsonConverter(typeof(JsonStringEnumConverter<TargetKind>))]
internal enum TargetKind
{
    /// The ratio must be at least the target (throughput, speed).
    Floor,

    /// The ratio must be at most the target (latency).
    Ceiling,

    /// Reported only: the spec sets no target.
    None,
}

/// One reported figure: ours against a baseline measured in the same run, as a ratio judged against the spec's target.
internal sealed record Figure(
    string Key,
    string Metric,
    double Ours,
    double Baseline,
    string Unit,
    double Ratio,
    TargetKind Kind,
    double? Target,
    string Medians,
    string? WhyIfMissed = null)
{
    public string TargetText => Kind switch
    {
        TargetKind.Floor => $"≥ {Format(Target)}",
        TargetKind.Ceiling => $"≤ {Format(Target)}",
        _ => "reported only",
    };

    public bool? Meets => Kind switch
    {
        TargetKind.Floor => !double.IsNaN(Ratio) && Ratio >= Target,
        TargetKind.Ceiling => !double.IsNaN(Ratio) && Ratio <= Target,
        _ => null,
    };

    public static string Format(double? value) => value switch
    {
        null => "–",
        double v when double.IsNaN(v) => "n/a",
        double v when Math.Abs(v) >= 1000 => v.ToString("N0", CultureInfo.InvariantCulture),
        double v when Math.Abs(v) >= 100 => v.ToString("0.#", CultureInfo.InvariantCulture),
        double v when Math.Abs(v) >= 1 => v.ToString("0.##", CultureInfo.InvariantCulture),
        double v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };
}

/// One P-item (or other measurement) and what was measured for it.
internal sealed record ItemResult(string Id, string Title, string Setup, List<Figure> Figures, List<string> Notes);

internal sealed class ResultFile
{
    public List<ItemResult> Items { get; set; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    public static ResultFile Load(string path) => JsonSerializer.Deserialize<ResultFile>(File.ReadAllText(path), Json) ?? new ResultFile();
}
