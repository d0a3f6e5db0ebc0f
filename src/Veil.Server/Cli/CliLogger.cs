using Microsoft.Extensions.Logging;

namespace Veil.Server.Cli;

/// <summary>
/// The command line's logger (`veil anonymize`, `veil bench`) for what the libraries log during a run: each
/// line on stderr the way the CLI writes its own, "veil: " and the message, with "warning: " or "error: "
/// in between from those levels up; debug lines are not shown. It writes at once, so its lines stay in
/// order with the CLI's own.
/// </summary>
internal sealed class CliLogger : ILogger
{
    public static ILogger Instance { get; } = new CliLogger();

    private CliLogger() { }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Information and < LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        string level = logLevel switch
        {
            LogLevel.Warning => "warning: ",
            LogLevel.Error or LogLevel.Critical => "error: ",
            _ => "",
        };
        Console.Error.WriteLine($"veil: {level}{formatter(state, exception)}");
    }
}
