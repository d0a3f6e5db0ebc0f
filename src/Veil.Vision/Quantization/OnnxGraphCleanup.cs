using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>Housekeeping after a graph pass: unused initializers out, fresh names that collide with none.</summary>
internal static class OnnxGraphCleanup
{
    public static void RemoveUnusedInitializers(GraphProto graph)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Node) used.UnionWith(node.Input);
        foreach (var output in graph.Output) used.Add(output.Name);
        var unused = graph.Initializer.Where(i => !used.Contains(i.Name)).ToArray();
        if (unused.Length == 0) return;
        var names = unused.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var i in unused) graph.Initializer.Remove(i);
        // Old IR versions also list initializers as graph inputs.
        foreach (var input in graph.Input.Where(i => names.Contains(i.Name)).ToArray()) graph.Input.Remove(input);
    }

    /// <summary><paramref name="wanted"/>, or it with a number appended when a tensor of the graph has that name already.</summary>
    public static string UniqueName(OnnxGraphIndex index, string wanted)
    {
        string name = wanted;
        for (int i = 2; index.IsInitializer(name) || index.Producer(name) is not null || index.IsGraphInput(name) || index.Consumers(name).Count > 0; i++)
            name = $"{wanted}_{i}";
        return name;
    }
}
