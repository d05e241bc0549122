using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mproc.Protocol.Messages;

namespace Mproc.Worker.Fixtures;

/// <summary>
/// One instance of a user's global fixture class, loaded in the fixture host from the test's own
/// Mproc.GlobalFixtures. Driven by reflection over the public contract (<c>[GlobalFixture]</c>,
/// <c>IGlobalFixture&lt;T&gt;</c> or <c>IAsyncGlobalFixture&lt;T&gt;</c>, <c>GlobalFixtureContext</c>,
/// <c>IGlobalFixtureJson</c>), so nunit-mproc does not depend on any version of it. Its constructor,
/// SetUp and TearDown run with the test assembly's load context as the contextual reflection
/// context, as the tests do in a worker.
/// </summary>
internal sealed class LoadedFixture
{
    private const string ContractNamespace = "Mproc.GlobalFixtures";
    private const string AttributeName = ContractNamespace + ".GlobalFixtureAttribute";
    private const string InterfaceName = ContractNamespace + ".IGlobalFixture`1";
    private const string AsyncInterfaceName = ContractNamespace + ".IAsyncGlobalFixture`1";
    private const string ContextName = ContractNamespace + ".GlobalFixtureContext";
    private const string JsonInterfaceName = ContractNamespace + ".IGlobalFixtureJson";

    // Must match Mproc.GlobalFixtures' FixtureJson: the workers deserialize what this writes.
    private static readonly JsonSerializerOptions DefaultJsonOptions = new() { IncludeFields = true, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private readonly object _instance;
    private readonly Type _contract;
    private readonly bool _async;

    private LoadedFixture(Type type, Type contract, object instance)
    {
        Name = type.FullName ?? type.Name;
        ValueType = contract.GetGenericArguments()[0];
        _contract = contract;
        _async = contract.GetGenericTypeDefinition().FullName == AsyncInterfaceName;
        _instance = instance;
    }

    public string Name { get; }

    public Type ValueType { get; }

    /// <summary>
    /// The scope <paramref name="type"/>'s <c>[GlobalFixture]</c> declares, read from its metadata (the
    /// attribute's type lives in the test's load context); Build when it says none.
    /// </summary>
    public static GlobalFixtureScope ScopeOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == AttributeName);
        var scope = attribute?.NamedArguments.FirstOrDefault(a => a.MemberName == "Scope").TypedValue.Value;
        return scope is int value && Enum.IsDefined((GlobalFixtureScope)value) ? (GlobalFixtureScope)value : GlobalFixtureScope.Build;
    }

    /// <summary>Checks that <paramref name="type"/> is a global fixture and creates it; the message of the exception says what is wrong.</summary>
    /// <exception cref="InvalidOperationException">Not a global fixture, or its constructor threw.</exception>
    public static LoadedFixture Create(Type type)
    {
        var name = type.FullName ?? type.Name;
        if (!type.GetCustomAttributes(inherit: false).Any(a => a.GetType().FullName == AttributeName))
        {
            throw new InvalidOperationException($"{name} is not a global fixture: mark it [GlobalFixture]");
        }

        var contract = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName is InterfaceName or AsyncInterfaceName)
            ?? throw new InvalidOperationException($"{name} is not a global fixture: it must implement IGlobalFixture<T> or IAsyncGlobalFixture<T>");
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

        return new LoadedFixture(type, contract, instance);
    }

    /// <summary>Runs SetUp (or SetUpAsync, to its end, with a context of <paramref name="run"/> and <paramref name="log"/>); what it throws is rethrown as is.</summary>
    public object? SetUp(FixtureRunInfo run, TextWriter log, CancellationToken cancellationToken)
    {
        if (!_async)
        {
            return Invoke("SetUp", []);
        }

        var fixtureType = _instance.GetType();
        var contextType = _contract.Assembly.GetType(ContextName, throwOnError: true)!;
        var folder = Path.GetDirectoryName(fixtureType.Assembly.Location) ?? AppContext.BaseDirectory;
        var context = Activator.CreateInstance(contextType, run.RunId, run.WorkerCount, folder, log);
        var task = (Task)Invoke("SetUpAsync", [context, cancellationToken])!;
        task.GetAwaiter().GetResult();
        return task.GetType().GetProperty(nameof(Task<int>.Result))!.GetValue(task);
    }

    /// <summary>Runs TearDown (or TearDownAsync, to its end) with the value SetUp returned; what it throws is rethrown as is.</summary>
    public void TearDown(object? value, CancellationToken cancellationToken)
    {
        if (_async)
        {
            ((Task)Invoke("TearDownAsync", [value, cancellationToken])!).GetAwaiter().GetResult();
        }
        else
        {
            Invoke("TearDown", [value]);
        }
    }

    /// <summary>The value as JSON, checked to deserialize back to its type; otherwise an error naming the fixture and the type.</summary>
    public (string? Json, string? Error) Serialize(object? value)
    {
        JsonTypeInfo typeInfo;
        try
        {
            typeInfo = (JsonOptions() ?? DefaultJsonOptions).GetTypeInfo(ValueType);
        }
#pragma warning disable CA1031 // User code (the options, the value's getters): any failure is the fixture's, reported to the tests that ask.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, CannotTravel("serialized", ex));
        }

        string json;
        try
        {
            json = JsonSerializer.Serialize(value, typeInfo);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, CannotTravel("serialized", ex));
        }

        try
        {
            _ = JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, CannotTravel("deserialized", ex));
        }
#pragma warning restore CA1031

        return (json, null);
    }

    /// <summary>The fixture's own options (its <c>IGlobalFixtureJson.JsonOptions</c>), or null for the default ones.</summary>
    private JsonSerializerOptions? JsonOptions()
    {
        var type = _instance.GetType();
        var contract = type.GetInterfaces().FirstOrDefault(i => i.FullName == JsonInterfaceName);
        if (contract is null)
        {
            return null;
        }

        try
        {
            return (JsonSerializerOptions?)type.GetInterfaceMap(contract).TargetMethods[0].Invoke(null, null)
                ?? throw new InvalidOperationException("its JsonOptions are null");
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new InvalidOperationException($"its JsonOptions threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}", ex.InnerException);
        }
    }

    private string CannotTravel(string what, Exception ex) =>
        $"global fixture {Name}: its value of type {ValueType.FullName} cannot be {what} with System.Text.Json ({ex.Message})";

    private object? Invoke(string method, object?[] arguments)
    {
        using var contextual = AssemblyLoadContext.EnterContextualReflection(_instance.GetType().Assembly);
        try
        {
            return _contract.GetMethod(method)!.Invoke(_instance, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
