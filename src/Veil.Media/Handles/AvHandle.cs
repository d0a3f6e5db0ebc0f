using System.Runtime.InteropServices;

namespace Veil.Media.Handles;

/// <summary>
/// Base of every owned FFmpeg object: a SafeHandle whose ReleaseHandle calls the matching *_free
/// exactly once, even when the owner forgets to dispose (the finalizer) or disposes twice.
/// </summary>
internal abstract class AvHandle : SafeHandle
{
    protected AvHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw pointer, borrowed: valid while this handle is alive.</summary>
    public nint Ptr
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    protected void Adopt(nint ptr, string what)
    {
        if (ptr == 0) throw new OutOfMemoryException($"{what} returned NULL");
        SetHandle(ptr);
    }
}
