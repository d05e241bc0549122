using System.Runtime.InteropServices;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Mproc.Worker.Session;

namespace Mproc.Worker.Fixtures;

/// <summary>
/// The fixture host: a worker process started with <c>--fixture-host</c>, in which the run's global
/// fixtures are constructed, set up and torn down, so that fixture code that ends its process
/// (<c>Environment.Exit</c>, a stack overflow) ends this process and not the run. It speaks the
/// protocol's frames with the coordinator over its standard input and output: requests
/// (<see cref="GlobalFixtureRequest"/>) may overlap, each answered when its SetUp is done, tagged with
/// its fixture type; <see cref="FixtureHostStage"/> says whose code runs; <see cref="FixtureHostEnd"/>
/// tears everything down. The end of its input (the coordinator is gone) ends it at once.
/// </summary>
internal static class FixtureHost
{
    public static int Run(Stream input, Stream output, FixtureRunInfo run, TextWriter diagnostics)
    {
        var gate = new object();
        using var writer = new FrameWriter(output);
        void Send(IMessage message)
        {
            try
            {
                lock (gate)
                {
                    writer.Send(message);
                    writer.Flush();
                }
            }
            catch (IOException)
            {
                // The coordinator is gone: the read loop sees the end of the input and ends the process.
            }
        }

        var manager = new GlobalFixtureManager(run, (fixture, stage, ended) => Send(new FixtureHostStage(fixture, stage, ended)), (fixture, line) => Send(new FixtureOutputLine(fixture, line)));
        // Ctrl+C reaches the host too (same process group): it cancels the fixtures' token instead of
        // ending the host, which tears down when the coordinator says the run is over.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;
            manager.Interrupt();
        });
        using var reader = new FrameReader(input);
        while (true)
        {
            IMessage? message;
            try
            {
                message = reader.Read();
            }
            catch (IOException)
            {
                message = null;
            }
            catch (ProtocolException ex)
            {
                diagnostics.WriteLine($"Mproc.Worker fixture host: {ex.Message}");
                return WorkerExitCode.InternalError;
            }

            switch (message)
            {
                case null:
                    return WorkerExitCode.CoordinatorGone;
                case GlobalFixtureRequest request:
                    _ = manager.GetAsync(request, CancellationToken.None).ContinueWith(
                        answered => Send(answered.Result with { FixtureType = request.FixtureType }),
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                    break;
                case FixtureHostEnd:
                    Send(new FixtureHostEnded(manager.TearDownAsync().GetAwaiter().GetResult()));
                    return WorkerExitCode.Ok;
                default:
                    diagnostics.WriteLine($"Mproc.Worker fixture host: unexpected {message.TypeId}");
                    return WorkerExitCode.InternalError;
            }
        }
    }
}
