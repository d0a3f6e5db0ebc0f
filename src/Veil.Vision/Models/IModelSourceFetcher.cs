namespace Veil.Vision.Models;

/// <summary>Copies a model file from one kind of source into a destination file the store then verifies.</summary>
internal interface IModelSourceFetcher
{
    /// <summary>
    /// Writes the file to <paramref name="destination"/> (which does not exist yet). Throws
    /// <see cref="ModelSourceUnavailableException"/> when this source cannot give it.
    /// </summary>
    Task FetchAsync(ModelSource source, ModelSpec spec, string destination, CancellationToken cancellationToken);
}
