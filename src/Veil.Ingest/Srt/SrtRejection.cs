namespace Veil.Ingest.Srt;

/// <summary>
/// The reasons a listener gives a refused caller in the handshake (SRT_REJX_*, srt's access_control.h:
/// HTTP codes plus 1000); the caller's libsrt reports them (srt_getrejectreason, and its log line).
/// </summary>
public enum SrtRejection
{
    BadRequest = 1400,
    Unauthorized = 1401,
    Overload = 1402,
    Forbidden = 1403,
    NotFound = 1404,
    BadMode = 1405,
    Unacceptable = 1406,
    Conflict = 1409,
    Down = 1503,
}

public static class SrtRejections
{
    /// <summary>The code for a refusal of the ingest contract.</summary>
    public static SrtRejection For(PublishRefusal refusal) => refusal switch
    {
        PublishRefusal.NoSuchStream => SrtRejection.NotFound,
        PublishRefusal.NotPushStream => SrtRejection.Forbidden,
        PublishRefusal.WrongKey => SrtRejection.Unauthorized,
        PublishRefusal.Busy => SrtRejection.Conflict,
        PublishRefusal.Throttled => SrtRejection.Overload,
        PublishRefusal.OverLimit => SrtRejection.Unacceptable,
        _ => SrtRejection.Down,
    };

    /// <summary>"1401 unauthorized", as logged.</summary>
    public static string Describe(SrtRejection code) => $"{(int)code} {code switch
    {
        SrtRejection.BadRequest => "bad request",
        SrtRejection.NotFound => "not found",
        SrtRejection.BadMode => "bad mode",
        _ => code.ToString().ToLowerInvariant(),
    }}";
}
