using System.Buffers;
using Mproc.Protocol;
using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;

namespace Mproc.Tests.Protocol.Transport;

public class MessageSerializerTests
{
    public static TheoryData<MessageTypeId> AllTypeIds => new(Enum.GetValues<MessageTypeId>());

    public static TheoryData<int> SparseIndexes => new(Enumerable.Range(0, SampleMessages.Sparse.Count));

    [Fact]
    public void Samples_CoverEveryMessageTypeId()
    {
        Assert.Equal(
            Enum.GetValues<MessageTypeId>().Order(),
            SampleMessages.Full.Select(message => message.TypeId).Order());
    }

    [Theory]
    [MemberData(nameof(AllTypeIds))]
    public void Sample_OfEachType_HasNoDefaultField(MessageTypeId typeId)
    {
        DeepAssert.NoDefaults(SampleMessages.FullOf(typeId));
    }

    [Theory]
    [MemberData(nameof(AllTypeIds))]
    public void Decode_OfEncodedMessage_RoundTripsEveryField(MessageTypeId typeId)
    {
        IMessage message = SampleMessages.FullOf(typeId);

        IMessage decoded = MessageSerializer.Decode(typeId, Encode(message));

        DeepAssert.Equal(message, decoded);
    }

    [Theory]
    [MemberData(nameof(SparseIndexes))]
    public void Decode_OfMessageWithNullsAndEmptyLists_RoundTrips(int index)
    {
        IMessage message = SampleMessages.Sparse[index];

        IMessage decoded = MessageSerializer.Decode(message.TypeId, Encode(message));

        DeepAssert.Equal(message, decoded);
    }

    [Fact]
    public void Discovered_NodesWhoseNamesFollowFromTheirParent_RoundTripSmaller()
    {
        TestNode Node(int parent, int ordinal, string name, string fullName, string? className) =>
            new(parent, ordinal, "0-" + ordinal, ordinal < 0 ? "TestFixture" : "TestMethod", name, fullName, className, ordinal < 0 ? null : name, "Runnable", 7, []);
        var nodes = new List<TestNode>
        {
            Node(-1, -1, "A.dll", "/x/A.dll", null),
            Node(0, -1, "Fixture", "Ns.Fixture", "Ns.Fixture"),
            Node(1, 0, "Test", "Ns.Fixture.Test", "Ns.Fixture"),
            Node(1, 1, "Case(1)", "Ns.Fixture.Case(1)", "Ns.Fixture"),
            Node(1, 2, "Other", "Elsewhere.Other", "Ns.Other"),
            Node(1, 3, "Null", "Ns.Fixture.Null", null),
            Node(1, 4, "Fixture.Test", "Ns.Fixture.Fixture.Test", "Ns.Fixture"),
        };
        var message = new Discovered([new AssemblyDiscovery("/x/A.dll", "4.4.0", null, nodes)]);
        var spelledOut = new Discovered([new AssemblyDiscovery("/x/A.dll", "4.4.0", null, nodes.Select(n => n with { ParentIndex = n.ParentIndex + 100 }).ToList())]);

        var body = Encode(message);
        DeepAssert.Equal(message, MessageSerializer.Decode(MessageTypeId.Discovered, body));
        Assert.True(body.Length + 60 < Encode(spelledOut).Length, $"{body.Length} bytes with names left out, {Encode(spelledOut).Length} without");
    }

    [Fact]
    public void Discovered_ANodeWithoutFullNameOrClassName_AndNoEarlierParent_GetsTheDefaults()
    {
        // {0: [{3: [{0: 5, 1: 0, 4: "T"}]}]}: one assembly, one node of ParentIndex 5 (no such earlier
        // node), Ordinal 0 and Name "T", without FullName or ClassName.
        var discovered = Assert.IsType<Discovered>(MessageSerializer.Decode(MessageTypeId.Discovered, Convert.FromHexString("81" + "00" + "91" + "81" + "03" + "91" + "83" + "00" + "05" + "01" + "00" + "04" + "A154")));

        var node = Assert.Single(Assert.Single(discovered.Assemblies).Nodes);
        Assert.Equal((string.Empty, (string?)null, "T"), (node.FullName, node.ClassName, node.Name));
    }

