using System.Text.Json;

namespace Mproc.GlobalFixtures;

/// <summary>
/// Implemented by a global fixture class that chooses how its value travels: its own
/// <see cref="JsonSerializerOptions"/> (converters, naming), or those of a source-generated
/// <c>JsonSerializerContext</c> (<c>MyJsonContext.Default.Options</c>), whose values need no
/// reflection and survive trimming. Without it the value travels with System.Text.Json's default
/// options plus public fields. Both sides use the options: the process that sets the fixture up
/// serializes with them, every process whose tests ask deserializes with them.
/// </summary>
public interface IGlobalFixtureJson
{
    /// <summary>The options the fixture's value is serialized and deserialized with; they must resolve the value's type.</summary>
    static abstract JsonSerializerOptions JsonOptions { get; }
}
