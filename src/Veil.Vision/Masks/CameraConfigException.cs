namespace Veil.Vision.Masks;

/// <summary>A camera configuration file that cannot be used; the message names the file and the entry.</summary>
public sealed class CameraConfigException : Exception
{
    public CameraConfigException(string filePath, string problem, Exception? inner = null)
        : base($"camera config \"{filePath}\": {problem}", inner)
    {
        FilePath = filePath;
    }

    public string FilePath { get; }
}