    [Fact]
    public void Encode_TestStarted_IsAMapKeyedByFieldNumber()
    {
        // {0: 5}
        Assert.Equal("810005", Convert.ToHexStringLower(Encode(new TestStarted(5))));
    }

    [Fact]
    public void Encode_WorkerFailedWithNullDetails_WritesNil()
    {
        // {0: "m", 1: nil}
        Assert.Equal("8200a16d01c0", Convert.ToHexStringLower(Encode(new WorkerFailed("m", null))));
    }

    [Fact]
    public void Decode_WithUnknownFields_SkipsThem()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(7);
        writer.Write(99);
        WriteNestedJunk(ref writer);
        writer.Write(0);
        writer.Write(1);
        writer.Write(1);
        writer.Write(3);
        writer.Write(100);
        writer.Write(new byte[] { 1, 2, 3 });
        writer.Write(2);
        writer.Write(4242);
        writer.Write(3);
        writer.WriteText("secret");
        writer.Write(4);
        writer.WriteText("10.0.0");
        writer.Flush();

        var decoded = (Hello)MessageSerializer.Decode(MessageTypeId.Hello, buffer.WrittenMemory);

        Assert.Equal(new Hello(1, 3, 4242, "secret", "10.0.0"), decoded);
    }

    [Fact]
    public void Decode_OfGlobalFixtureRequestWithoutScope_IsBuildScoped()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(2);
        writer.Write(0);
        writer.WriteText("T, A");
        writer.Write(1);
        writer.WriteText("/a/A.dll");
        writer.Flush();

        var decoded = (GlobalFixtureRequest)MessageSerializer.Decode(MessageTypeId.GlobalFixtureRequest, buffer.WrittenMemory);

        Assert.Equal(new GlobalFixtureRequest("T, A", "/a/A.dll", GlobalFixtureScope.Build), decoded);
    }

    [Fact]
    public void Decode_OfNestedRecordWithUnknownField_SkipsIt()
    {
        byte[] outcome = Encode((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(2);
            writer.Write(50);
            WriteNestedJunk(ref writer);
            writer.Write(0);
            writer.WriteText("Passed");
        });
        var buffer = new ArrayBufferWriter<byte>();
        var body = new MessagePackWriter(buffer);
        body.WriteMapHeader(2);
        body.Write(0);
        body.Write(11);
        body.Write(1);
        body.Flush();
        buffer.Write(outcome);

        var decoded = (TestFinished)MessageSerializer.Decode(MessageTypeId.TestFinished, buffer.WrittenMemory);

        Assert.Equal(11, decoded.Ordinal);
        Assert.Equal("Passed", decoded.Outcome.Status);
        Assert.Null(decoded.Outcome.Message);
    }

    [Fact]
    public void Decode_OfAttachmentWithoutDescriptionAndWithUnknownField_KeepsPathAndNull()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var body = new MessagePackWriter(buffer);
        body.WriteMapHeader(2);
        body.Write(0);
        body.Write(11);
        body.Write(1);
        body.WriteMapHeader(2);
        body.Write(0);
        body.WriteText("Passed");
        body.Write(10);
        body.WriteArrayHeader(1);
        body.WriteMapHeader(2);
        body.Write(7);
        body.WriteText("a field of a later version");
        body.Write(0);
        body.WriteText("/tmp/a.txt");
        body.Flush();

        var decoded = (TestFinished)MessageSerializer.Decode(MessageTypeId.TestFinished, buffer.WrittenMemory);

        Assert.Equal([new TestAttachment("/tmp/a.txt", null)], decoded.Outcome.AttachmentList);
    }

    [Fact]
    public void Encode_OfOutcomeWithoutAttachments_WritesNoAttachmentsField()
    {
        var decoded = (TestFinished)MessageSerializer.Decode(MessageTypeId.TestFinished, Encode(new TestFinished(3, SampleMessages.SparseOutcome)));

        Assert.Null(decoded.Outcome.Attachments);
        Assert.Empty(decoded.Outcome.AttachmentList);
    }

    [Fact]
    public void Decode_WithMissingFields_UsesDefaults()
    {
        byte[] emptyMap = [0x80];

        var hello = (Hello)MessageSerializer.Decode(MessageTypeId.Hello, emptyMap);
        var grant = (ClaimGrant)MessageSerializer.Decode(MessageTypeId.ClaimGrant, emptyMap);
        var failed = (WorkerFailed)MessageSerializer.Decode(MessageTypeId.WorkerFailed, emptyMap);

        Assert.Equal(new Hello(0, 0, 0, string.Empty, string.Empty), hello);
        Assert.Empty(grant.Mine);
        Assert.Empty(grant.Taken);
        Assert.False(grant.QueueEmpty);
        Assert.Null(failed.Details);
        Assert.Equal(string.Empty, failed.Message);
    }

    [Fact]
    public void Decode_WithMissingNestedOutcome_Throws()
    {
        Assert.Throws<ProtocolException>(() => MessageSerializer.Decode(MessageTypeId.TestFinished, new byte[] { 0x81, 0x00, 0x01 }));
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)25)]
    [InlineData((ushort)999)]
    [InlineData(ushort.MaxValue)]
    public void Decode_WithUnknownTypeId_Throws(ushort typeId)
    {
        var ex = Assert.Throws<ProtocolException>(() => MessageSerializer.Decode((MessageTypeId)typeId, new byte[] { 0x80 }));

        Assert.Contains(typeId.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8100a178")] // {0: "x"}: a string where an int belongs
    [InlineData("8103c0")] // {3: nil}: nil where a non-null string belongs
    [InlineData("8100cb3ff8000000000000")] // {0: 1.5}: a float where an int belongs
    [InlineData("8100cf8000000000000000")] // {0: 2^63}: does not fit an int
    [InlineData("91")] // not a map
    [InlineData("")] // empty body
    [InlineData("8100")] // map cut short
    [InlineData("800102")] // trailing bytes after the map
    [InlineData("81a17801")] // a string key
    [InlineData("81c101")] // invalid type byte
    public void Decode_OfMalformedHello_ThrowsProtocolException(string hex)
    {
        byte[] body = Convert.FromHexString(hex);

        var ex = Assert.Throws<ProtocolException>(() => MessageSerializer.Decode(MessageTypeId.Hello, body));

        Assert.Contains("Hello", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OfListWithWrongItemType_Throws()
    {
        // ClaimGrant {0: ["x"]}
        Assert.Throws<ProtocolException>(() => MessageSerializer.Decode(MessageTypeId.ClaimGrant, Convert.FromHexString("810091a178")));
    }

    [Fact]
    public void Decode_OfDurationsNotInWholeEntries_Throws()
    {
        // Welcome {6: [{0: "A.dll", 1: bin of 15 bytes}]}: an entry is 16 bytes.
        var ex = Assert.Throws<ProtocolException>(() => MessageSerializer.Decode(
            MessageTypeId.Welcome,
            Convert.FromHexString("810691820" + "0a541" + "2e646c6c" + "01c40f" + new string('0', 30))));

        Assert.Contains("multiple of 16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OfEveryTruncatedSample_ThrowsProtocolException()
    {
        foreach (IMessage message in SampleMessages.Full)
        {
            byte[] body = Encode(message);
            for (int cut = 0; cut < body.Length; cut++)
            {
                byte[] truncated = body[..cut];
                Assert.Throws<ProtocolException>(() => MessageSerializer.Decode(message.TypeId, truncated));
            }
        }
    }

    [Fact]
    public void Encode_OfUnknownMessageClass_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => MessageSerializer.Encode(new UnknownMessage(), new ArrayBufferWriter<byte>()));
    }

    internal static byte[] Encode(IMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MessageSerializer.Encode(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Encode(CodecTestHelpers.WriteAction write) => CodecTestHelpers.Encode(write);

    // {1: [1, {"k": [nil, true, 1.5f]}, fixext4], "x": bin, -5: {}}
    private static void WriteNestedJunk(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(3);
        writer.Write(1);
        writer.WriteArrayHeader(3);
        writer.Write(1);
        writer.WriteMapHeader(1);
        writer.WriteText("k");
        writer.WriteArrayHeader(3);
        writer.WriteNil();
        writer.Write(true);
        CodecTestHelpers.WriteRaw(ref writer, "ca3fc00000");
        CodecTestHelpers.WriteRaw(ref writer, "d60701020304");
        writer.WriteText("x");
        writer.Write(new byte[300]);
        writer.Write(-5);
        writer.WriteMapHeader(0);
    }

    private sealed class UnknownMessage : IMessage
    {
        public MessageTypeId TypeId => MessageTypeId.Hello;
    }
}
