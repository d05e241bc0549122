using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using MessagePack;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Scheduling;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;

namespace Mproc.Coordinator.Distributed;

/// <summary>What the first node settles for the whole build before any worker starts: the seed (NUnit's random arguments name tests) and the durations that order the plan.</summary>
public sealed record BuildSettings(int RandomSeed, IReadOnlyList<TestTiming> Timings);

/// <summary>The build's plan: the tests as the first node's workers discovered them, and the units they are leased in.</summary>
public sealed record BuildPlan(byte[] Discovery, IReadOnlyList<WorkUnit> Units)
{
    public IReadOnlyList<AssemblyDiscovery> Assemblies() =>
        ((Discovered)MessageSerializer.Decode(MessageTypeId.Discovered, Discovery)).Assemblies;
}

/// <summary>One test's result as a node stored it, in the build's attempt it ran in; a null outcome is a test NUnit reports no result for.</summary>
public sealed record StoredResult(string Node, int WorkerId, ResultOrigin Origin, TestOutcome? Outcome, int Attempt = 1);

/// <summary>What a node stores when its share of an attempt is done: its workers' figures and what it saw of each suite.</summary>
public sealed record NodeShare(string Node, int Workers, int TestsRun, double BusySeconds, double WallSeconds, IReadOnlyList<SuiteFinished> Suites, int Attempt = 1);

/// <summary>
/// The values a build keeps in the shared queue, in MessagePack (its primitive reader and writer,
/// as the wire protocol; results and suites in the protocol's own message encoding).
/// </summary>
public static partial class BuildRecords
{
    public static byte[] Encode(BuildSettings settings) => Write(settings, static (ref MessagePackWriter w, BuildSettings s) =>
    {
        w.WriteArrayHeader(2);
        w.Write(s.RandomSeed);
        w.WriteArrayHeader(s.Timings.Count);
        foreach (var t in s.Timings)
        {
            w.WriteArrayHeader(3);
            w.Write(t.Assembly);
            w.Write(t.FullName);
            w.Write(t.Seconds);
        }
    });

    public static BuildSettings DecodeSettings(byte[] bytes) => Read(bytes, static (ref MessagePackReader r) =>
    {
        Expect(r.ReadArrayHeader(), 2);
        var seed = r.ReadInt32();
        var timings = new TestTiming[r.ReadArrayHeader()];
        for (var i = 0; i < timings.Length; i++)
        {
            Expect(r.ReadArrayHeader(), 3);
            timings[i] = new TestTiming(r.ReadString()!, r.ReadString()!, r.ReadDouble());
        }

        return new BuildSettings(seed, timings);
    });

    public static byte[] Encode(BuildPlan plan) => Write(plan, static (ref MessagePackWriter w, BuildPlan p) =>
    {
        w.WriteArrayHeader(2);
        w.Write(p.Discovery);
        WriteUnits(ref w, p.Units);
    });

    /// <summary>Units, each [ordinals, seconds, fixture, group, exclusive, parts (units) or nil].</summary>
    private static void WriteUnits(ref MessagePackWriter w, IReadOnlyList<WorkUnit> units)
    {
        w.WriteArrayHeader(units.Count);
        foreach (var unit in units)
        {
            w.WriteArrayHeader(6);
            w.WriteArrayHeader(unit.Ordinals.Count);
            foreach (var ordinal in unit.Ordinals)
            {
                w.Write(ordinal);
            }

            w.Write(unit.ExpectedSeconds);
            w.Write(unit.FixtureKey);
            w.Write(unit.Group);
            w.Write(unit.Exclusive);
            if (unit.Parts is null)
            {
                w.WriteNil();
            }
            else
            {
                WriteUnits(ref w, unit.Parts);
            }
        }
    }

    private static WorkUnit[] ReadUnits(ref MessagePackReader r)
    {
        var units = new WorkUnit[r.ReadArrayHeader()];
        for (var u = 0; u < units.Length; u++)
        {
            Expect(r.ReadArrayHeader(), 6);
            var ordinals = new int[r.ReadArrayHeader()];
            for (var i = 0; i < ordinals.Length; i++)
            {
                ordinals[i] = r.ReadInt32();
            }

            units[u] = new WorkUnit(ordinals, r.ReadDouble(), r.ReadInt32(), r.TryReadNil() ? null : r.ReadString(), r.ReadBoolean())
            {
                Parts = r.TryReadNil() ? null : ReadUnits(ref r),
            };
        }

        return units;
    }

    public static BuildPlan DecodePlan(byte[] bytes) => Read(bytes, static (ref MessagePackReader r) =>
    {
        Expect(r.ReadArrayHeader(), 2);
        var discovery = r.ReadBytes()?.ToArray() ?? [];
        return new BuildPlan(discovery, ReadUnits(ref r));
    });

