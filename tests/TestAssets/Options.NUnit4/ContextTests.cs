using System.Globalization;
using NUnit.Framework;
using NUnit.Framework.Internal;

namespace Options;

/// <summary>Each test writes what its run settings gave it, one "key:value" line each, to its output.</summary>
public class ContextTests
{
    /// <summary>Read while NUnit loads the tests: a parameter has to be there before any test runs.</summary>
    public static IEnumerable<string> Cases()
    {
        yield return TestContext.Parameters.Get("case", "none");
    }

    [TestCaseSource(nameof(Cases))]
    public void Loaded(string value) => TestContext.Out.WriteLine($"case:{value}");

    [Test]
    public void Reports([Range(1, 6)] int n)
    {
        foreach (var name in TestContext.Parameters.Names.OrderBy(name => name, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"param:{name}={TestContext.Parameters[name]}");
        }

        TestContext.Out.WriteLine($"culture:{CultureInfo.CurrentCulture.Name}");
        TestContext.Out.WriteLine($"uiculture:{CultureInfo.CurrentUICulture.Name}");
        TestContext.Out.WriteLine($"workdir:{TestContext.CurrentContext.WorkDirectory}");
        TestContext.Out.WriteLine($"timeout:{TestExecutionContext.CurrentContext.TestCaseTimeout}");
    }
}
