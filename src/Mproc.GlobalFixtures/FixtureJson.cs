using System.Text.Json;

namespace Mproc.GlobalFixtures;

/// <summary>
/// How a fixture's value travels: System.Text.Json with its default options plus public fields
/// (so tuples and field-only records work). nunit-mproc's fixture host uses the same options.
/// </summary>
internal static class FixtureJson
{
    private static readonly JsonSerializerOptions Options = new() { IncludeFields = true };

    /// <summary>Serializes and deserializes <paramref name="value"/>; a failure is a clear error naming the fixture and the type.</summary>
    public static T RoundTrip<T>(Type fixtureType, T value) => Deserialize<T>(fixtureType, Serialize(fixtureType, value));

    public static string Serialize<T>(Type fixtureType, T value)
    {
        try
        {
            return JsonSerializer.Serialize(value, Options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new GlobalFixtureException(CannotTravel(fixtureType, typeof(T), "serialized", ex), ex);
        }
    }

    public static T Deserialize<T>(Type fixtureType, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)!;
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new GlobalFixtureException(CannotTravel(fixtureType, typeof(T), "deserialized", ex), ex);
        }
    }

    private static string CannotTravel(Type fixtureType, Type valueType, string what, Exception ex) =>
        $"global fixture {fixtureType.FullName}: its value of type {valueType.FullName} cannot be {what} with System.Text.Json ({ex.Message})";
}
