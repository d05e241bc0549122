namespace Mproc.Protocol.Messages;

/// <summary>
/// How long a test took in an earlier run: <paramref name="Assembly"/> is the assembly's file name,
/// <paramref name="FullName"/> the test's NUnit full name.
/// </summary>
public sealed record TestTiming(string Assembly, string FullName, double Seconds);
