using System.Security.Cryptography;

namespace Mproc.Coordinator.Running;

/// <summary>
/// The random values a run is secured and seeded with: the secret workers prove themselves with and
/// NUnit's random seed. On Linux and macOS they are read straight from the kernel's generator
/// (<c>/dev/urandom</c>), since the platform's generator behind <see cref="RandomNumberGenerator"/>
/// is OpenSSL, whose loading would delay the start of the workers; elsewhere they come from
/// <see cref="RandomNumberGenerator"/>.
/// </summary>
public static class RunEntropy
{
    private const string KernelSource = "/dev/urandom";

    /// <summary>A new secret: 32 random bytes as 64 hex digits.</summary>
    public static string NewSecret() => Convert.ToHexString(Bytes(32));

    /// <summary>A new random seed in [0, int.MaxValue), as <see cref="RandomNumberGenerator.GetInt32(int)"/> gives.</summary>
    public static int NewSeed() => (int)(BitConverter.ToUInt32(Bytes(sizeof(uint))) % int.MaxValue);

    private static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            using var source = new FileStream(KernelSource, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            source.ReadExactly(bytes);
        }
        else
        {
            RandomNumberGenerator.Fill(bytes);
        }

        return bytes;
    }
}
