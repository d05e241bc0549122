using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Protocol;

/// <summary>Type ids are part of the wire protocol: changing one breaks every peer built before the change.</summary>
public class MessageTypeIdTests
{
    [Fact]
    public void MessageTypeId_Values_ArePinned()
    {
        Assert.Equal(1, (ushort)MessageTypeId.Hello);
        Assert.Equal(2, (ushort)MessageTypeId.Welcome);
        Assert.Equal(3, (ushort)MessageTypeId.Rejected);
        Assert.Equal(4, (ushort)MessageTypeId.Discovered);
        Assert.Equal(5, (ushort)MessageTypeId.StartRun);
        Assert.Equal(6, (ushort)MessageTypeId.AbortRun);
        Assert.Equal(7, (ushort)MessageTypeId.ClaimRequest);
        Assert.Equal(8, (ushort)MessageTypeId.ClaimGrant);
        Assert.Equal(9, (ushort)MessageTypeId.TestStarted);
        Assert.Equal(10, (ushort)MessageTypeId.TestFinished);
        Assert.Equal(11, (ushort)MessageTypeId.SuiteFinished);
        Assert.Equal(12, (ushort)MessageTypeId.WorkerDone);
        Assert.Equal(13, (ushort)MessageTypeId.WorkerFailed);
        Assert.Equal(14, (ushort)MessageTypeId.GlobalFixtureRequest);
        Assert.Equal(15, (ushort)MessageTypeId.GlobalFixtureValue);
        Assert.Equal(16, (ushort)MessageTypeId.TestOutputLine);
        Assert.Equal(17, (ushort)MessageTypeId.SuiteStarted);
        Assert.Equal(18, (ushort)MessageTypeId.EventOnConnection);
        Assert.Equal(19, (ushort)MessageTypeId.OutputPart);
        Assert.Equal(20, (ushort)MessageTypeId.TestUnreported);
        Assert.Equal(21, (ushort)MessageTypeId.FixtureHostEnd);
        Assert.Equal(22, (ushort)MessageTypeId.FixtureHostEnded);
        Assert.Equal(23, (ushort)MessageTypeId.FixtureHostStage);
        Assert.Equal(24, (ushort)MessageTypeId.FixtureOutputLine);
    }

    [Fact]
    public void MessageTypeId_AllValues_ArePinnedByTheTestAbove()
    {
        // A new message must be added to MessageTypeId_Values_ArePinned as well.
        Assert.Equal(24, Enum.GetValues<MessageTypeId>().Length);
    }

    [Fact]
    public void MessageTypeId_Values_AreUnique()
    {
        ushort[] values = Enum.GetValues<MessageTypeId>().Select(id => (ushort)id).ToArray();

        Assert.Equal(values.Length, values.Distinct().Count());
    }

    [Fact]
    public void MessageTypeId_NoValue_IsZero()
    {
        Assert.DoesNotContain(Enum.GetValues<MessageTypeId>(), id => (ushort)id == 0);
    }

    [Fact]
    public void MessageTypeId_OfEachMessage_MatchesItsRecord()
    {
        foreach (IMessage message in SampleMessages.Full)
        {
            Assert.Equal(message.GetType().Name, message.TypeId.ToString());
        }
    }
}
