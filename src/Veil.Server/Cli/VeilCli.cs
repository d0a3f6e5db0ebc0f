using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Veil.Server.Cli;

/// <summary>The `veil` command line: one command per file in this folder, wired here.</summary>
internal static class VeilCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Veil: real-time video anonymization. Redacts faces, plates and privacy masks, re-encodes, writes files or pushes RTMP.");
        root.Subcommands.Add(AnonymizeCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SidecarCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // finish the file cleanly instead of dying mid-write
            try { cancel.Cancel(); }
            catch (ObjectDisposedException) { } // the signal raced the exit
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var parse = Build().Parse(args);
            if (parse.Action is ParseErrorAction) return ReportParseErrors(parse);
            return await parse.InvokeAsync(cancellationToken: cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel; // a second Ctrl+C while exiting must not touch the disposed source
        }
    }

    /// <summary>Bad options get one line each, as every other failure does, not the whole help text.</summary>
    private static int ReportParseErrors(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is CommandResult { Command: not RootCommand } c; r = c.Parent) names.Insert(0, c.Command.Name);
        string help = string.Join(' ', ["veil", .. names, "--help"]);
        foreach (var error in parse.Errors) Console.Error.WriteLine($"veil: error: {error.Message.ReplaceLineEndings(" ").Trim()} (see '{help}')");
        return CliFailure.Failed;
    }
}
