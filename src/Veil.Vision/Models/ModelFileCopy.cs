namespace Veil.Vision.Models;

/// <summary>Copying a fetched stream into the destination file, with a size cap so a wrong source cannot fill the disk.</summary>
internal static class ModelFileCopy
{
    private const long UnknownSizeLimit = 2L << 30;

    /// <summary>The most bytes a source may deliver: a little over the manifest's size, else 2 GiB.</summary>
    public static long Limit(ModelSpec spec) => spec.Size is { } size ? size + 1 : UnknownSizeLimit;

    public static async Task CopyAsync(Stream from, string destination, long limit, CancellationToken cancellationToken)
    {
        await using var to = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16,
            FileOptions.Asynchronous);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long total = 0;
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                // More than expected already means the wrong file; stop before it costs more disk or time.
                if (total > limit) throw new ModelSourceUnavailableException($"delivered more than the expected {limit - 1} bytes");
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
