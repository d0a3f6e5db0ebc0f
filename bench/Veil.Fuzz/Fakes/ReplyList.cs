using Grpc.Core;

namespace Veil.Fuzz.Fakes;

/// <summary>A call's response stream, kept in memory.</summary>
public sealed class ReplyList<T> : IServerStreamWriter<T>
{
    private readonly List<T> _replies = new();

    public IReadOnlyList<T> Replies => _replies;

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message)
    {
        _replies.Add(message);
        return Task.CompletedTask;
    }

    // grpc-dotnet's writers take a token (the interface's default refuses one).
    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return WriteAsync(message);
    }
}
