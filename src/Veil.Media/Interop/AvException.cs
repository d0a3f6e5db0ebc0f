using System.Runtime.InteropServices;

namespace Veil.Media.Interop;

/// <summary>A negative FFmpeg return code: names the call and carries av_strerror's text.</summary>
public sealed class AvException : Exception
{
    public AvException(string call, int code, string? context = null)
        : base($"{(context is null ? "" : context + ": ")}{call} failed: {ErrorText(code)}")
    {
        Call = call;
        Code = code;
    }

    public string Call { get; }
    public int Code { get; }

    public static unsafe string ErrorText(int code)
    {
        byte* buf = stackalloc byte[256];
        if (Avutil.av_strerror(code, buf, 256) < 0) return $"error {code}";
        return Marshal.PtrToStringUTF8((nint)buf) ?? $"error {code}";
    }

    /// <summary>Throws for any negative code; returns non-negative codes.</summary>
    public static int Check(int code, string call, string? context = null)
        => code < 0 ? throw new AvException(call, code, context) : code;
}
