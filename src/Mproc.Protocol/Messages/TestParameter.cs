namespace Mproc.Protocol.Messages;

/// <summary>One of NUnit's test parameters (<c>TestContext.Parameters</c>): --testparam NAME=VALUE or a runsettings TestRunParameters entry.</summary>
public sealed record TestParameter(string Name, string Value);
