using System.Collections;
using System.Reflection;
using Xunit;

namespace Mproc.Tests.Protocol;

/// <summary>Structural comparison of message records, lists included, by reflection so a new field cannot be forgotten.</summary>
internal static class DeepAssert
{
    public static void Equal(object? expected, object? actual, string path = "message")
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null)
            {
                Assert.Fail($"{path}: expected {Show(expected)}, got {Show(actual)}");
            }

            return;
        }

        if (IsScalar(expected.GetType()))
        {
            if (!expected.Equals(actual))
            {
                Assert.Fail($"{path}: expected {Show(expected)}, got {Show(actual)}");
            }

            return;
        }

        if (expected is IEnumerable expectedItems)
        {
            object?[] left = expectedItems.Cast<object?>().ToArray();
            object?[] right = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToArray();
            if (left.Length != right.Length)
            {
                Assert.Fail($"{path}: expected {left.Length} items, got {right.Length}");
            }

            for (int i = 0; i < left.Length; i++)
            {
                Equal(left[i], right[i], $"{path}[{i}]");
            }

            return;
        }

        if (expected.GetType() != actual.GetType())
        {
            Assert.Fail($"{path}: expected a {expected.GetType().Name}, got a {actual.GetType().Name}");
        }

        foreach (PropertyInfo property in Properties(expected.GetType()))
        {
            Equal(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name);
        }
    }

    /// <summary>Fails when any field (recursively) holds its type's default: null, 0, false, "" or an empty list.</summary>
    public static void NoDefaults(object? value, string path = "message")
    {
        switch (value)
        {
            case null:
                Assert.Fail($"{path} is null");
                break;
            case string text:
                Assert.False(text.Length == 0, $"{path} is empty");
                break;
            case bool flag:
                Assert.True(flag, $"{path} is false");
                break;
            case Enum:
                break;
            case IEnumerable items:
                object?[] all = items.Cast<object?>().ToArray();
                Assert.False(all.Length == 0, $"{path} is empty");
                for (int i = 0; i < all.Length; i++)
                {
                    NoDefaults(all[i], $"{path}[{i}]");
                }

                break;
            default:
                if (IsScalar(value.GetType()))
                {
                    Assert.False(value.Equals(Activator.CreateInstance(value.GetType())), $"{path} is {value}");
                    break;
                }

                foreach (PropertyInfo property in Properties(value.GetType()))
                {
                    NoDefaults(property.GetValue(value), $"{path}.{property.Name}");
                }

                break;
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0);

    private static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
