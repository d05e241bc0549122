namespace Contextual;

/// <summary>Tests NUnit runs on a thread of its own, and work a test hands to other threads.</summary>
public sealed class ThreadTests
{
    // [Timeout] runs the test on another thread (obsolete in NUnit 4 but still honoured, and still used).
#pragma warning disable CS0618
    [Test]
    [Timeout(60_000)]
    public void WithATimeout_CreatesByName()
    {
        Assert.That(ByName.CreateThroughAppDomain("Contextual.Widget"), Is.TypeOf<Widget>());
    }
#pragma warning restore CS0618

    [Test]
    public async Task OnThePool_CreatesByName()
    {
        var created = await Task.Run(() => ByName.CreateThroughAppDomain("Contextual.Widget"));
        Assert.That(created, Is.TypeOf<Widget>());
    }

    [Test]
    public void OnANewThread_CreatesByName()
    {
        object? created = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                created = ByName.CreateThroughAppDomain("Contextual.Widget");
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        Assert.That(failure, Is.Null);
        Assert.That(created, Is.TypeOf<Widget>());
    }
}
