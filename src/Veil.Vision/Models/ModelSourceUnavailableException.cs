namespace Veil.Vision.Models;

/// <summary>A source that could not give the file; the store reports the reason and tries the next source.</summary>
internal sealed class ModelSourceUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);
