using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Hooks;

/// <summary>
/// A command started per event (/bin/sh -c, like MediaMTX's runOnReady) with STREAM, EVENT,
/// EVENT_ID and EVENT_JSON in its environment. Started, not waited for: its exit is logged when it
/// comes, and a slow command holds up neither the stream nor the next event.
/// </summary>
internal sealed class CommandHook(HookSpec spec, ILogger log)
{
    public Task StartAsync(HookEvent e, CancellationToken ct)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(spec.Command!);
        info.Environment["STREAM"] = e.Stream;
        info.Environment["EVENT"] = e.Type;
        info.Environment["EVENT_ID"] = e.Id;
        info.Environment["EVENT_JSON"] = Encoding.UTF8.GetString(e.Body);
        try
        {
            var process = Process.Start(info) ?? throw new InvalidOperationException("no process was started");
            _ = LogExitAsync(process, e);
        }
        catch (Exception failed)
        {
            HooksLog.CommandNotStarted(log, spec.Name, e.Type, e.Id, e.Stream, failed.Message);
        }
        return Task.CompletedTask;
    }

    private async Task LogExitAsync(Process process, HookEvent e)
    {
        using (process)
        {
            await process.WaitForExitAsync();
            HooksLog.CommandExited(log, spec.Name, e.Type, e.Id, e.Stream, process.Id, process.ExitCode);
        }
    }
}
