using Mproc.Coordinator.Jobserver;
using Xunit;

namespace Mproc.Tests.Coordinator.Jobserver;

public sealed class JobserverAuthTests
{
    [Theory]
    [InlineData(" -j8 --jobserver-auth=3,4", null, 3, 4)]
    [InlineData("-j8 --jobserver-fds=5,6", null, 5, 6)]
    [InlineData("-j4 --jobserver-auth=fifo:/tmp/GMfifo123", "/tmp/GMfifo123", -1, -1)]
    [InlineData("--jobserver-fds=3,4 -j2 --jobserver-auth=fifo:/tmp/last", "/tmp/last", -1, -1)]
    [InlineData("--jobserver-auth=fifo:/tmp/first --jobserver-auth=7,8", null, 7, 8)]
    public void Parse_FlagsWithJobserver_LastOccurrenceWins(string flags, string? fifo, int read, int write)
    {
        var auth = JobserverAuth.Parse(flags, "MAKEFLAGS");

        Assert.NotNull(auth);
        Assert.Equal(fifo, auth.FifoPath);
        Assert.Equal(read, auth.ReadFd);
        Assert.Equal(write, auth.WriteFd);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" -j8 -k")]
    [InlineData("--jobserver-auth=x,y")]
    [InlineData("--jobserver-auth=fifo:")]
    [InlineData("--jobserver-auth=3")]
    public void Parse_FlagsWithoutUsableJobserver_IsNull(string? flags) =>
        Assert.Null(JobserverAuth.Parse(flags, "MAKEFLAGS"));

    [Fact]
    public void Find_OptionWinsOverEnvironment()
    {
        var auth = JobserverAuth.Find("/tmp/opt", _ => "--jobserver-auth=3,4");

        Assert.Equal("/tmp/opt", auth!.FifoPath);
    }

    [Fact]
    public void Find_CargoMakeflagsBeforeMakeflagsBeforeMflags()
    {
        var environment = new Dictionary<string, string?>
        {
            ["CARGO_MAKEFLAGS"] = "-j2 --jobserver-auth=fifo:/tmp/cargo",
            ["MAKEFLAGS"] = "--jobserver-auth=3,4",
            ["MFLAGS"] = "--jobserver-fds=5,6",
        };

        Assert.Equal("/tmp/cargo", JobserverAuth.Find(null, v => environment.GetValueOrDefault(v))!.FifoPath);
        environment["CARGO_MAKEFLAGS"] = "-j2";
        Assert.Equal(3, JobserverAuth.Find(null, v => environment.GetValueOrDefault(v))!.ReadFd);
        environment["MAKEFLAGS"] = null;
        Assert.Equal(5, JobserverAuth.Find(null, v => environment.GetValueOrDefault(v))!.ReadFd);
        environment["MFLAGS"] = null;
        Assert.Null(JobserverAuth.Find(null, v => environment.GetValueOrDefault(v)));
    }
}
