using System.Runtime.InteropServices;
using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>
/// An AVDictionary of options. FFmpeg functions take it by reference (AVDictionary**) and leave in
/// it the options they did not use, so the slot lives in native memory where it cannot move.
/// </summary>
internal sealed unsafe class AvDictionary : IDisposable
{
    private nint* _slot = (nint*)NativeMemory.AllocZeroed((nuint)sizeof(nint));

    public AvDictionary(IEnumerable<KeyValuePair<string, string>>? entries = null)
    {
        if (entries is null) return;
        foreach (var (k, v) in entries) Set(k, v);
    }

    public void Set(string key, string value)
        => AvException.Check(Avutil.av_dict_set(Ref, key, value, 0), "av_dict_set", key);

    /// <summary>The AVDictionary** to pass to FFmpeg; valid until disposal.</summary>
    public nint* Ref => _slot != null ? _slot : throw new ObjectDisposedException(nameof(AvDictionary));

    public int Count => Avutil.av_dict_count(*Ref);

    /// <summary>Keys FFmpeg left unused (it removes the ones it consumed).</summary>
    public IReadOnlyList<string> RemainingKeys()
    {
        var keys = new List<string>();
        nint entry = 0;
        while ((entry = Avutil.av_dict_get(*Ref, "", entry, 2 /* AV_DICT_IGNORE_SUFFIX */)) != 0)
            keys.Add(Marshal.PtrToStringUTF8(*(nint*)entry) ?? "");
        return keys;
    }

    public void Dispose()
    {
        if (_slot == null) return;
        Avutil.av_dict_free(_slot);
        NativeMemory.Free(_slot);
        _slot = null;
    }
}
