using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;

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

    public static async Task<List<IMessage>> ReadAllAsync(FrameReader reader)
    {
        var messages = new List<IMessage>();
        while (await reader.ReadAsync().AsTask().WaitAsync(TestTimeout) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }
}
