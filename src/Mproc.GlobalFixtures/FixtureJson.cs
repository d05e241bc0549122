using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mproc.GlobalFixtures;

/// <summary>
/// How a fixture's value travels: System.Text.Json with its default options plus public fields (so
/// tuples and field-only records work), or the fixture's own options (<see cref="IGlobalFixtureJson"/>),
/// used through their type information so that source-generated values need no reflection.
/// nunit-mproc's fixture host uses the same rules.
/// </summary>
internal static class FixtureJson
{
    private static readonly JsonSerializerOptions DefaultOptions = new() { IncludeFields = true };

    /// <summary>Serializes and deserializes <paramref name="value"/>; a failure is a clear error naming the fixture and the type.</summary>
    public static T RoundTrip<T>(Type fixtureType, T value) => Deserialize<T>(fixtureType, Serialize(fixtureType, value));

    public static string Serialize<T>(Type fixtureType, T value)
    {
        try
        {
            return OptionsOf(fixtureType) is { } options
                ? JsonSerializer.Serialize(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)))
                : JsonSerializer.Serialize(value, DefaultOptions);
        }
#pragma warning disable CA1031 // User code (the options, the value's getters and setters): any failure is the fixture's.
        catch (Exception ex) when (ex is not (OutOfMemoryException or GlobalFixtureException))
#pragma warning restore CA1031
        {
            throw new GlobalFixtureException(CannotTravel(fixtureType, typeof(T), "serialized", ex), ex);
        }
    }

    public static T Deserialize<T>(Type fixtureType, string json)
    {
        try
        {
            return OptionsOf(fixtureType) is { } options
                ? JsonSerializer.Deserialize(json, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)))!
                : JsonSerializer.Deserialize<T>(json, DefaultOptions)!;
        }
#pragma warning disable CA1031 // User code (the options, the value's getters and setters): any failure is the fixture's.
        catch (Exception ex) when (ex is not (OutOfMemoryException or GlobalFixtureException))
#pragma warning restore CA1031
        {
            throw new GlobalFixtureException(CannotTravel(fixtureType, typeof(T), "deserialized", ex), ex);
        }
    }

    /// <summary>The fixture's own options (<see cref="IGlobalFixtureJson.JsonOptions"/>), or null for the default ones.</summary>
    private static JsonSerializerOptions? OptionsOf(Type fixtureType)
    {
        if (!typeof(IGlobalFixtureJson).IsAssignableFrom(fixtureType))
        {
            return null;
        }

        var getter = fixtureType.GetInterfaceMap(typeof(IGlobalFixtureJson)).TargetMethods[0];
        try
        {
            return (JsonSerializerOptions?)getter.Invoke(null, null)
                ?? throw new InvalidOperationException($"global fixture {fixtureType.FullName}: its JsonOptions are null");
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new InvalidOperationException($"global fixture {fixtureType.FullName}: its JsonOptions threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}", ex.InnerException);
        }
    }

    private static string CannotTravel(Type fixtureType, Type valueType, string what, Exception ex) =>
        $"global fixture {fixtureType.FullName}: its value of type {valueType.FullName} cannot be {what} with System.Text.Json ({ex.Message})";
}
