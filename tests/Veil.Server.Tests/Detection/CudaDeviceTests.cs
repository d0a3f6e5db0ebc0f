using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Veil.TestSupport;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// `--device cuda` where CUDA cannot run stops every command that detects (anonymize, eval, bench,
/// serve) at start: one line on stderr saying what is missing, a non-zero exit, and no output file,
/// not even a temporary one. Two real builds are run: the CPU build beside these tests, which has
/// no CUDA provider, and the GPU build scripts/test.sh makes (out/gpu/), whose CUDA provider needs
/// libraries this machine lacks.
/// </summary>
public sealed class CudaDeviceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("veil-cuda-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Clip => Path.Combine(_root, "in.mp4");
    private string Labels => Path.Combine(_root, "labels.csv");

    public static TheoryData<string> Commands => ["anonymize", "eval", "eval --video", "bench", "serve"];

    private string[] Arguments(string command) => command switch
    {
        "anonymize" => ["anonymize", Clip, "-o", Path.Combine(_root, "out.mp4"), "--boxes-out", Path.Combine(_root, "boxes.jsonl"), "--quiet"],
        "eval" => ["eval", Labels, "--boxes-out", Path.Combine(_root, "eval-boxes.jsonl")],
        "eval --video" => ["eval", "--video", Clip],
        "bench" => ["bench", Clip, "--runs", "1"],
        "serve" => ["serve", "--pull", $"cam={Clip}", "--to", Path.Combine(_root, "live.flv"), "--http", $"http://127.0.0.1:{LoopbackPort.PickFree()}",
            "--rtmp", "off", "--grpc", "off", "--webrtc", "off"],
        _ => throw new ArgumentException(command),
    };

    private async Task<string> ExpectOneLineFailure(string dll, string command)
    {
        await FfTools.GenerateClipAsync(Clip, 320, 240, 25, 1, withAudio: false);
        await File.WriteAllTextAsync(Labels, "image,x,y,w,h,class\nframe.png,10,10,40,40,face\n");
        var inputs = Directory.GetFileSystemEntries(_root).Order().ToArray();

        var run = await VeilProcess.RunBuildAsync(dll, new Dictionary<string, string>(), TimeSpan.FromSeconds(90), [.. Arguments(command), "--device", "cuda"]);

        Assert.False(run.TimedOut, "veil did not stop at start: " + run.StdErr);
        Assert.NotEqual(0, run.ExitCode);
        var lines = VeilProcess.ErrorLines(run);
        Assert.True(lines.Length == 1, "expected one line, got:\n" + run.StdErr);
        Assert.Equal("", run.StdOut.Trim());
        // Nothing written: no output, no temporary file beside it, no boxes file.
        Assert.Equal(inputs, Directory.GetFileSystemEntries(_root).Order().ToArray());
        return lines[0];
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_cpu_build_says_it_has_no_cuda_and_how_to_get_a_build_that_has(string command)
    {
        var line = await ExpectOneLineFailure(VeilProcess.Dll, command);

        Assert.Equal("veil: error: --device cuda: this build of Veil has no CUDA support (it carries ONNX Runtime's CPU package): " +
            "build the GPU flavour with scripts/build-gpu.sh (dotnet build -p:VeilGpu=true) or use Dockerfile.gpu, or run with --device cpu", line);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_gpu_build_names_the_cuda_library_it_cannot_load(string command)
    {
        string dll = GpuBuild.RequireDll();

        var line = await ExpectOneLineFailure(dll, command);

        var said = Regex.Match(line, @"^veil: error: --device cuda: (?<library>lib\S+\.so\S*)( \(the NVIDIA driver\))? could not be loaded: " +
            @"the GPU build \(ONNX Runtime (?<version>[\d.]+)\) needs CUDA 13, cuDNN 9 and an NVIDIA driver of the CUDA 13 series \(580 or later\): " +
            @"install them \(see Dockerfile\.gpu\), or run with --device cpu$");
        Assert.True(said.Success, "unexpected line: " + line);
        // The library named is one this machine really cannot load, and the version is the one both builds pin.
        string library = said.Groups["library"].Value;
        Assert.False(NativeLibrary.TryLoad(library, out var handle) && Free(handle), $"{library} loads here, yet veil said it could not");
        Assert.Equal(OnnxRuntimeVersion(VeilProcess.Dll, "Microsoft.ML.OnnxRuntime"), said.Groups["version"].Value);
    }

    [Fact]
    public void Both_builds_run_the_same_onnx_runtime_version_the_gpu_one_from_the_linux_cuda_package()
    {
        string cpu = OnnxRuntimeVersion(VeilProcess.Dll, "Microsoft.ML.OnnxRuntime");
        string gpu = OnnxRuntimeVersion(GpuBuild.RequireDll(), "Microsoft.ML.OnnxRuntime.Gpu.Linux");

        Assert.Equal(cpu, gpu);
        Assert.Equal(cpu, OnnxRuntimeVersion(VeilProcess.Dll, "Microsoft.ML.OnnxRuntime.Managed"));
        Assert.Equal(cpu, OnnxRuntimeVersion(GpuBuild.RequireDll(), "Microsoft.ML.OnnxRuntime.Managed"));
        Assert.True(File.Exists(Path.Combine(GpuBuild.Folder, "runtimes", "linux-x64", "native", "libonnxruntime_providers_cuda.so")), "the GPU build has no CUDA provider library");
    }

    [Fact]
    public async Task The_gpu_build_anonymizes_on_the_cpu()
    {
        string dll = GpuBuild.RequireDll();
        await FfTools.GenerateClipAsync(Clip, 320, 240, 25, 1, withAudio: false);
        string output = Path.Combine(_root, "out.mp4");

        var run = await VeilProcess.RunBuildAsync(dll, new Dictionary<string, string>(), TimeSpan.FromMinutes(2), "anonymize", Clip, "-o", output, "--quiet", "--device", "cpu");

        run.EnsureSuccess();
        var probe = await FfTools.ProbeAsync(output);
        Assert.Equal(25, probe.Video.NbReadFrames);
    }

    /// <summary>The version of <paramref name="package"/> a build was made with, from its veil.deps.json.</summary>
    private static string OnnxRuntimeVersion(string dll, string package)
    {
        var deps = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(dll, ".deps.json")))!;
        var key = deps["libraries"]!.AsObject().Select(p => p.Key).SingleOrDefault(k => k.StartsWith(package + "/", StringComparison.Ordinal));
        Assert.True(key is not null, $"{dll} was not built with {package}");
        return key![(package.Length + 1)..];
    }

    private static bool Free(IntPtr handle)
    {
        NativeLibrary.Free(handle);
        return true;
    }
}
