using Mproc.Tests.Infrastructure;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;
using static Mproc.Tests.Protocol.Transport.FrameTestHelpers;

namespace Mproc.Tests.Protocol.Transport;

public sealed class EventLogTests : IDisposable
{
    private const int SmallCapacity = 4096;

    private readonly string _directory = TestTemp.CreateDirectory("eventlog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Create_FileIsOwnerOnly()
    {
        using var reader = EventLogReader.Create(PathFor("log"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(reader.Path));
    }

    [Fact]
    public void Drain_GivesEveryAppendedMessage_InOrder_AndNothingTwice()
    {
        using var reader = EventLogReader.Create(PathFor("log"));
        using var writer = EventLogWriter.Open(reader.Path);
        var sent = new IMessage[] { new TestStarted(1), new TestFinished(1, SampleOutcome), new SuiteStarted(4), new TestOutputLine(2, "Out", "ü ✓") };

        foreach (var message in sent)
        {
            Assert.True(writer.TryAppend(message));
        }

        var received = new List<IMessage>();
        Assert.Equal(4, reader.Drain(Collect(received)));
        Assert.Equal(0, reader.Drain(Collect(received)));
        Assert.Equal(sent.Length, received.Count);
        for (var i = 0; i < sent.Length; i++)
        {
            DeepAssert.Equal(sent[i], received[i]);
        }
    }

    [Fact]
    public void Append_AroundTheEndOfTheRing_FramesReadBackWhole()
    {
        using var reader = EventLogReader.Create(PathFor("log"), SmallCapacity);
        using var writer = EventLogWriter.Open(reader.Path);
        var received = new List<IMessage>();

        // 60-odd bytes a frame into 4 KiB: many laps, frames cut by the ring's end at every offset.
        for (var i = 0; i < 2000; i++)
        {
            Assert.True(writer.TryAppend(new TestOutputLine(i, "Out", new string('x', i % 37))));
            if (i % 7 == 0)
            {
                reader.Drain(Collect(received));
            }
        }

        reader.Drain(Collect(received));
        Assert.Equal(2000, received.Count);
        for (var i = 0; i < 2000; i++)
        {
            DeepAssert.Equal(new TestOutputLine(i, "Out", new string('x', i % 37)), received[i]);
        }
    }

    [Fact]
    public async Task TryAppend_WhenTheRingIsFull_WaitsUntilTheReaderTakesSome()
    {
        using var reader = EventLogReader.Create(PathFor("log"), SmallCapacity);
        using var writer = EventLogWriter.Open(reader.Path);
        var line = new TestOutputLine(0, "Out", new string('y', 900));
        var appended = 0;
        while (appended < 4)
        {
            Assert.True(writer.TryAppend(line));
            appended++;
        }

        var fifth = Task.Run(() => writer.TryAppend(line));
        await Task.Delay(100);
        Assert.False(fifth.IsCompleted);

        var received = new List<IMessage>();
        reader.Drain(Collect(received));
        Assert.True(await fifth.WaitAsync(TestTimeout));
        reader.Drain(Collect(received));
        Assert.Equal(5, received.Count);
    }

    [Fact]
    public void TryAppend_WhenNothingIsTakenForTheRoomTimeout_ThrowsIOException()
    {
        using var reader = EventLogReader.Create(PathFor("log"), SmallCapacity);
        using var writer = EventLogWriter.Open(reader.Path, TimeSpan.FromMilliseconds(50));
        var line = new TestOutputLine(0, "Out", new string('y', 900));
        for (var i = 0; i < 4; i++)
        {
            Assert.True(writer.TryAppend(line));
        }

        Assert.Throws<IOException>(() => writer.TryAppend(line));
    }

    [Fact]
    public void TryAppend_OfAFrameLargerThanItsShareOfTheRing_AppendsNothing()
    {
        using var reader = EventLogReader.Create(PathFor("log"), SmallCapacity);
        using var writer = EventLogWriter.Open(reader.Path);

        Assert.False(writer.TryAppend(new TestOutputLine(0, "Out", new string('z', writer.MaxFrameSize))));
        Assert.True(writer.TryAppend(new TestStarted(3)));

        var received = new List<IMessage>();
        reader.Drain(Collect(received));
        DeepAssert.Equal(new TestStarted(3), Assert.Single(received));
    }

    [Fact]
    public void Drain_AfterTheWriterIsGoneAndItsPathDeleted_StillGivesWhatItAppended()
    {
        using var reader = EventLogReader.Create(PathFor("log"));
        using (var writer = EventLogWriter.Open(reader.Path))
        {
            File.Delete(reader.Path);
            Assert.True(writer.TryAppend(new TestStarted(9)));
        }

        var received = new List<IMessage>();
        Assert.Equal(1, reader.Drain(Collect(received)));
        DeepAssert.Equal(new TestStarted(9), received[0]);
    }

    [Fact]
    public void Drain_OfAWritePositionInsideAFrame_ThrowsProtocolException()
    {
        using var reader = EventLogReader.Create(PathFor("log"));
        using (var writer = EventLogWriter.Open(reader.Path))
        {
            Assert.True(writer.TryAppend(new TestStarted(1)));
        }

        using (var mapping = EventLogMapping.Open(reader.Path))
        {
            mapping.WritePosition += 3;
        }

        Assert.Throws<ProtocolException>(() => reader.Drain(_ => true));
    }

    [Fact]
    public void Open_OfAFileThatIsNotAnEventLog_ThrowsInvalidDataException()
    {
        var path = PathFor("not-a-log");
        File.WriteAllBytes(path, new byte[8192]);

        Assert.Throws<InvalidDataException>(() => EventLogWriter.Open(path));
    }

    [Fact]
    public void Dispose_OfTheReader_DeletesTheFile()
    {
        var reader = EventLogReader.Create(PathFor("log"));
        Assert.True(File.Exists(reader.Path));

        reader.Dispose();

        Assert.False(File.Exists(reader.Path));
    }

    [Fact]
    public void Drain_WhenTheHandlerSaysStop_LeavesTheRestForTheNextCall()
    {
        using var reader = EventLogReader.Create(PathFor("log"));
        using var writer = EventLogWriter.Open(reader.Path);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(writer.TryAppend(new TestStarted(i)));
        }

        var received = new List<IMessage>();
        Assert.Equal(2, reader.Drain(m =>
        {
            received.Add(m);
            return received.Count < 2;
        }));
        Assert.Equal(3, reader.Drain(Collect(received)));
        Assert.Equal([0, 1, 2, 3, 4], received.Cast<TestStarted>().Select(s => s.Ordinal));
    }

    private static Func<IMessage, bool> Collect(List<IMessage> into) => message =>
    {
        into.Add(message);
        return true;
    };

    private static TestOutcome SampleOutcome => new("Passed", string.Empty, string.Empty, null, null, "out ✓", 1, 2, 0.5, 3);

    private string PathFor(string name) => Path.Combine(_directory, name);
}
