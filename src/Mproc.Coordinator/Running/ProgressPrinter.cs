using System.Globalization;

namespace Mproc.Coordinator.Running;

/// <summary>Prints a progress line every few seconds during a long run (plain lines, CI friendly).</summary>
public sealed class ProgressPrinter : IAsyncDisposable
{
    private readonly TestRun _run;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressPrinter(TestRun run, TextWriter output, TimeProvider time, TimeSpan interval)
    {
        _run = run;
        _output = output;
        _time = time;
        _started = time.GetTimestamp();
        _loop = LoopAsync(interval);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _time);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            var (finished, total, failed) = _run.Progress;
            if (total == 0)
            {
                continue;
            }

            var elapsed = _time.GetElapsedTime(_started).TotalSeconds;
            await _output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"[{elapsed,6:F1}s] {finished}/{total} tests done, {failed} failed")).ConfigureAwait(false);
            await _output.FlushAsync().ConfigureAwait(false);
        }
    }
}
