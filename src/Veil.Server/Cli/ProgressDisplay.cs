using Spectre.Console;
using Veil.Media.Pipeline;

namespace Veil.Server.Cli;

/// <summary>
/// Progress of a long run: a live bar with fps and ETA on a terminal, a plain line every few
/// seconds on stderr otherwise (logs, CI), never one line per frame.
/// </summary>
internal abstract class ProgressDisplay
{
    /// <param name="items">What is counted when it is not a video's frames (an image set's "images"): lines say "N of TOTAL images" and no media position.</param>
    public static ProgressDisplay Create(string? items = null)
        => !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive ? new TerminalProgress { Items = items } : new PlainProgress { Items = items };

    protected string? Items { get; private init; }

    public abstract void Start(TimeSpan? duration, long frameCount);
    public abstract void Update(TranscodeProgress progress);
    public abstract void Stop();

    protected static string Eta(TranscodeProgress p)
    {
        if (p.Fraction is not { } f || f <= 0 || p.Position.TotalSeconds <= 0) return "";
        var remaining = TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (1 - f) / f);
        return $"ETA {remaining:m\\:ss}";
    }

    /// <summary>One plain progress line: a video's frames and position, or items counted out of a total.</summary>
    public static string Line(TranscodeProgress p, string? items, long total)
    {
        string pct = p.Fraction is { } f ? $" ({f:P0})" : "";
        return items is null
            ? $"veil: {p.FramesEncoded} frames, {p.Position:hh\\:mm\\:ss}{pct}, {p.Fps:0.#} fps {Eta(p)}".TrimEnd()
            : $"veil: {p.FramesEncoded} of {total} {items}{pct}, {p.Fps:0.#} {items}/s {Eta(p)}".TrimEnd();
    }

    private sealed class PlainProgress : ProgressDisplay
    {
        private DateTime _last = DateTime.MinValue;
        private long _total;

        public override void Start(TimeSpan? duration, long frameCount) => _total = frameCount;

        public override void Update(TranscodeProgress p)
        {
            if ((DateTime.UtcNow - _last).TotalSeconds < 2) return;
            _last = DateTime.UtcNow;
            Console.Error.WriteLine(Line(p, Items, _total));
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
            _task.Description = Items is null ? $"{p.FramesEncoded} frames, {p.Fps:0} fps" : $"{p.FramesEncoded} {Items}, {p.Fps:0.#} {Items}/s";
            if (p.Fraction is { } f) _task.Value = f * 100;
        }

        public override void Stop()
        {
            _done.TrySetResult();
            _render?.Wait();
        }
    }
}
