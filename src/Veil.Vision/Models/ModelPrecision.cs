namespace Veil.Vision.Models;

/// <summary>Which file of a model runs: the upstream float32 one, or the int8 one Veil derives from it.</summary>
public enum ModelPrecision { Fp32, Int8 }
