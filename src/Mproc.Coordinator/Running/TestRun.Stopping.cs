using System.Globalization;
using Mproc.Protocol.Transport;

namespace Mproc.Coordinator.Running;

/// <summary>--max-fail: the run stops handing out tests once enough have failed.</summary>
public sealed partial class TestRun
{
    private int _failures;

    /// <summary>The run reached --max-fail: nothing more was handed out, and what had not started is reported as not run.</summary>
    public bool StoppedEarly { get; private set; }

    /// <summary>Failed results so far (NUnit's and those made for lost workers), as the exit code counts them.</summary>
    public int Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>
    /// The worker's process shares an event log with the coordinator: it learns there how many tests
    /// failed elsewhere in the run, and stops by itself at --max-fail.
    /// </summary>
    public void AttachEventLog(int workerId, EventLogReader log)
    {
        ArgumentNullException.ThrowIfNull(log);
        lock (_gate)
        {
            if (_current.TryGetValue(workerId, out var record))
            {
                record.EventLog = log;
                Publish(record);
            }
        }
    }

    /// <summary>A failed result was recorded. Under the lock.</summary>
    private void CountFailure()
    {
        _failures++;
        if (_settings.MaxFail <= 0)
        {
            return;
        }

        foreach (var record in _current.Values)
        {
            Publish(record);
        }

        if (_failures >= _settings.MaxFail && !StoppedEarly)
        {
            StoppedEarly = true;
            CoordinatorLog.RunStopped(_logger, _failures);
            _scheduler?.Stop();
            AnswerWaitingClaims();
        }
    }

    /// <summary>Under the lock.</summary>
    private void Publish(WorkerRecord record)
    {
        if (_settings.MaxFail <= 0 || record.EventLog is not { } log || record.Ended)
        {
            return;
        }

        try
        {
            log.PublishFailuresElsewhere(_failures - record.Failures);
        }
        catch (ObjectDisposedException)
        {
            // Its connection just ended: it starts no test anyway.
        }
    }

    /// <summary>The reason on each test a run stopped by --max-fail did not run.</summary>
    private string StoppedReason() =>
        $"not run: the run stopped after {_settings.MaxFail.ToString(CultureInfo.InvariantCulture)} failure{(_settings.MaxFail == 1 ? string.Empty : "s")} (--max-fail)";
}
