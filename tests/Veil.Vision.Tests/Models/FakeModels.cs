using System.Security.Cryptography;
using Veil.Vision.Models;

namespace Veil.Vision.Tests.Models;

/// <summary>Small generated "model" files and specs for them: the store only cares about bytes and sha256.</summary>
internal static class FakeModels
{
    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static ModelSpec Spec(byte[] bytes, params ModelSource[] sources) => new()
    {
        Name = "fake",
        Task = "face",
        File = "fake_model.onnx",
        Sha256 = Sha256(bytes),
        Size = bytes.Length,
        License = "Apache-2.0",
        Input = new ModelInputSpec { Name = "input", Layout = ModelTensorLayout.Nchw, Colour = ModelColourOrder.Bgr },
        Outputs = ["out"],
        Decoder = "yunet",
        Sources = sources,
    };

    /// <summary>A URL nobody listens on: a loopback port that was free a moment ago.</summary>
    public static ModelSource ClosedPortUrl() => new() { Url = $"http://127.0.0.1:{Veil.TestSupport.LoopbackPort.PickFree()}/fake_model.onnx" };

    public static ModelSource Dir(string dir) => new() { Dir = dir };
}
