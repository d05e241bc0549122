using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mproc.GlobalFixtures;

namespace GlobalFixtureSuite;

/// <summary>An address System.Text.Json's default options cannot round trip: only the fixture's own options can.</summary>
public sealed record ServiceInfo(string Url, IPAddress Address, int WorkerCount, string RunId, string Folder);

/// <summary>
/// The asynchronous API: a base class with the short accessor (Service.Value), a context (its log
/// lines show in the run's output), and its own source-generated JSON options.
/// </summary>
[GlobalFixture]
public sealed class Service : GlobalFixture<Service, ServiceInfo>, IGlobalFixtureJson
{
    public const string LogLine = "service listening for";

    public static JsonSerializerOptions JsonOptions => ServiceJson.Default.Options;

    public override async Task<ServiceInfo> SetUpAsync(GlobalFixtureContext context, CancellationToken cancellationToken)
    {
        FixtureLog.SetUp(nameof(Service));
        await Task.Delay(10, cancellationToken);
        await context.Log.WriteLineAsync($"{LogLine} {context.WorkerCount.ToString(CultureInfo.InvariantCulture)} workers");
        return new ServiceInfo("http://127.0.0.1:5005", IPAddress.Loopback, context.WorkerCount, context.RunId, context.TestAssemblyDirectory);
    }

    public override async Task TearDownAsync(ServiceInfo value, CancellationToken cancellationToken)
    {
        await Task.Yield();
        FixtureLog.TearDown(nameof(Service), value.Url.Replace(' ', '_'));
    }
}

/// <summary>Writes an IP address as its text.</summary>
public sealed class IPAddressConverter : JsonConverter<IPAddress>
{
    public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => IPAddress.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

[JsonSourceGenerationOptions(Converters = [typeof(IPAddressConverter)])]
[JsonSerializable(typeof(ServiceInfo))]
internal sealed partial class ServiceJson : JsonSerializerContext;

/// <summary>A SetUp that waits until its token is cancelled (the run's end, Ctrl+C), then logs "cancelled" and gives up.</summary>
[GlobalFixture]
public sealed class Waiting : IAsyncGlobalFixture<string>
{
    public async Task<string> SetUpAsync(GlobalFixtureContext context, CancellationToken cancellationToken)
    {
        FixtureLog.SetUp(nameof(Waiting));
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            FixtureLog.Cancelled(nameof(Waiting));
            throw;
        }

        return "never";
    }

    public Task TearDownAsync(string value, CancellationToken cancellationToken) => Task.CompletedTask;
}

[Category("Async")]
public class AsyncFixtureTests
{
    [Test]
    public void GetsTheServiceThroughTheShortAccessor([Range(1, 4)] int n)
    {
        var service = Service.Value;
        Thread.Sleep(50);
        Assert.That(service.Address, Is.EqualTo(IPAddress.Loopback));
        Assert.That(service.Folder, Is.EqualTo(TestContext.CurrentContext.TestDirectory));
        Assert.That(service.WorkerCount, Is.EqualTo(int.Parse(Environment.GetEnvironmentVariable("MPROC_WORKER_COUNT") ?? "1", CultureInfo.InvariantCulture)));
        Assert.That(service.RunId, Is.EqualTo(Environment.GetEnvironmentVariable("MPROC_RUN_ID") ?? service.RunId).And.Not.Empty);
    }

    [Test]
    public void TheLongAccessorGivesTheSameInstance() => Assert.That(GlobalFixture.Get<Service, ServiceInfo>(), Is.SameAs(Service.Value));
}

/// <summary>Waits for the Waiting fixture, which never comes: for a run that is interrupted.</summary>
[Category("Waiting")]
public class WaitingTests
{
    [Test]
    public void AsksForWaiting() => GlobalFixture.Get<Waiting, string>();
}
