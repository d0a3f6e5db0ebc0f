using Spectre.Console;
using Veil.Media.Pipeline;

namespace Veil.Server.Cli;

/// <summary>
/// Progress of a long run: a live bar with fps and ETA on a terminal, a plain line every few
/// seconds on stderr otherwise (logs, CI), never one line per frame.
/// </summary>
internal abstract class ProgressDisplay
{
    public static ProgressDisplay Create()
        => !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive ? new TerminalProgress() : new PlainProgress();

    public abstract void Start(TimeSpan? duration, long frameCount);
    public abstract void Update(TranscodeProgress progress);
    public abstract void Stop();

    protected static string Eta(TranscodeProgress p)
    {
        if (p.Fraction is not { } f || f <= 0 || p.Position.TotalSeconds <= 0) return "";
        var remaining = TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (1 - f) / f);
        return $"ETA {remaining:m\\:ss}";
    }

    private sealed class PlainProgress : ProgressDisplay
    {
        private DateTime _last = DateTime.MinValue;

        public override void Start(TimeSpan? duration, long frameCount) { }

        public override void Update(TranscodeProgress p)
        {
            if ((DateTime.UtcNow - _last).TotalSeconds < 2) return;
            _last = DateTime.UtcNow;
            string pct = p.Fraction is { } f ? $" ({f:P0})" : "";
            Console.Error.WriteLine($"veil: {p.FramesEncoded} frames, {p.Position:hh\\:mm\\:ss}{pct}, {p.Fps:0.#} fps {Eta(p)}".TrimEnd());
        }

        public override void Stop() { }
    }

    private sealed class TerminalProgress : ProgressDisplay
    {
        private ProgressTask? _task;
        private Task? _render;
        private readonly TaskCompletionSource _done = new();

        public override void Start(TimeSpan? duration, long frameCount)
        {
            var ready = new TaskCompletionSource();
            _render = AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    _task = ctx.AddTask("starting", maxValue: 100);
                    if (duration is null) _task.IsIndeterminate = true;
                    ready.SetResult();
                    await _done.Task;
                    _task.Value = _task.MaxValue;
                });
            ready.Task.Wait();
        }

        public override void Update(TranscodeProgress p)
        {
            if (_task is null) return;
            _task.Description = $"{p.FramesEncoded} frames, {p.Fps:0} fps";
            if (p.Fraction is { } f) _task.Value = f * 100;
        }

        public override void Stop()
        {
            _done.TrySetResult();
            _render?.Wait();
        }
    }
}
