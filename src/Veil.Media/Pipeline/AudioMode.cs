namespace Veil.Media.Pipeline;

public enum AudioMode { None, Copy, TranscodeToAac }
