namespace Mproc.Protocol.Messages;

/// <summary>The durations of an earlier run for the tests of the assembly with this file name.</summary>
public sealed record AssemblyTimings(string Assembly, ExpectedDurations Durations);
