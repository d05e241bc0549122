namespace Mproc.Protocol.Transport;

/// <summary>
/// The byte layout of a worker's event log: a file the coordinator creates for one worker process,
/// which both map into memory. The worker appends its one-way messages (test and suite starts and
/// results, live output) as frames (<see cref="FrameLayout"/>) to a ring; the coordinator takes them
/// out when it next looks. Nothing is a system call on the worker's side, and whatever the worker
/// appended before it died is still there for the coordinator to read.
/// <code>
/// offset  size      field
/// 0       4         magic "MPEL" (bytes 4D 50 45 4C)
/// 4       4         layout version, unsigned, native byte order (2)
/// 8       4         ring capacity C in bytes, unsigned, native byte order
/// 12      4         reserved (0)
/// 16      8         W: bytes ever appended, signed, native byte order; written only by the worker
/// 24      8         R: bytes ever taken, signed, native byte order; written only by the coordinator
/// 32      4         F: tests failed in the run by other workers (or failed for them by the coordinator),
///                   signed, native byte order; written only by the coordinator, read by the worker
///                   before each test under --max-fail
/// 36      28        reserved (0)
/// 64      C         the ring: byte i of the log stream is at 64 + (i mod C)
/// </code>
/// Both processes run on one machine, so positions are native machine words; each is written only by
/// its owner, after the bytes it covers (release), and read before them (acquire). 0 &lt;= W - R &lt;= C.
/// A frame is whole once W covers it: a worker that dies mid-append leaves no half frame.
/// </summary>
public static class EventLogLayout
{
    public const int HeaderSize = 64;

    public const uint LayoutVersion = 2;

    public const int MagicOffset = 0;

    public const int VersionOffset = 4;

    public const int CapacityOffset = 8;

    public const int WritePositionOffset = 16;

    public const int ReadPositionOffset = 24;

    public const int FailuresElsewhereOffset = 32;

    /// <summary>Ring size of a worker's log: room for thousands of results between two looks.</summary>
    public const int DefaultCapacity = 1024 * 1024;

    /// <summary>Frames larger than this share of the ring go on the connection instead.</summary>
    public const int MaxFrameShare = 4;

    public static ReadOnlySpan<byte> Magic => "MPEL"u8;
}
