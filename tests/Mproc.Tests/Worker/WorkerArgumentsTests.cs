using Mproc.Worker;
using Xunit;

namespace Mproc.Tests.Worker;

public sealed class WorkerArgumentsTests
{
    [Fact]
    public void TheCoordinatorsCommandLine_IsReadWhole()
    {
        Assert.True(WorkerArguments.TryParse(
            ["--pipe", "/tmp/q.sock", "--worker-id", "3", "--parent-pid", "42", "--preload", "/a/One.dll", "--preload", "/b/Two.dll", "--seed", "-5", "--events", "/tmp/q-3-1.events"],
            out var parsed,
            out var error));

        Assert.Null(error);
        Assert.Equal("/tmp/q.sock", parsed.PipePath);
        Assert.Equal(3, parsed.WorkerId);
        Assert.Equal(42, parsed.ParentPid);
        Assert.Equal(["/a/One.dll", "/b/Two.dll"], parsed.Preload);
        Assert.Equal(-5, parsed.RandomSeed);
        Assert.Equal("/tmp/q-3-1.events", parsed.EventsPath);
    }

    [Fact]
    public void PipeAndIdAlone_AreEnough()
    {
        Assert.True(WorkerArguments.TryParse(["--pipe", "p", "--worker-id", "0"], out var parsed, out _));

        Assert.Empty(parsed.Preload);
        Assert.Null(parsed.RandomSeed);
        Assert.Null(parsed.ParentPid);
        Assert.Null(parsed.EventsPath);
    }

    [Theory]
    [InlineData("--worker-id 0", "--pipe and --worker-id are required")]
    [InlineData("--pipe p --worker-id 0 --preload /a.dll", "--preload needs --seed")]
    [InlineData("--pipe p --worker-id x", "unexpected argument '--worker-id'")]
    [InlineData("--pipe p --worker-id 0 --seed", "unexpected argument '--seed'")]
    [InlineData("--pipe p --worker-id 0 --verbose 1", "unexpected argument '--verbose'")]
    [InlineData("--pipe p --worker-id 0 --events", "unexpected argument '--events'")]
    public void BadCommandLines_SayWhy(string commandLine, string expected)
    {
        Assert.False(WorkerArguments.TryParse(commandLine.Split(' '), out var parsed, out var error));

        Assert.Null(parsed);
        Assert.Equal(expected, error);
    }
}
