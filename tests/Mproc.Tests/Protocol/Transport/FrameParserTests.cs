using System.Buffers;
using System.Buffers.Binary;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;
using static Mproc.Tests.Protocol.Transport.FrameTestHelpers;

namespace Mproc.Tests.Protocol.Transport;

public class FrameParserTests
{
    private static readonly IMessage[] Small = [new TestStarted(1), SampleMessages.FullOf(MessageTypeId.TestFinished), new TestStarted(2)];

    [Fact]
    public void TryParse_OfFramesSplitInTwoAtEveryByte_FindsEveryFrame()
    {
        byte[] bytes = Frames(Small);

        for (int cut = 0; cut <= bytes.Length; cut++)
        {
            DeepAssert.Equal(Small, ParseAll(SegmentedSequence.Cut(bytes, cut)), $"cut at {cut}");
        }
    }

    [Fact]
    public void TryParse_OfFramesSplitInThreeAtEveryPairOfBytes_FindsEveryFrame()
    {
        byte[] bytes = Frames(Small);

        for (int first = 0; first <= bytes.Length; first++)
        {
            for (int second = first; second <= bytes.Length; second++)
            {
                DeepAssert.Equal(Small, ParseAll(SegmentedSequence.Cut(bytes, first, second)), $"cut at {first} and {second}");
            }
        }
    }

    [Fact]
    public void TryParse_OfOneByteSegments_FindsEveryFrame()
    {
        DeepAssert.Equal(Small, ParseAll(SegmentedSequence.Chunked(Frames(Small), 1)));
    }

    [Fact]
    public void TryParse_OfSeveralFramesInOneSegment_TakesOneFrameEachTime()
    {
        var buffer = new ReadOnlySequence<byte>(Frames(Small));

        foreach (IMessage message in Small)
        {
            long before = buffer.Length;
            Assert.True(FrameParser.TryParse(ref buffer, out MessageTypeId typeId, out ReadOnlySequence<byte> body));
            Assert.Equal(message.TypeId, typeId);
            Assert.Equal(Frames(message).Length, before - buffer.Length);
            Assert.Equal(Frames(message).Length - FrameLayout.HeaderSize, body.Length);
        }

        Assert.True(buffer.IsEmpty);
        Assert.False(FrameParser.TryParse(ref buffer, out _, out _));
    }

    [Fact]
    public void TryParse_OfAFrameBiggerThanASegment_GivesItsBodyAcrossTheSegments()
    {
        IMessage[] sent = LargeAndSmallFrames();
        var buffer = SegmentedSequence.Chunked(Frames(sent), 64 * 1024);

        var bodies = new List<ReadOnlySequence<byte>>();
        var messages = new List<IMessage>();
        while (FrameParser.TryParse(ref buffer, out MessageTypeId typeId, out ReadOnlySequence<byte> body))
        {
            bodies.Add(body);
            messages.Add(MessageSerializer.Decode(typeId, body));
        }

        DeepAssert.Equal(sent, messages);
        Assert.False(bodies[1].IsSingleSegment);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryParse_OfAFrameNotWhollyThere_ReturnsFalseAndLeavesTheBufferAsItWas()
    {
        byte[] bytes = Frames(SampleMessages.FullOf(MessageTypeId.TestFinished));

        for (int length = 0; length < bytes.Length; length++)
        {
            var buffer = SegmentedSequence.Cut(bytes[..length], length / 2);
            SequencePosition start = buffer.Start;

            Assert.False(FrameParser.TryParse(ref buffer, out _, out _), $"{length} bytes");
            Assert.Equal(start, buffer.Start);
            Assert.Equal(length, buffer.Length);
        }
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData((uint)ProtocolConstants.MaxFrameLength + 1)]
    [InlineData(uint.MaxValue)]
    public void TryParse_OfLengthOutOfRange_ThrowsProtocolExceptionOnceItsFourBytesAreThere(uint length)
    {
        byte[] prefix = new byte[FrameLayout.LengthPrefixSize];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, length);

        for (int cut = 0; cut <= prefix.Length; cut++)
        {
            var shorter = SegmentedSequence.Cut(prefix[..^1], Math.Min(cut, prefix.Length - 1));
            Assert.False(FrameParser.TryParse(ref shorter, out _, out _));
            var whole = SegmentedSequence.Cut(prefix, cut);
            Assert.Throws<ProtocolException>(() => FrameParser.TryParse(ref whole, out _, out _));
        }
    }

    [Fact]
    public void TryParse_OfAnEmptyBody_GivesAnEmptyBody()
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString("00000002" + "0015" + "00000003"));

        Assert.True(FrameParser.TryParse(ref buffer, out MessageTypeId typeId, out ReadOnlySequence<byte> body));

        Assert.Equal((MessageTypeId)0x15, typeId);
        Assert.True(body.IsEmpty);
        Assert.Equal(4, buffer.Length);
    }

    private static List<IMessage> ParseAll(ReadOnlySequence<byte> buffer)
    {
        var messages = new List<IMessage>();
        while (FrameParser.TryParse(ref buffer, out MessageTypeId typeId, out ReadOnlySequence<byte> body))
        {
            messages.Add(MessageSerializer.Decode(typeId, body));
        }

        Assert.True(buffer.IsEmpty);
        return messages;
    }
}
