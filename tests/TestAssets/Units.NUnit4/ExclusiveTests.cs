using NUnit.Framework;

// NUnit runs none of these alongside another test; they stand for fixtures that share one external
// resource. They are spread over namespaces and fixtures on purpose.
namespace Units.Exclusive
{
    [NonParallelizable]
    public class SharedFileTests : LoggedTests
    {
        [Test] public void Write() => Work();
        [Test] public void Read() => Work();
        [Test] public void Delete() => Work();
    }

    [Parallelizable(ParallelScope.None)]
    public class SharedPortTests : LoggedTests
    {
        [Test] public void Listen() => Work();
        [TestCase(1)]
        [TestCase(2)]
        public void Connect(int client) => Work();
    }
}

namespace Units.Ordinary
{
    public class AlphaTests : LoggedTests
    {
        [Test] public void One() => Work();
        [Test] public void Two() => Work();
        [Test] public void Three() => Work();
        [Test] public void Four() => Work();
    }

    public class BetaTests : LoggedTests
    {
        [Test] public void One() => Work();
        [Test] public void Two() => Work();
        [Test, NonParallelizable] public void AloneInTheMiddle() => Work();
        [Test] public void Three() => Work();
        [Test] public void Four() => Work();
    }

    public class GammaTests : LoggedTests
    {
        [Test] public void One() => Work();
        [Test] public void Two() => Work();
        [Test] public void Three() => Work();
        [Test] public void Four() => Work();
    }
}

namespace Units.Zeta
{
    [NonParallelizable]
    public class RegistryTests : LoggedTests
    {
        [Test] public void Set() => Work();
        [Test] public void Get() => Work();
    }

    public class DeltaTests : LoggedTests
    {
        [Test] public void One() => Work();
        [Test] public void Two() => Work();
        [Test] public void Three() => Work();
        [Test] public void Four() => Work();
    }
}