    /// <summary>
    /// The plan's identity: the assemblies' file names, every test's and suite's full name and
    /// place, and the units. Paths are left out: machines may check out to different folders.
    /// </summary>
    public static string Hash(IReadOnlyList<AssemblyDiscovery> assemblies, IReadOnlyList<WorkUnit> units)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        foreach (var assembly in assemblies)
        {
            text.Append("assembly ").Append(Path.GetFileName(assembly.Path)).Append('\n');
            // The assembly's own suite is named by its path: only its file name counts.
            foreach (var node in assembly.Nodes.Where(n => n.ParentIndex >= 0))
            {
                text.Append(node.ParentIndex).Append(' ').Append(node.Ordinal).Append(' ').Append(node.FullName).Append('\n');
            }

            Append(hash, text);
        }

        foreach (var unit in units)
        {
            text.Append("unit ").AppendJoin(',', unit.Ordinals).Append(' ').Append(unit.Group).Append(' ').Append(unit.Exclusive).Append('\n');
            foreach (var part in unit.Parts ?? [])
            {
                text.Append(" part ").AppendJoin(',', part.Ordinals).Append('\n');
            }

            if (text.Length > 64 * 1024)
            {
                Append(hash, text);
            }
        }

        Append(hash, text);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static byte[] Encode(StoredResult result) => Write(result, static (ref MessagePackWriter w, StoredResult s) =>
    {
        w.WriteArrayHeader(5);
        w.Write(s.Node);
        w.Write(s.WorkerId);
        w.Write((int)s.Origin);
        if (s.Outcome is null)
        {
            w.WriteNil();
        }
        else
        {
            w.Write(EncodeMessage(new TestFinished(0, s.Outcome)));
        }

        w.Write(s.Attempt);
    });

    public static StoredResult DecodeResult(byte[] bytes) => Read(bytes, static (ref MessagePackReader r) =>
    {
        Expect(r.ReadArrayHeader(), 5);
        var node = r.ReadString()!;
        var worker = r.ReadInt32();
        var origin = (ResultOrigin)r.ReadInt32();
        TestOutcome? outcome = null;
        if (!r.TryReadNil())
        {
            outcome = ((TestFinished)MessageSerializer.Decode(MessageTypeId.TestFinished, r.ReadBytes()!.Value.ToArray())).Outcome;
        }

        return new StoredResult(node, worker, origin, outcome, r.ReadInt32());
    });

    /// <summary>Stored results by their test's ordinal (the key they are stored under); a key that is not one is left out.</summary>
    public static Dictionary<int, StoredResult> DecodeResults(IReadOnlyDictionary<string, byte[]> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var results = new Dictionary<int, StoredResult>(stored.Count);
        foreach (var (key, value) in stored)
        {
            if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal))
            {
                results[ordinal] = DecodeResult(value);
            }
        }

        return results;
    }

    public static byte[] Encode(NodeShare share) => Write(share, static (ref MessagePackWriter w, NodeShare s) =>
    {
        w.WriteArrayHeader(7);
        w.Write(s.Node);
        w.Write(s.Workers);
        w.Write(s.TestsRun);
        w.Write(s.BusySeconds);
        w.Write(s.WallSeconds);
        w.WriteArrayHeader(s.Suites.Count);
        foreach (var suite in s.Suites)
        {
            w.Write(EncodeMessage(suite));
        }

        w.Write(s.Attempt);
    });

    public static NodeShare DecodeShare(byte[] bytes) => Read(bytes, static (ref MessagePackReader r) =>
    {
        Expect(r.ReadArrayHeader(), 7);
        var node = r.ReadString()!;
        var workers = r.ReadInt32();
        var testsRun = r.ReadInt32();
        var busy = r.ReadDouble();
        var wall = r.ReadDouble();
        var suites = new SuiteFinished[r.ReadArrayHeader()];
        for (var i = 0; i < suites.Length; i++)
        {
            suites[i] = (SuiteFinished)MessageSerializer.Decode(MessageTypeId.SuiteFinished, r.ReadBytes()!.Value.ToArray());
        }

        return new NodeShare(node, workers, testsRun, busy, wall, suites, r.ReadInt32());
    });

    private static byte[] EncodeMessage(IMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MessageSerializer.Encode(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Append(IncrementalHash hash, StringBuilder text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        text.Clear();
    }

    private delegate void Writer<T>(ref MessagePackWriter writer, T value);

    private delegate T Reader<T>(ref MessagePackReader reader);

    private static byte[] Write<T>(T value, Writer<T> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a stored value; one that does not decode is an <see cref="InvalidDataException"/> naming the queue.</summary>
    private static T Read<T>(byte[] bytes, Reader<T> read)
    {
        try
        {
            var reader = new MessagePackReader(bytes);
            return read(ref reader);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or ProtocolException or InvalidCastException or OverflowException)
        {
            throw new InvalidDataException($"a value in the shared queue does not decode ({e.Message}): was it written by another version of nunit-mproc?", e);
        }
    }

    private static void Expect(int count, int expected)
    {
        if (count != expected)
        {
            throw new ProtocolException($"expected {expected} fields, found {count}");
        }
    }
}
