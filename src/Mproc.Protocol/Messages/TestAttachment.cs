namespace Mproc.Protocol.Messages;

/// <summary>A file a test attached to its result (NUnit's TestContext.AddTestAttachment): its absolute path and optional description.</summary>
public sealed record TestAttachment(string FilePath, string? Description);
