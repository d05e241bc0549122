namespace Mproc.Coordinator; internal static class Program { private static int Main() => 0; }
