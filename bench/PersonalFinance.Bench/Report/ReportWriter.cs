using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace PersonalFinance.Bench.Report;

/// Rewrites docs/benchmarks.md from the result files of one run, marking misses and drops of more than 15 % against
/// the ratios the previous report recorded.
internal static partial class ReportWriter
{
    private const double DropThreshold = 0.15;

    public static int Run(BenchArgs args)
    {
        var output = args.Require("out");
        var results = Directory.GetFiles(args.Require("results"), "*.json").Order(StringComparer.Ordinal)
            .SelectMany(path => ResultFile.Load(path).Items)
            .OrderBy(i => Order(i.Id))
            .ToList();
        var environment = args.Get("env") is { } envFile && File.Exists(envFile)
            ? File.ReadAllLines(envFile).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim())
            : [];
        var previous = File.Exists(output) ? PreviousRatios(File.ReadAllText(output)) : [];
        File.WriteAllText(output, Render(results, environment, previous));
        Console.WriteLine($"Wrote {output}: {results.Count} items, {results.Sum(i => i.Figures.Count)} figures.");
        return 0;
    }

    private static string Render(List<ItemResult> items, Dictionary<string, string> environment, Dictionary<string, double> previous)
    {
        string Env(string key) => environment.TryGetValue(key, out var value) && value.Length > 0 ? value : "unknown";
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine("Written by `bench/run.sh`; do not edit by hand. Every figure is ours against a baseline measured in the same run, as a ratio");
        md.AppendLine("(quality spec, part C). Absolute numbers are recorded but never judged. ✅ meets the target, ❌ misses it,");
        md.AppendLine($"⚠️ the ratio dropped more than {DropThreshold:P0} against the previous report.");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Date | {Env("date")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Commit | {Env("commit")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| CPU | {Env("cpu")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Cores | {Environment.ProcessorCount} logical |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Memory | {Env("memory")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Disk | {Env("disk")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| OS | {Env("os")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| .NET | {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), server GC |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| SQLite | {SqliteVersion()} (Microsoft.Data.Sqlite) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| PostgreSQL | {Env("postgres")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Load | {Env("load")} |");
        md.AppendLine();

        var missed = new List<(Figure Figure, ItemResult Item)>();
        var ratios = new Dictionary<string, double>(StringComparer.Ordinal);
        var summary = items.SelectMany(i => i.Figures.Select(f => (Item: i, Figure: f))).ToList();
        md.AppendLine("## Summary");
        md.AppendLine();
        md.AppendLine("| Item | Figure | Ratio | Target | Verdict |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var (item, figure) in summary)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {item.Id} | {figure.Metric} | {Figure.Format(figure.Ratio)}{Drop(figure, previous)} | {figure.TargetText} | {Verdict(figure)} |");
        }

        md.AppendLine();
        foreach (var item in items)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {item.Id}: {item.Title}");
            md.AppendLine();
            md.AppendLine(item.Setup + ".");
            md.AppendLine();
            md.AppendLine("| Figure | Ours | Baseline | Ratio | Target | Verdict |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var figure in item.Figures)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {figure.Metric} | {Figure.Format(figure.Ours)} {figure.Unit} | {Figure.Format(figure.Baseline)} {figure.Unit} | {Figure.Format(figure.Ratio)}{Drop(figure, previous)} | {figure.TargetText} | {Verdict(figure)} |");
                if (!double.IsNaN(figure.Ratio) && !double.IsInfinity(figure.Ratio))
                {
                    ratios[figure.Key] = Math.Round(figure.Ratio, 4);
                }

                if (figure.Meets == false)
                {
                    missed.Add((figure, item));
                }
            }

            md.AppendLine();
            foreach (var figure in item.Figures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- *{figure.Metric}*: {figure.Medians}.");
            }

            foreach (var note in item.Notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }

            md.AppendLine();
        }

        md.AppendLine("## Why the missed targets miss");
        md.AppendLine();
        if (missed.Count == 0)
        {
            md.AppendLine("Every judged ratio met its target in this run.");
        }

        foreach (var (figure, item) in missed)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{item.Id}, {figure.Metric}** ({Figure.Format(figure.Ratio)} against {figure.TargetText}): {figure.WhyIfMissed ?? "not analysed yet."}");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"<!-- bench-ratios {JsonSerializer.Serialize(ratios)} -->");
        return md.ToString();
    }

    private static string Verdict(Figure figure) => figure.Meets switch
    {
        true => "✅ meets",
        false => "❌ misses",
        null => "reported",
    };

    /// Ratios where bigger is better (floors, and speed/throughput reported only) drop when they fall; ceilings when they rise.
    private static string Drop(Figure figure, Dictionary<string, double> previous)
    {
        if (!previous.TryGetValue(figure.Key, out var before) || before == 0 || double.IsNaN(figure.Ratio))
        {
            return "";
        }

        var change = (figure.Ratio - before) / before;
        var worse = figure.Kind == TargetKind.Ceiling ? change > DropThreshold : change < -DropThreshold;
        return figure.Kind != TargetKind.None && worse ? $" ⚠️ (was {Figure.Format(before)})" : "";
    }

    private static Dictionary<string, double> PreviousRatios(string markdown)
    {
        var match = RatiosComment().Match(markdown);
        return match.Success
            ? JsonSerializer.Deserialize<Dictionary<string, double>>(match.Groups[1].Value) ?? []
            : [];
    }

    private static int Order(string id) => id switch
    {
        _ when id.StartsWith('P') && int.TryParse(id[1..], CultureInfo.InvariantCulture, out var n) => n,
        "Start-up" => 100,
        "Soak" => 101,
        _ => 200,
    };

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return command.ExecuteScalar()?.ToString() ?? "unknown";
    }

    [GeneratedRegex("<!-- bench-ratios (\\{.*?\\}) -->")]
    private static partial Regex RatiosComment();
}
