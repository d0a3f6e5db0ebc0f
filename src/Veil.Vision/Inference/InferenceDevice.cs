namespace Veil.Vision.Inference;

/// <summary>Where ONNX Runtime runs the models: the CPU (default) or an NVIDIA GPU through CUDA.</summary>
public enum InferenceDevice { Cpu, Cuda }
