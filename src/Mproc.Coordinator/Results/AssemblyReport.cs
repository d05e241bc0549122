namespace Mproc.Coordinator.Results;

/// <summary>The merged result of one test assembly. <see cref="Root"/> is the assembly suite.</summary>
public sealed record AssemblyReport(string Path, string FrameworkVersion, ResultNode Root);
