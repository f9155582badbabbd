using System.Collections.Concurrent;

namespace PersonalFinance.Api.Tests.Infrastructure;

internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, object?>> State);

/// Every log event of a test host at Trace level, for assertions (S25, S30) and for the test output.
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    // Captured when the host is built: request threads do not carry the test's context.
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;

    public IReadOnlyCollection<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            // Copied: the source-generated loggers reuse one pooled state object per thread.
            KeyValuePair<string, object?>[] properties = state is IEnumerable<KeyValuePair<string, object?>> list ? [.. list] : [];
            owner._entries.Enqueue(new CapturedLog(category, logLevel, eventId, message, exception?.ToString(), properties));
            if (logLevel >= LogLevel.Information)
            {
                try
                {
                    owner._output?.WriteLine($"{logLevel,-11} {category}[{eventId.Id}] {message}{(exception is null ? "" : Environment.NewLine + exception)}");
                }
                catch (InvalidOperationException)
                {
                    // Output after the test finished has nowhere to go.
                }
            }
        }
    }
}
