using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace Veil.Vision.Inference;

/// <summary>
/// Whether `--device cuda` can run here, asked once before anything is opened, and the one line
/// that says what is missing when it cannot: the CPU build has no CUDA provider at all; the GPU
/// build (-p:VeilGpu=true) needs the CUDA, cuDNN and driver libraries its ONNX Runtime was built
/// against, and ONNX Runtime's own message buries which one failed in a paragraph.
/// </summary>
public static partial class CudaSupport
{
    /// <summary>What ONNX Runtime's GPU package is built against (its libonnxruntime_providers_cuda.so links libcudart.so.13 and loads libcudnn.so.9); Dockerfile.gpu installs them.</summary>
    private const string Requirement = "CUDA 13, cuDNN 9 and an NVIDIA driver of the CUDA 13 series (580 or later)";

    private const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>Throws one line naming what is missing, unless a CUDA session really runs (the probe model, once).</summary>
    public static void Require()
    {
        if (!HasCudaProvider()) throw NotInThisBuild();
        var (error, log) = OrtEnvironment.RunKeepingLog(static () =>
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(0);
            using var session = new InferenceSession(CudaProbeModel.Build(), options);
            using var input = OrtValue.CreateTensorValueFromMemory(new float[1], CudaProbeModel.Shape);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [CudaProbeModel.Input], [input], [CudaProbeModel.Output]);
        });
        if (error is OnnxRuntimeException ort) throw Unavailable(ort, log);
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>
    /// ONNX Runtime's failure to start CUDA, said in one line; <paramref name="log"/> is what it
    /// logged meanwhile (it names the library that did not load).
    /// </summary>
    public static InvalidOperationException Unavailable(Exception e, IReadOnlyList<string>? log = null)
    {
        if (!HasCudaProvider()) return NotInThisBuild(e);
        string message = e.Message.ReplaceLineEndings(" ");
        string remedy = $"the GPU build (ONNX Runtime {OrtEnvironment.Instance.GetVersionString()}) needs {Requirement}: install them (see Dockerfile.gpu), or run with --device cpu";
        foreach (string text in (log ?? []).Prepend(message))
        {
            if (MissingLibrary().Match(text) is not { Success: true } missing) continue;
            string library = missing.Groups["library"].Value;
            string what = library.StartsWith("libcuda.so", StringComparison.Ordinal) ? " (the NVIDIA driver)" : "";
            return new InvalidOperationException($"--device cuda: {library}{what} could not be loaded: {remedy}", e);
        }
        return new InvalidOperationException($"--device cuda: CUDA could not start ({Core(message)}): {remedy}", e);
    }

    private static bool HasCudaProvider() => OrtEnvironment.Instance.GetAvailableProviders().Contains(CudaProvider);

    private static InvalidOperationException NotInThisBuild(Exception? inner = null) => new(
        "--device cuda: this build of Veil has no CUDA support (it carries ONNX Runtime's CPU package): " +
        "build the GPU flavour with scripts/build-gpu.sh (dotnet build -p:VeilGpu=true) or use Dockerfile.gpu, or run with --device cpu", inner);

    /// <summary>ONNX Runtime's message without its source path, function name and error-code prefix.</summary>
    private static string Core(string message)
    {
        int at = message.LastIndexOf(" : ", StringComparison.Ordinal);
        return (at >= 0 ? message[(at + 3)..] : message).Trim().TrimEnd('.');
    }

    /// <summary>dlopen's "NAME: cannot open shared object file", as ONNX Runtime passes it on.</summary>
    [GeneratedRegex(@"(?<library>lib[\w.+-]+\.so[\w.]*): cannot open shared object file")]
    private static partial Regex MissingLibrary();
}
