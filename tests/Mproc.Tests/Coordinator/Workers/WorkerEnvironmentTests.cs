using Mproc.Coordinator.Workers;
using Mproc.Protocol;
using Xunit;

namespace Mproc.Tests.Coordinator.Workers;

public class WorkerEnvironmentTests
{
    private static readonly WorkerIdentity Identity = new("run-1", "secret-1", 3, ["/a/Tests.dll"], 42);

    [Fact]
    public void For_AWorker_NamesItsRunAndPlace()
    {
        var variables = WorkerEnvironment.For(Identity, 2, _ => null);

        Assert.Equal("2", variables[ProtocolConstants.WorkerIdVariable]);
        Assert.Equal("3", variables[ProtocolConstants.WorkerCountVariable]);
        Assert.Equal("run-1", variables[ProtocolConstants.RunIdVariable]);
        Assert.Equal("secret-1", variables[ProtocolConstants.SecretVariable]);
    }

    [Fact]
    public void For_WithoutAGen0BudgetOfTheUsers_Sets64MiB()
    {
        var variables = WorkerEnvironment.For(Identity, 0, _ => null);

        Assert.Equal(64 * 1024 * 1024, Convert.ToInt32(variables[WorkerEnvironment.Gen0BudgetVariable], 16));
    }

    [Theory]
    [InlineData("DOTNET_GCgen0size")]
    [InlineData("COMPlus_GCgen0size")]
    public void For_WhenTheUserSetAGen0Budget_LeavesItAlone(string usersVariable)
    {
        var variables = WorkerEnvironment.For(Identity, 0, name => name == usersVariable ? "1000000" : null);

        Assert.False(variables.ContainsKey(WorkerEnvironment.Gen0BudgetVariable));
    }
}
