using Google.Protobuf;
using Veil.Vision.Quantization;
using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Inference;

/// <summary>
/// The smallest model that makes the CUDA execution provider do real work: one 1x1 Conv on a
/// 1x1x1x1 tensor. A Conv runs through cuDNN, so a session over it and one run load every library
/// the detectors will need (CUDA runtime, cuBLAS, cuDNN) and talk to the driver and the device.
/// </summary>
internal static class CudaProbeModel
{
    public const string Input = "x";
    public const string Output = "y";
    public static readonly long[] Shape = [1, 1, 1, 1];

    public static byte[] Build()
    {
        var graph = new GraphProto { Name = "cuda-probe" };
        graph.Input.Add(Value(Input));
        graph.Output.Add(Value(Output));
        graph.Initializer.Add(OnnxTensors.OfFloats("w", Shape, [2f]));
        var conv = new NodeProto { OpType = "Conv", Name = "conv", Input = { Input, "w" }, Output = { Output } };
        graph.Node.Add(conv);
        var model = new ModelProto { IrVersion = 6, ProducerName = "veil", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 11 });
        return model.ToByteArray();
    }

    private static ValueInfoProto Value(string name)
    {
        var shape = new TensorShapeProto();
        foreach (var d in Shape) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = OnnxTensors.Float, Shape = shape } } };
    }
}
