using Microsoft.Extensions.Logging;
using Veil.Server.Violations;
using Veil.TestSupport.Logging;

namespace Veil.Server.Tests.Violations;

/// <summary>
/// The violation side's lines read as they did when they were strings (operators and the event tests grep
/// "events: KIND on CAMERA ... (ID)"), with levels and event ids of their own.
/// </summary>
public sealed class ViolationsLogTests
{
    [Fact]
    public void The_lines_read_as_before()
    {
        var log = new CapturingLogger();
        var time = new DateTimeOffset(2026, 5, 1, 12, 34, 56, 789, TimeSpan.Zero);
        ViolationsLog.Reported(log, "forbidden-zone", "cam", time, "3,7", "0123456789abcdef0123456789abcdef");
        ViolationsLog.Delivery(log, LogLevel.Warning, "sidecar unreachable, retrying in 2 s");
        ViolationsLog.RulesSkipped(log, 12);
        Assert.Equal(
        [
            (LogLevel.Information, 1, "events: forbidden-zone on cam at 12:34:56.789, tracks 3,7 (0123456789abcdef0123456789abcdef)"),
            (LogLevel.Warning, 3, "events: sidecar unreachable, retrying in 2 s"),
            (LogLevel.Warning, 7, "violation rules skipped 12 frame(s): they fell more than a second behind the video"),
        ], log.Lines.Select(l => (l.Level, l.Id.Id, l.Text)));
        Assert.Equal("cam", log.Lines[0].Fields["Camera"]);
        Assert.Equal("0123456789abcdef0123456789abcdef", log.Lines[0].Fields["Id"]);
    }

    [Fact]
    public void Event_ids_are_unique() => Assert.Empty(LogClasses.EventIdProblems(typeof(ViolationsLog)));
}
