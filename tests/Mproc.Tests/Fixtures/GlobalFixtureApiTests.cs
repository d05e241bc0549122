using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mproc.GlobalFixtures;
using Xunit;

namespace Mproc.Tests.Fixtures;

/// <summary>
/// The global fixture package outside nunit-mproc (as under dotnet test or in an IDE): the
/// asynchronous contract, the short accessor, the context and a fixture's own JSON options, set up
/// once per process on first use.
/// </summary>
public sealed class GlobalFixtureApiTests
{
    [Fact]
    public void ShortAccessor_SetsUpOnce_SameInstanceAsTheLongAccessor()
    {
        var first = Counting.Value;
        var second = Counting.Value;

        Assert.Same(first, second);
        Assert.Same(first, GlobalFixture.Get<Counting, CountingInfo>());
        Assert.Equal(1, Counting.SetUps);
        Assert.Equal(1, first.SetUpNumber);
    }

    [Fact]
    public void Context_OutsideNUnitMproc_IsOneWorker_TheFixturesFolder_AndARunId()
    {
        var info = Counting.Value;

        Assert.Equal(1, info.WorkerCount);
        Assert.Equal(Path.GetDirectoryName(typeof(Counting).Assembly.Location), info.Folder);
        Assert.False(string.IsNullOrEmpty(info.RunId));
    }

    [Fact]
    public void OwnJsonOptions_CarryAValueTheDefaultOptionsCannot()
    {
        Assert.Equal(IPAddress.Loopback, WithOwnOptions.Value.Address);

        var error = Assert.Throws<GlobalFixtureException>(() => GlobalFixture.Get<WithoutOwnOptions, Endpoint>());
        Assert.Contains($"global fixture {typeof(WithoutOwnOptions).FullName}: its value of type {typeof(Endpoint).FullName} cannot be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_NeedsAtLeastOneWorker()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GlobalFixtureContext("run", 0, ".", TextWriter.Null));
        Assert.Throws<ArgumentNullException>(() => new GlobalFixtureContext("run", 1, ".", null!));
    }

    public sealed record CountingInfo(int SetUpNumber, int WorkerCount, string Folder, string RunId);

    public sealed record Endpoint(IPAddress Address);

    [GlobalFixture]
    public sealed class Counting : GlobalFixture<Counting, CountingInfo>
    {
        private static int _setUps;

        public static int SetUps => Volatile.Read(ref _setUps);

        public override async Task<CountingInfo> SetUpAsync(GlobalFixtureContext context, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return new CountingInfo(Interlocked.Increment(ref _setUps), context.WorkerCount, context.TestAssemblyDirectory, context.RunId);
        }
    }

    [GlobalFixture]
    public sealed class WithOwnOptions : GlobalFixture<WithOwnOptions, Endpoint>, IGlobalFixtureJson
    {
        public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerOptions.Default) { Converters = { new AddressConverter() } };

        public override Task<Endpoint> SetUpAsync(GlobalFixtureContext context, CancellationToken cancellationToken) => Task.FromResult(new Endpoint(IPAddress.Loopback));
    }

    [GlobalFixture]
    public sealed class WithoutOwnOptions : IGlobalFixture<Endpoint>
    {
        public Endpoint SetUp() => new(IPAddress.Loopback);

        public void TearDown(Endpoint value)
        {
        }
    }

    private sealed class AddressConverter : JsonConverter<IPAddress>
    {
        public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => IPAddress.Parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
