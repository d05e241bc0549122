using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("Mproc.Tests.Infrastructure.CleaningTestFramework", "Mproc.Tests")]

namespace Mproc.Tests.Infrastructure;

/// <summary>
/// xunit's own framework, disposed once every test of the assembly has run: the one place that runs
/// at the end even when the test host is then stopped without its exit handlers (as dotnet test
/// stops it). It removes the run's temporary folders (<see cref="TestTemp"/>).
/// </summary>
public sealed class CleaningTestFramework : XunitTestFramework
{
    public CleaningTestFramework(IMessageSink messageSink)
        : base(messageSink) => DisposalTracker.Add(new TemporaryFolders());

    private sealed class TemporaryFolders : IDisposable
    {
        public void Dispose() => TestTemp.RemoveRoot();
    }
}
