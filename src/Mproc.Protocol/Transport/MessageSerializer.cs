using System.Buffers;
using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport.Serializers;

namespace Mproc.Protocol.Transport;

/// <summary>
/// Turns a message into its frame body and back. A body is one MessagePack map whose keys are field
/// numbers: 0, 1, 2, ... in the order of the record's parameters; nested records
/// (<see cref="AssemblyDiscovery"/>, <see cref="TestNode"/>, <see cref="TestOutcome"/>) are maps the
/// same way, lists are arrays, and a null string is nil. A field number is never reused.
/// <para>
/// Decoding skips keys it does not know, so a newer peer may add fields. A missing field takes its
/// default (0, false, empty string, null for a nullable string, empty list); a missing nested record
/// is an error. A value of the wrong type, trailing bytes, or an unknown type id throw
/// <see cref="ProtocolException"/>.
/// </para>
/// </summary>
public static class MessageSerializer
{
    /// <summary>Writes the body of <paramref name="message"/> (not its type id) to <paramref name="output"/>.</summary>
    public static void Encode(IMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new MessagePackWriter(output);
        Write(ref writer, message);
        writer.Flush();
    }

    private static void Write(ref MessagePackWriter writer, IMessage message)
    {
        switch (message)
        {
            case Hello hello:
                HelloSerializer.Write(ref writer, hello);
                break;
            case Welcome welcome:
                WelcomeSerializer.Write(ref writer, welcome);
                break;
            case Rejected rejected:
                RejectedSerializer.Write(ref writer, rejected);
                break;
            case Discovered discovered:
                DiscoveredSerializer.Write(ref writer, discovered);
                break;
            case StartRun startRun:
                StartRunSerializer.Write(ref writer, startRun);
                break;
            case EventOnConnection:
                EmptyBodySerializer.Write(ref writer);
                break;
            case AbortRun abortRun:
                AbortRunSerializer.Write(ref writer, abortRun);
                break;
            case ClaimRequest claimRequest:
                ClaimRequestSerializer.Write(ref writer, claimRequest);
                break;
            case ClaimGrant claimGrant:
                ClaimGrantSerializer.Write(ref writer, claimGrant);
                break;
            case TestStarted testStarted:
                TestStartedSerializer.Write(ref writer, testStarted);
                break;
            case TestUnreported testUnreported:
                TestUnreportedSerializer.Write(ref writer, testUnreported);
                break;
            case SuiteStarted suiteStarted:
                SuiteStartedSerializer.Write(ref writer, suiteStarted);
                break;
            case TestFinished testFinished:
                TestFinishedSerializer.Write(ref writer, testFinished);
                break;
            case SuiteFinished suiteFinished:
                SuiteFinishedSerializer.Write(ref writer, suiteFinished);
                break;
            case WorkerDone workerDone:
                WorkerDoneSerializer.Write(ref writer, workerDone);
                break;
            case WorkerFailed workerFailed:
                WorkerFailedSerializer.Write(ref writer, workerFailed);
                break;
            case GlobalFixtureRequest globalFixtureRequest:
                GlobalFixtureRequestSerializer.Write(ref writer, globalFixtureRequest);
                break;
            case GlobalFixtureValue globalFixtureValue:
                GlobalFixtureValueSerializer.Write(ref writer, globalFixtureValue);
                break;
            case TestOutputLine testOutputLine:
                TestOutputLineSerializer.Write(ref writer, testOutputLine);
                break;
            case OutputPart outputPart:
                OutputPartSerializer.Write(ref writer, outputPart);
                break;
            case FixtureHostEnd:
                EmptyBodySerializer.Write(ref writer);
                break;
            case FixtureHostEnded fixtureHostEnded:
                FixtureHostSerializers.Write(ref writer, fixtureHostEnded);
                break;
            case FixtureHostStage fixtureHostStage:
                FixtureHostSerializers.Write(ref writer, fixtureHostStage);
                break;
            case FixtureOutputLine fixtureOutputLine:
                FixtureHostSerializers.Write(ref writer, fixtureOutputLine);
                break;
            default:
                throw new ArgumentException($"No serializer for message type {message.GetType().FullName}.", nameof(message));
        }
    }

