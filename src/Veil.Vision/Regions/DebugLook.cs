namespace Veil.Vision.Regions;

internal static class DebugLook
{
    public static readonly bool On = Environment.GetEnvironmentVariable("VEIL_DEBUG_LOOK") is "1" or "2";
    public static readonly bool Verbose = Environment.GetEnvironmentVariable("VEIL_DEBUG_LOOK") == "2";
}
