using HangfireLog = Hangfire.Logging;

namespace PersonalFinance.Api.Jobs;

/// Hangfire keeps one process-wide log provider; this one writes to the latest host's logging and goes quiet when that
/// host is gone (tests start and stop many hosts in one process) instead of throwing from a disposed logger factory.
internal sealed class HangfireLogBridge(ILoggerFactory factory) : HangfireLog.ILogProvider
{
    private static ILoggerFactory? _current;

    public HangfireLog.ILog GetLogger(string name)
    {
        Volatile.Write(ref _current, factory);
        return new Bridge(name);
    }

    private sealed class Bridge(string name) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILogger logger;
            try
            {
                if (Volatile.Read(ref _current) is not { } current)
                {
                    return false;
                }

                logger = current.CreateLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            var level = logLevel switch
            {
                HangfireLog.LogLevel.Trace => LogLevel.Trace,
                HangfireLog.LogLevel.Debug => LogLevel.Debug,
                HangfireLog.LogLevel.Info => LogLevel.Information,
                HangfireLog.LogLevel.Warn => LogLevel.Warning,
                HangfireLog.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }

            if (logger.IsEnabled(level))
            {
                // Hangfire hands over finished text, not a template.
                logger.Log(level, default, messageFunc(), exception, static (text, _) => text);
            }

            return true;
        }
    }
}
