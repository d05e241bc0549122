using System.Text;
using MessagePack;
using Mproc.Protocol;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;
using static Mproc.Tests.Protocol.CodecTestHelpers;

namespace Mproc.Tests.Protocol.Codec;

/// <summary>Any .NET string crosses the wire as it is, also one that is not well-formed UTF-16.</summary>
public class LosslessTextTests
{
    // Not enumerated at discovery: xunit would turn each lone surrogate into U+FFFD on the way.
    public static TheoryData<string> NotWellFormed => new()
    {
        "\ud800",
        "\udc00",
        "lone \ud800 high",
        "lone \udc00 low",
        "reversed \udc00\ud800 pair",
        "\udbff at the start",
        "at the end \ud800",
        "\udfff",
        "pair \ud83d\ude00 then lone \udc00, del \u007f, c1 \u0085\u009f",
        "\ud800\ud800\udc00",
    };

    [Theory]
    [MemberData(nameof(NotWellFormed), DisableDiscoveryEnumeration = true)]
    public void WriteText_OfStringNotWellFormed_RoundTripsEveryCodeUnit(string value)
    {
        byte[] bytes = Encode((ref MessagePackWriter writer) => writer.WriteText(value));

        Assert.Equal(value, Read(bytes, (ref MessagePackReader reader) => reader.ReadText()));
        Assert.Equal(value, Read(bytes, (ref MessagePackReader reader) => reader.ReadNullableText()));
        Assert.Equal(MessagePackType.Extension, new MessagePackReader(bytes).NextMessagePackType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pair \ud83d\ude00 ok")]
    [InlineData("del \u007f and c1 \u0085\u009f")]
    public void WriteText_OfWellFormedString_IsPlainUtf8Str(string value)
    {
        byte[] bytes = Encode((ref MessagePackWriter writer) => writer.WriteText(value));

        Assert.Equal(MessagePackType.String, new MessagePackReader(bytes).NextMessagePackType);
        Assert.Equal(Encoding.UTF8.GetBytes(value), bytes[^Encoding.UTF8.GetByteCount(value)..]);
        Assert.Equal(value, Read(bytes, (ref MessagePackReader reader) => reader.ReadText()));
    }

    [Theory]
    [InlineData("d40241")] // ext type 2
    [InlineData("d50100d8")] // UTF-16 ext with 2 bytes is fine ...
    [InlineData("c7030100d841")] // ... 3 bytes is not whole code units
    [InlineData("c7040100d8")] // cut short
    public void ReadText_OfMalformedExt_ThrowsProtocolExceptionOrReadsWholeUnits(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);

        if (hex == "d50100d8")
        {
            Assert.Equal("\ud800", Read(bytes, (ref MessagePackReader reader) => reader.ReadText()));
            return;
        }

        Assert.Throws<ProtocolException>(() => Read(bytes, (ref MessagePackReader reader) => reader.ReadText()));
    }

    /// <summary>Every kind of string field: required, nullable, in a list, in a nested record, in a list of nested records.</summary>
    [Theory]
    [MemberData(nameof(NotWellFormed), DisableDiscoveryEnumeration = true)]
    public void Decode_OfMessagesWithTheStringInEveryStringField_RoundTrips(string odd)
    {
        var node = new TestNode(0, 1, odd, odd, odd, odd, odd, odd, odd, 2, [odd, odd]);
        var child = node with { ParentIndex = 0, Name = odd + "x", FullName = odd + "." + odd + "x" };
        var outcome = new TestOutcome(odd, odd, odd, odd, odd, odd, 1, 2, 0.5, 3, [new TestAttachment(odd, odd), new TestAttachment(odd, null)]);
        IMessage[] messages =
        [
            new Hello(ProtocolConstants.Version, 1, 2, odd, odd, odd),
            new Welcome(ProtocolConstants.Version, odd, 2, [odd, odd], odd, 3, Timings: [new AssemblyTimings(odd, ExpectedDurations.Of([(odd, 1.5)]))]),
            new Rejected(odd),
            new AbortRun(odd),
            new Discovered([new AssemblyDiscovery(odd, odd, odd, [node, child])]),
            new TestFinished(4, outcome),
            new SuiteFinished(5, outcome),
            new WorkerFailed(odd, odd),
            new GlobalFixtureRequest(odd, odd),
            new GlobalFixtureValue(odd, odd),
            new TestOutputLine(6, odd, odd),
            new OutputPart(true, 7, odd),
        ];

        foreach (var message in messages)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            MessageSerializer.Encode(message, buffer);
            DeepAssert.Equal(message, MessageSerializer.Decode(message.TypeId, buffer.WrittenMemory));
        }
    }
}