    /// <summary>Reads the body of a message of type <paramref name="typeId"/>; the body must be exactly one map.</summary>
    public static IMessage Decode(MessageTypeId typeId, ReadOnlyMemory<byte> body) =>
        Decode(typeId, new ReadOnlySequence<byte>(body));

    /// <inheritdoc cref="Decode(MessageTypeId, ReadOnlyMemory{byte})"/>
    public static IMessage Decode(MessageTypeId typeId, ReadOnlySequence<byte> body)
    {
        if (!Enum.IsDefined(typeId))
        {
            throw new ProtocolException($"Unknown message type id {(ushort)typeId}.");
        }

        try
        {
            return MessagePackInput.Read(body, typeId, ReadWholeBody);
        }
        catch (ProtocolException ex)
        {
            throw new ProtocolException($"Malformed {typeId} message: {ex.Message}", ex);
        }
    }

    private static IMessage ReadWholeBody(ref MessagePackReader reader, MessageTypeId typeId)
    {
        IMessage message = ReadBody(typeId, ref reader);
        if (!reader.End)
        {
            throw new ProtocolException($"{reader.Sequence.Length - reader.Consumed} unexpected bytes after the body.");
        }

        return message;
    }

    private static EventOnConnection ReadEventOnConnection(ref MessagePackReader reader)
    {
        EmptyBodySerializer.Read(ref reader);
        return new EventOnConnection();
    }

    private static FixtureHostEnd ReadFixtureHostEnd(ref MessagePackReader reader)
    {
        EmptyBodySerializer.Read(ref reader);
        return new FixtureHostEnd();
    }

    private static IMessage ReadBody(MessageTypeId typeId, ref MessagePackReader reader) => typeId switch
    {
        MessageTypeId.Hello => HelloSerializer.Read(ref reader),
        MessageTypeId.Welcome => WelcomeSerializer.Read(ref reader),
        MessageTypeId.Rejected => RejectedSerializer.Read(ref reader),
        MessageTypeId.Discovered => DiscoveredSerializer.Read(ref reader),
        MessageTypeId.StartRun => StartRunSerializer.Read(ref reader),
        MessageTypeId.AbortRun => AbortRunSerializer.Read(ref reader),
        MessageTypeId.ClaimRequest => ClaimRequestSerializer.Read(ref reader),
        MessageTypeId.ClaimGrant => ClaimGrantSerializer.Read(ref reader),
        MessageTypeId.TestStarted => TestStartedSerializer.Read(ref reader),
        MessageTypeId.TestUnreported => TestUnreportedSerializer.Read(ref reader),
        MessageTypeId.SuiteStarted => SuiteStartedSerializer.Read(ref reader),
        MessageTypeId.TestFinished => TestFinishedSerializer.Read(ref reader),
        MessageTypeId.SuiteFinished => SuiteFinishedSerializer.Read(ref reader),
        MessageTypeId.WorkerDone => WorkerDoneSerializer.Read(ref reader),
        MessageTypeId.WorkerFailed => WorkerFailedSerializer.Read(ref reader),
        MessageTypeId.GlobalFixtureRequest => GlobalFixtureRequestSerializer.Read(ref reader),
        MessageTypeId.GlobalFixtureValue => GlobalFixtureValueSerializer.Read(ref reader),
        MessageTypeId.TestOutputLine => TestOutputLineSerializer.Read(ref reader),
        MessageTypeId.EventOnConnection => ReadEventOnConnection(ref reader),
        MessageTypeId.OutputPart => OutputPartSerializer.Read(ref reader),
        MessageTypeId.FixtureHostEnd => ReadFixtureHostEnd(ref reader),
        MessageTypeId.FixtureHostEnded => FixtureHostSerializers.ReadEnded(ref reader),
        MessageTypeId.FixtureHostStage => FixtureHostSerializers.ReadStage(ref reader),
        MessageTypeId.FixtureOutputLine => FixtureHostSerializers.ReadOutputLine(ref reader),
        _ => throw new ProtocolException($"Unknown message type id {(ushort)typeId}."),
    };
}
