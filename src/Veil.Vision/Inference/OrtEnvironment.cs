using Microsoft.ML.OnnxRuntime;

namespace Veil.Vision.Inference;

/// <summary>
/// ONNX Runtime's process-wide environment, created by Veil with a logger of its own. ONNX
/// Runtime's default logger writes colour-coded paragraphs to stderr; here each warning or error is
/// one plain line, and while <see cref="RunKeepingLog"/> runs they are kept instead of printed:
/// when the CUDA provider cannot load, only the log names the missing library (the exception just
/// says "Failed to load shared library").
/// </summary>
internal static class OrtEnvironment
{
    private static readonly Lazy<OrtEnv> s_env = new(Create);
    private static readonly object s_gate = new();
    private static List<string>? s_kept;

    public static OrtEnv Instance => s_env.Value;

    /// <summary>Runs <paramref name="action"/> with ONNX Runtime's log kept, not printed: what it threw (or null) and what was logged.</summary>
    public static (Exception? Error, IReadOnlyList<string> Log) RunKeepingLog(Action action)
    {
        _ = Instance;
        var kept = new List<string>();
        lock (s_gate) s_kept = kept;
        try
        {
            action();
            return (null, Snapshot(kept));
        }
        catch (Exception e)
        {
            return (e, Snapshot(kept));
        }
        finally
        {
            lock (s_gate) s_kept = null;
        }
    }

    private static List<string> Snapshot(List<string> kept)
    {
        lock (s_gate) return [.. kept];
    }

    private static OrtEnv Create()
    {
        // A host that made ONNX Runtime's default environment first (a test) keeps it.
        if (OrtEnv.IsCreated) return OrtEnv.Instance();
        var options = new EnvironmentCreationOptions
        {
            logId = "veil",
            logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
            loggingFunction = Log,
        };
        return OrtEnv.CreateInstanceWithOptions(ref options);
    }

    /// <summary>Called by ONNX Runtime on its own threads.</summary>
    private static void Log(IntPtr param, OrtLoggingLevel severity, string category, string logId, string codeLocation, string message)
    {
        string line = message.ReplaceLineEndings(" ").Trim();
        lock (s_gate)
        {
            if (s_kept is not null)
            {
                s_kept.Add(line);
                return;
            }
        }
        string level = severity >= OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR ? "error" : "warning";
        Console.Error.WriteLine($"veil: onnxruntime {level}: {line}");
    }
}
