using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using System.Text.Json;

namespace Mproc.Worker.Fixtures;

/// <summary>
/// One instance of a user's global fixture class, loaded in the fixture host from the test's own
/// Mproc.GlobalFixtures. Driven by reflection over the public contract (<c>[GlobalFixture]</c>,
/// <c>IGlobalFixture&lt;T&gt;</c>), so nunit-mproc does not depend on any version of it. Its
/// constructor, SetUp and TearDown run with the test assembly's load context as the contextual
/// reflection context, as the tests do in a worker.
/// </summary>
internal sealed class LoadedFixture
{
    private const string ContractNamespace = "Mproc.GlobalFixtures";
    private const string AttributeName = ContractNamespace + ".GlobalFixtureAttribute";
    private const string InterfaceName = ContractNamespace + ".IGlobalFixture`1";

    // Must match Mproc.GlobalFixtures' FixtureJson: the workers deserialize what this writes.
    private static readonly JsonSerializerOptions JsonOptions = new() { IncludeFields = true };

    private readonly object _instance;
    private readonly MethodInfo _setUp;
    private readonly MethodInfo _tearDown;

    private LoadedFixture(Type type, Type valueType, object instance, MethodInfo setUp, MethodInfo tearDown)
    {
        Name = type.FullName ?? type.Name;
        ValueType = valueType;
        _instance = instance;
        _setUp = setUp;
        _tearDown = tearDown;
    }

    public string Name { get; }

    public Type ValueType { get; }

    /// <summary>Checks that <paramref name="type"/> is a global fixture and creates it; the message of the exception says what is wrong.</summary>
    /// <exception cref="InvalidOperationException">Not a global fixture, or its constructor threw.</exception>
    public static LoadedFixture Create(Type type)
    {
        var name = type.FullName ?? type.Name;
        if (!type.GetCustomAttributes(inherit: false).Any(a => a.GetType().FullName == AttributeName))
        {
            throw new InvalidOperationException($"{name} is not a global fixture: mark it [GlobalFixture]");
        }

        var contract = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == InterfaceName)
            ?? throw new InvalidOperationException($"{name} is not a global fixture: it must implement IGlobalFixture<T>");
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"global fixture {name}: it needs a public parameterless constructor");
        }

        object instance;
        try
        {
            using var contextual = AssemblyLoadContext.EnterContextualReflection(type.Assembly);
            instance = Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new InvalidOperationException($"global fixture {name}: its constructor threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}", ex.InnerException);
        }

        return new LoadedFixture(type, contract.GetGenericArguments()[0], instance, contract.GetMethod("SetUp")!, contract.GetMethod("TearDown")!);
    }

    /// <summary>Runs SetUp; what it throws is rethrown as is.</summary>
    public object? SetUp() => Invoke(_setUp, []);

    /// <summary>Runs TearDown with the value SetUp returned; what it throws is rethrown as is.</summary>
    public void TearDown(object? value) => Invoke(_tearDown, [value]);

    /// <summary>The value as JSON, checked to deserialize back to its type; otherwise an error naming the fixture and the type.</summary>
    public (string? Json, string? Error) Serialize(object? value)
    {
        string json;
        try
        {
            json = JsonSerializer.Serialize(value, ValueType, JsonOptions);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return (null, CannotTravel("serialized", ex));
        }

        try
        {
            _ = JsonSerializer.Deserialize(json, ValueType, JsonOptions);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return (null, CannotTravel("deserialized", ex));
        }

        return (json, null);
    }

    private string CannotTravel(string what, Exception ex) =>
        $"global fixture {Name}: its value of type {ValueType.FullName} cannot be {what} with System.Text.Json ({ex.Message})";

    private object? Invoke(MethodInfo method, object?[] arguments)
    {
        using var contextual = AssemblyLoadContext.EnterContextualReflection(_instance.GetType().Assembly);
        try
        {
            return method.Invoke(_instance, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
