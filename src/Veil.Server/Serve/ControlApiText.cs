namespace Veil.Server.Serve;

/// <summary>Client text quoted back in an error is cut short, so an answer cannot reflect a large payload.</summary>
internal static class ControlApiText
{
    private const int MaxEcho = 80;

    public static string Echo(string text) => text.Length <= MaxEcho ? text : text[..MaxEcho] + "…";
}
