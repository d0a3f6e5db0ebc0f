using Microsoft.ML.OnnxRuntime;

namespace Veil.Vision.Inference;

/// <summary>
/// Creates ONNX Runtime sessions with Veil's settings. Spinning is off: several sessions on two
/// cores otherwise starve each other (measured: 95 → 48 ms a pipeline). CUDA is appended only when
/// asked for and fails loudly when it cannot load, never falling back to the CPU in silence
/// (the commands ask <see cref="CudaSupport.Require"/> first, so this is the library's backstop).
/// </summary>
public static class SessionFactory
{
    public static InferenceSession Create(string modelPath, InferenceDevice device, int intraOpThreads = 0)
    {
        using var options = Options(device, intraOpThreads);
        return new InferenceSession(modelPath, options);
    }

    /// <summary>A session over a model held in memory (the quantizer's calibration graph).</summary>
    public static InferenceSession Create(byte[] model, InferenceDevice device, int intraOpThreads = 0)
    {
        using var options = Options(device, intraOpThreads);
        return new InferenceSession(model, options);
    }

    private static SessionOptions Options(InferenceDevice device, int intraOpThreads)
    {
        _ = OrtEnvironment.Instance; // Veil's logger, before anything makes ONNX Runtime's default environment
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        if (device == InferenceDevice.Cuda)
        {
            try
            {
                options.AppendExecutionProvider_CUDA(0);
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                options.Dispose();
                throw CudaSupport.Unavailable(e);
            }
        }
        return options;
    }
}
