using System.Globalization;
using Mproc.Coordinator.Running;
using Xunit;

namespace Mproc.Tests.Coordinator.Running;

public sealed class RunEntropyTests
{
    [Fact]
    public void NewSecret_Is64HexDigits_AndNeverRepeats()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => RunEntropy.NewSecret()).ToList();

        Assert.All(secrets, s => Assert.Matches("^[0-9A-F]{64}$", s));
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void NewSecret_UsesEveryHexDigit_OverManySecrets()
    {
        // 50 x 64 digits from a fair source: a missing digit would mean the bytes are not random.
        var digits = string.Concat(Enumerable.Range(0, 50).Select(_ => RunEntropy.NewSecret()));

        Assert.Equal("0123456789ABCDEF", string.Concat(digits.Distinct().Order()));
    }

    [Fact]
    public void NewSeed_IsNonNegative_AndVaries()
    {
        var seeds = Enumerable.Range(0, 50).Select(_ => RunEntropy.NewSeed()).ToList();

        Assert.All(seeds, s => Assert.InRange(s, 0, int.MaxValue - 1));
        Assert.True(seeds.Distinct().Count() > 45, string.Join(", ", seeds.Select(s => s.ToString(CultureInfo.InvariantCulture))));
    }
}
