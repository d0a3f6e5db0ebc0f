namespace Veil.Media.Pipeline;

/// <summary>
/// A bounded queue between two pipeline stages, each on its own thread: a full queue blocks the
/// writer (back-pressure), an empty one blocks the reader. A ring buffer under one lock, so a
/// steady stream allocates nothing (the framework's channels allocate an operation per wait).
/// Cancellation wakes both sides with <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class StageQueue<T> : IDisposable
{
    private readonly T[] _ring;
    private readonly object _gate = new();
    private readonly CancellationToken _ct;
    private readonly CancellationTokenRegistration _wake;
    private int _head, _count;
    private bool _completed;

    public StageQueue(int capacity, CancellationToken ct)
    {
        _ring = new T[capacity];
        _ct = ct;
        _wake = ct.Register(() => { lock (_gate) Monitor.PulseAll(_gate); });
    }

    public int Capacity => _ring.Length;

    /// <summary>Items waiting now.</summary>
    public int Count
    {
        get { lock (_gate) return _count; }
    }

    /// <summary>Adds the item, waiting while the queue is full; throws when cancelled or completed.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            while (_count == _ring.Length && !_completed)
            {
                _ct.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }
            _ct.ThrowIfCancellationRequested();
            if (_completed) throw new InvalidOperationException("stage queue written to after it was completed");
            Enqueue(item);
        }
    }

    /// <summary>Adds the item unless the queue is full or completed (a reader that must never hold its writer back).</summary>
    public bool TryAdd(T item)
    {
        lock (_gate)
        {
            if (_count == _ring.Length || _completed) return false;
            Enqueue(item);
            return true;
        }
    }

    /// <summary>Takes the oldest item, waiting while the queue is empty; false once it is completed and drained.</summary>
    public bool TryTake(out T item)
    {
        lock (_gate)
        {
            _ct.ThrowIfCancellationRequested(); // a failed run stops at once, with items still queued
            while (_count == 0 && !_completed)
            {
                _ct.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }
            return TryDequeue(out item);
        }
    }

    /// <summary>
    /// Takes the oldest item, waiting at most <paramref name="waitMs"/> while the queue is empty;
    /// false with <paramref name="ended"/> set once it is completed and drained, false alone when the time ran out.
    /// </summary>
    public bool TryTake(out T item, int waitMs, out bool ended)
    {
        lock (_gate)
        {
            _ct.ThrowIfCancellationRequested();
            if (_count == 0 && !_completed) Monitor.Wait(_gate, waitMs);
            _ct.ThrowIfCancellationRequested();
            ended = _count == 0 && _completed;
            return TryDequeue(out item);
        }
    }

    /// <summary>Takes an item without waiting (draining after a failure).</summary>
    public bool TryTakeNow(out T item)
    {
        lock (_gate) return TryDequeue(out item);
    }

    /// <summary>No more items will be added; the reader ends once it has taken the rest.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void Enqueue(T item)
    {
        _ring[(_head + _count) % _ring.Length] = item;
        _count++;
        Monitor.PulseAll(_gate);
    }

    private bool TryDequeue(out T item)
    {
        if (_count == 0)
        {
            item = default!;
            return false;
        }
        item = _ring[_head];
        _ring[_head] = default!;
        _head = (_head + 1) % _ring.Length;
        _count--;
        Monitor.PulseAll(_gate);
        return true;
    }

    public void Dispose() => _wake.Dispose();
}
