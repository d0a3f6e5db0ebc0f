using Grpc.Core;

namespace Veil.Fuzz.Fakes;

/// <summary>A call's request stream, from messages already parsed.</summary>
public sealed class RequestList<T>(IReadOnlyList<T> messages) : IAsyncStreamReader<T>
{
    private int _next = -1;

    public T Current => messages[_next];

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(++_next < messages.Count);
    }
}
