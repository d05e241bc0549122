using System.Globalization;

namespace Outcomes.Basic;

public class WorkerIdentityTests : LoggedFixture
{
    [Test]
    public void WorkerIdIsWithinWorkerCount()
    {
        var count = Environment.GetEnvironmentVariable("MPROC_WORKER_COUNT");
        if (string.IsNullOrEmpty(count))
        {
            return;
        }

        var id = Environment.GetEnvironmentVariable("MPROC_WORKER_ID");
        Assert.That(id, Is.Not.Null.And.Not.Empty, "MPROC_WORKER_ID is not set");
        var workerId = int.Parse(id!, CultureInfo.InvariantCulture);
        var workerCount = int.Parse(count, CultureInfo.InvariantCulture);
        Assert.That(workerId, Is.GreaterThanOrEqualTo(0).And.LessThan(workerCount));
        Assert.That(Environment.GetEnvironmentVariable("MPROC_RUN_ID"), Is.Not.Null.And.Not.Empty, "MPROC_RUN_ID is not set");
    }
}
