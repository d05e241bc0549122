using System.Security.Cryptography;
using System.Text;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name), so the same test gets
/// the same id in every run and every report.
/// </summary>
public static class NameBasedGuid
{
    /// <summary>The namespace of nunit-mproc's ids (itself a fixed, random UUID).</summary>
    public static readonly Guid MprocNamespace = new("5b0f3c2e-8d51-4b8e-9a47-0d6c1f1e2a93");

    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> input = stackalloc byte[16];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        input.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);
#pragma warning disable CA5350 // SHA-1 is what version 5 UUIDs are defined with; this is an id, not security.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static Guid Create(string name) => Create(MprocNamespace, name);
}
