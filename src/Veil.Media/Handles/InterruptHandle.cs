using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>
/// The shim's interrupt callback: FFmpeg polls it during blocking I/O, so a deadline (connect,
/// read) or a cancellation ends the call with AVERROR_EXIT instead of hanging.
/// </summary>
internal sealed class InterruptHandle : AvHandle
{
    public InterruptHandle() => Adopt(Shim.veil_interrupt_new(), "veil_interrupt_new");

    public nint Callback => Shim.veil_interrupt_cb(Ptr);

    /// <summary>Arms a deadline from now; <see cref="TimeSpan.Zero"/> disarms it.</summary>
    public void Arm(TimeSpan timeout) => Shim.veil_interrupt_arm(Ptr, (long)(timeout.TotalMicroseconds));

    public void Cancel() => Shim.veil_interrupt_cancel(Ptr);

    public bool TimedOut => Shim.veil_interrupt_timed_out(Ptr) != 0;

    protected override bool ReleaseHandle()
    {
        Shim.veil_interrupt_free(handle);
        return true;
    }
}
