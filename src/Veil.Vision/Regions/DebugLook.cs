namespace Veil.Vision.Regions;

internal static class DebugLook
{
    public static readonly bool On = Environment.GetEnvironmentVariable("VEIL_DEBUG_LOOK") == "1";
}
