using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>An owned AVAudioFifo (av_audio_fifo_alloc / av_audio_fifo_free).</summary>
internal sealed class AudioFifoHandle : AvHandle
{
    public AudioFifoHandle(int sampleFormat, int channels, int samples)
        => Adopt(Avutil.av_audio_fifo_alloc(sampleFormat, channels, samples), "av_audio_fifo_alloc");

    protected override bool ReleaseHandle()
    {
        Avutil.av_audio_fifo_free(handle);
        return true;
    }
}
