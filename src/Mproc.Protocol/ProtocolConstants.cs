namespace Mproc.Protocol;

/// <summary>Version and limits of the wire protocol.</summary>
public static class ProtocolConstants
{
    /// <summary>Bumped on any incompatible change; the handshake refuses a mismatch.</summary>
    public const int Version = 9;

    /// <summary>Largest frame body accepted (type id + MessagePack payload), in bytes.</summary>
    public const int MaxFrameLength = 64 * 1024 * 1024;

    /// <summary>Environment variables a worker process is given.</summary>
    public const string WorkerIdVariable = "MPROC_WORKER_ID";
    public const string WorkerCountVariable = "MPROC_WORKER_COUNT";
    public const string RunIdVariable = "MPROC_RUN_ID";
    public const string SecretVariable = "MPROC_SECRET";
}
