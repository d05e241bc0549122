namespace Mproc.Protocol.Messages;

/// <summary>
/// Fixed wire ids of every message. Values are part of the protocol: never renumber, never reuse;
/// a removed message leaves a gap. <c>MessageTypeIdTests</c> pins each value.
/// </summary>
public enum MessageTypeId : ushort
{
    Hello = 1,
    Welcome = 2,
    Rejected = 3,
    Discovered = 4,
    StartRun = 5,
    AbortRun = 6,
    ClaimRequest = 7,
    ClaimGrant = 8,
    TestStarted = 9,
    TestFinished = 10,
    SuiteFinished = 11,
    WorkerDone = 12,
    WorkerFailed = 13,
    GlobalFixtureRequest = 14,
    GlobalFixtureValue = 15,
    TestOutputLine = 16,
    SuiteStarted = 17,
    EventOnConnection = 18,
    OutputPart = 19,
    TestUnreported = 20,
    FixtureHostEnd = 21,
    FixtureHostEnded = 22,
    FixtureHostStage = 23,
    FixtureOutputLine = 24,
}
