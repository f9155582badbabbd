namespace PersonalFinance.Api.Tests.Infrastructure;

internal static class TestPaths
{
    /// One scratch folder per test run, for database files and screenshots.
    public static string Scratch { get; } = CreateScratch();

    public static string Artifacts { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("PF_TEST_ARTIFACTS") ?? Path.Combine(Path.GetTempPath(), "personalfinance-test-artifacts")).FullName;

    private static string CreateScratch()
    {
        var path = Path.Combine(Path.GetTempPath(), "personalfinance-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(path);
        return path;
    }
}
