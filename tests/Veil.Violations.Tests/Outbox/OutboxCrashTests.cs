using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Veil.Violations.Outbox;
using Veil.Violations.Tests.Outbox.CrashWriter;

namespace Veil.Violations.Tests.Outbox;

/// <summary>
/// A real crash: a child process enqueues as fast as it can and is killed with SIGKILL mid-loop.
/// Every entry whose Enqueue had returned (the child printed its id after) must be there, intact.
/// </summary>
public sealed partial class OutboxCrashTests : IDisposable
{
    private const int EntriesBeforeKill = 150;
    private const int SigKillExitCode = 128 + 9;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_entry_whose_enqueue_returned_survives_a_SIGKILL_intact()
    {
        var printed = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        using var child = StartWriter(printed, errors);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (printed.Count < EntriesBeforeKill && !child.HasExited && DateTime.UtcNow < deadline) await Task.Delay(5);
            Assert.False(child.HasExited, $"the crash writer stopped by itself: {string.Join('\n', errors)}");
            Assert.True(printed.Count >= EntriesBeforeKill, $"the crash writer printed only {printed.Count} ids in 60 s");
        }
        finally
        {
            child.Kill(); // SIGKILL on Linux: no finalizer, no Dispose, no flush
            await child.WaitForExitAsync();
        }
        Assert.True(child.ExitCode == SigKillExitCode, $"the crash writer exited with {child.ExitCode}, not by SIGKILL: {string.Join('\n', errors)}");

        // A line cut by the kill is not a returned Enqueue; only whole ids count.
        var confirmed = printed.Where(line => CrashId().IsMatch(line)).ToList();
        using var outbox = EventOutbox.Open(_directory.Path);
        var stored = OutboxAssert.PeekAll(outbox).ToDictionary(e => e.Id);

        Assert.True(confirmed.Count >= EntriesBeforeKill);
        for (var number = 0; number < confirmed.Count; number++)
        {
            Assert.Equal(CrashEntries.IdOf(number), confirmed[number]);
            OutboxAssert.SameEntry(CrashEntries.Create(number), stored[confirmed[number]]);
        }
        // The entry in flight at the kill either committed whole or not at all.
        Assert.InRange(stored.Count, confirmed.Count, confirmed.Count + 1);
        if (stored.Count > confirmed.Count) OutboxAssert.SameEntry(CrashEntries.Create(confirmed.Count), stored[CrashEntries.IdOf(confirmed.Count)]);
        Assert.Equal(stored.Count, outbox.Pending);
        Assert.Equal("ok", IntegrityCheck());
    }

    private Process StartWriter(ConcurrentQueue<string> printed, ConcurrentQueue<string> errors)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "OutboxCrashWriter.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(writer);
        info.ArgumentList.Add(_directory.Path);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start dotnet {writer}");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) printed.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "outbox.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    [GeneratedRegex("^crash-[0-9]{6}$")]
    private static partial Regex CrashId();
}
