using System.Buffers;
using Veil.Ingest;

namespace Veil.Fuzz.Fakes;

/// <summary>A publish feed that keeps what it is given in memory: the stream a publisher's ingest produced, for checking.</summary>
public sealed class MemoryFeed(string stream = "fuzz") : IPublishFeed
{
    private readonly ArrayBufferWriter<byte> _bytes = new();
    private readonly List<int> _writes = new();
    private readonly TaskCompletionSource<PublishStop> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Stream => stream;

    /// <summary>Everything written, in order (read it once the writer is done, e.g. after <see cref="Stopped"/>).</summary>
    public ReadOnlySpan<byte> Written => _bytes.WrittenSpan;

    /// <summary>The length of each write.</summary>
    public IReadOnlyList<int> Writes => _writes;

    public Task<PublishStop> Stopped => _stopped.Task;

    public PublishStats Stats => default;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        Append(bytes.Span);
        return ValueTask.CompletedTask;
    }

    public bool TryWrite(ReadOnlySpan<byte> bytes)
    {
        Append(bytes);
        return true;
    }

    public void Complete() => _stopped.TrySetResult(new PublishStop(PublishStopKind.Finished, "the publisher finished"));

    private void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_writes)
        {
            _bytes.Write(bytes);
            _writes.Add(bytes.Length);
        }
    }
}
