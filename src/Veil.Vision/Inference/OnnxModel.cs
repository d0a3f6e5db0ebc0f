using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Veil.Vision.Models;

namespace Veil.Vision.Inference;

/// <summary>
/// One model's ONNX Runtime session, created once and shared by every stream (Run is thread-safe).
/// At creation the graph's input is checked against the manifest, so a wrong file fails at start
/// with its name, not mid-stream with a shape error.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;

    public OnnxModel(ModelSpec spec, string path, InferenceDevice device, int intraOpThreads = 0)
    {
        Spec = spec;
        Path = path;
        try
        {
            _session = spec.Input.AnyAspect
                ? SessionFactory.Create(AnyAspectInput.Free(spec, path), device, intraOpThreads)
                : SessionFactory.Create(path, device, intraOpThreads);
        }
        catch (Exception e) when (e is OnnxRuntimeException or FormatException)
        {
            throw new ModelException($"model \"{spec.Name}\": {path} is not a valid ONNX model ({e.Message.ReplaceLineEndings(" ").Trim()}): run: veil models pull --force",
                spec.Name, path, e);
        }
        try
        {
            CheckInputs();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        _inputNames = [spec.Input.Name];
        OutputNames = spec.Outputs.ToArray();
    }

    public ModelSpec Spec { get; }
    public string Path { get; }
    public IReadOnlyCollection<string> OutputNames { get; }

    /// <summary>
    /// Binds a new input tensor of <paramref name="shape"/> and the outputs it produces, in
    /// <paramref name="outputs"/> order (default: the manifest's). The output shapes are learnt by one
    /// ordinary run on the first binding of a shape and kept: every stream's detectors and workers bind
    /// the same few sizes, and a new stream must not pay a run per size before its first frame.
    /// </summary>
    public ModelBinding Bind(long[] shape, IReadOnlyCollection<string>? outputs = null)
    {
        var names = outputs ?? OutputNames;
        var input = AllocateTensor(shape);
        var values = new List<OrtValue>();
        OrtIoBinding? binding = null;
        try
        {
            string key = string.Join(',', shape) + "|" + string.Join(',', names);
            if (!_outputShapes.TryGetValue(key, out var shapes))
            {
                using var runOptions = new RunOptions();
                using var probe = _session.Run(runOptions, _inputNames, [input], names);
                shapes = probe.Select(o => o.GetTensorTypeAndShape().Shape).ToArray();
                _outputShapes[key] = shapes;
            }
            foreach (var outputShape in shapes) values.Add(AllocateTensor(outputShape));
            binding = _session.CreateIoBinding();
            binding.BindInput(_inputNames[0], input);
            int i = 0;
            foreach (var name in names) binding.BindOutput(name, values[i++]);
            return new ModelBinding(binding, input, values.ToArray());
        }
        catch
        {
            binding?.Dispose();
            input.Dispose();
            foreach (var v in values) v.Dispose();
            throw;
        }
    }

    private readonly ConcurrentDictionary<string, long[][]> _outputShapes = new();

    /// <summary>Runs the model on the binding's input; the answer is in its outputs.</summary>
    public void Run(ModelBinding binding)
    {
        _session.RunWithBinding(_runOptions, binding.IoBinding);
        RunObserver?.Invoke(binding.Input);
    }

    /// <summary>Sees every input the model runs on: calibration measures activations on exactly what detection feeds. Null in normal runs.</summary>
    internal Action<OrtValue>? RunObserver { get; set; }

    private readonly RunOptions _runOptions = new();

    /// <summary>
    /// Gives the session's CPU arena back to the allocator, except what concurrent runs hold. The
    /// arena grows to the peak of all runs at once (several streams) and keeps it: it shrinks only at
    /// the end of a run that asks, so this runs the model once on its smallest input with that request.
    /// The outputs are bound outside the arena, so no chunk of this run pins a region.
    /// </summary>
    public void ReleaseArenaMemory()
    {
        using var binding = Bind(SmallestInputShape());
        using var shrink = new RunOptions();
        shrink.AddRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        _session.RunWithBinding(shrink, binding.IoBinding);
    }

    private long[] SmallestInputShape()
    {
        var input = Spec.Input;
        bool free = input.IsDynamic || input.AnyAspect;
        long height = free ? input.Multiple : input.Height, width = free ? input.Multiple : input.Width;
        return input.Layout == ModelTensorLayout.Nhwc ? [1, height, width, 3] : [1, 3, height, width];
    }

    private void CheckInputs()
    {
        // A graph whose size was freed at load is checked against the manifest there (AnyAspectInput).
        var input = Spec.Input.AnyAspect ? Spec.Input with { Width = 0, Height = 0 } : Spec.Input;
        if (!_session.InputMetadata.TryGetValue(input.Name, out var meta))
            throw ModelException.InputMismatch(Spec, Path, $"has no input \"{input.Name}\" (it has: {string.Join(", ", _session.InputMetadata.Keys)})");
        if (meta.ElementType != typeof(float))
            throw ModelException.InputMismatch(Spec, Path, $"input \"{input.Name}\" is {meta.ElementType.Name}, expected float");
        if (input.FindMismatch(meta.Dimensions) is { } problem)
            throw ModelException.InputMismatch(Spec, Path, problem);
        foreach (var output in Spec.Outputs)
            if (!_session.OutputMetadata.ContainsKey(output))
                throw ModelException.InputMismatch(Spec, Path, $"has no output \"{output}\" (it has: {string.Join(", ", _session.OutputMetadata.Keys)})");
    }

    /// <summary>A natively allocated float tensor (managed buffers crashed ORT in a probe).</summary>
    public static OrtValue AllocateTensor(long[] shape)
        => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, shape);

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
