using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;

namespace Mproc.Tests.Protocol.Transport;

internal static class FrameTestHelpers
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The bytes <see cref="FrameWriter"/> puts on the wire for these messages.</summary>
    public static byte[] Frames(params IMessage[] messages)
    {
        using var stream = new MemoryStream();
        using (var writer = new FrameWriter(stream, leaveOpen: true))
        {
            foreach (IMessage message in messages)
            {
                writer.Send(message);
            }

            writer.Flush();
        }

        return stream.ToArray();
    }

    /// <summary>Frames with bodies of megabytes between small ones: larger than any read buffer.</summary>
    public static IMessage[] LargeAndSmallFrames()
    {
        TestOutcome outcome = SampleMessages.FullOutcome;
        return
        [
            new TestStarted(1),
            new TestFinished(1, outcome with { Output = new string('o', 3_000_000) }),
            new TestStarted(2),
            new TestFinished(2, outcome with { Output = new string('p', 100_000) }),
            new TestFinished(3, outcome),
        ];
    }

    /// <summary>Whole frames whose body does not decode as their type.</summary>
    public static TheoryData<string> BodiesThatDoNotDecode() =>
    [
        "000000020005", // StartRun with an empty body: not a map
        "0000000400018100a1", // Hello {0: "<cut>"}: body shorter than its string
        "00000005000181a17801", // Hello with a string key
        "0000000400098005", // TestStarted: bytes after the map
    ];

    public static List<IMessage> ReadAll(FrameReader reader)
    {
        var messages = new List<IMessage>();
        while (reader.Read() is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    public static async Task<List<IMessage>> ReadAllAsync(PipeFrameReader reader)
    {
        var messages = new List<IMessage>();
        while (await reader.ReadAsync().AsTask().WaitAsync(TestTimeout) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }
}
