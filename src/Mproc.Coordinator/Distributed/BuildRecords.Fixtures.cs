using MessagePack;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Distributed;

/// <summary>The global fixture values and events a shared build keeps in Redis.</summary>
public static partial class BuildRecords
{
    public static byte[] Encode(FixtureRecord record) => Write(record, static (ref MessagePackWriter w, FixtureRecord r) =>
    {
        w.WriteArrayHeader(3);
        w.Write(r.Node);
        w.Write(r.Json);
        w.Write(r.Error);
    });

    public static FixtureRecord DecodeFixtureRecord(byte[] bytes) => Read(bytes, static (ref MessagePackReader r) =>
    {
        Expect(r.ReadArrayHeader(), 3);
        return new FixtureRecord(r.ReadString()!, r.ReadString(), r.ReadString());
    });

    public static byte[] Encode(FixtureEvent fixtureEvent) => Write(fixtureEvent, static (ref MessagePackWriter w, FixtureEvent e) =>
    {
        w.WriteArrayHeader(6);
        w.Write(e.Fixture);
        w.Write(e.Node);
        w.Write((int)e.Scope);
        w.Write((int)e.Stage);
        w.Write(e.Lost);
        w.WriteArrayHeader(e.Problems.Count);
        foreach (var problem in e.Problems)
        {
            w.Write(problem);
        }
    });

    public static FixtureEvent DecodeFixtureEvent(byte[] bytes) => Read(bytes, static (ref MessagePackReader r) =>
    {
        Expect(r.ReadArrayHeader(), 6);
        var fixture = r.ReadString()!;
        var node = r.ReadString()!;
        var scope = (GlobalFixtureScope)r.ReadInt32();
        var stage = (FixtureStage)r.ReadInt32();
        var lost = r.ReadString();
        var problems = new string[r.ReadArrayHeader()];
        for (var i = 0; i < problems.Length; i++)
        {
            problems[i] = r.ReadString()!;
        }

        return new FixtureEvent(fixture, node, scope, stage, lost, problems);
    });
}
