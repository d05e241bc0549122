using NUnit.Framework;

namespace Crashy.Zz;

/// <summary>Under CRASHY_MODE=hugeoutput a passing test writes more than a protocol frame holds.</summary>
public class HugeOutputTests
{
    /// <summary>Characters written to Console.Out: 70 Mi, more than the 64 MiB a frame holds.</summary>
    public const int OutLength = 70 * 1024 * 1024;

    /// <summary>Characters written to Console.Error in one write, without a line break.</summary>
    public const int ErrorLength = 9 * 1024 * 1024;

    [Test]
    public void WritesMoreThanAFrame()
    {
        if (!CrashMode.Is("hugeoutput"))
        {
            return;
        }

        // Ends in a surrogate pair, so a cut between pieces must keep it whole.
        var block = new string('o', (1024 * 1024) - 2) + "😀";
        for (var i = 0; i < OutLength / block.Length; i++)
        {
            Console.Out.Write(block);
        }

        Console.Error.Write(new string('e', ErrorLength));
        Console.Error.WriteLine();
    }
}
