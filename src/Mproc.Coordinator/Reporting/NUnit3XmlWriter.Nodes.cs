using System.Globalization;
using System.Xml;
using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>The <c>&lt;test-suite&gt;</c> and <c>&lt;test-case&gt;</c> elements.</summary>
public sealed partial class NUnit3XmlWriter
{
    private void WriteAssembly(XmlWriter xml, AggregatedRun run, AssemblyReport assembly)
    {
        var root = assembly.Root;
        var result = run.ResultOf(root);
        var text = ResultXmlText.For(assembly.FrameworkVersion);
        WriteSuiteStart(xml, run, root, result, text);
        if (_options.Environment is { } env)
        {
            xml.WriteStartElement("environment");
            text.WriteAttribute(xml, "framework-version", assembly.FrameworkVersion);
            text.WriteAttribute(xml, "clr-version", env.ClrVersion);
            text.WriteAttribute(xml, "os-version", env.OsVersion);
            text.WriteAttribute(xml, "platform", env.Platform);
            text.WriteAttribute(xml, "cwd", env.Cwd);
            text.WriteAttribute(xml, "machine-name", env.MachineName);
            text.WriteAttribute(xml, "user", env.User);
            text.WriteAttribute(xml, "user-domain", env.UserDomain);
            text.WriteAttribute(xml, "culture", env.Culture);
            text.WriteAttribute(xml, "uiculture", env.UiCulture);
            text.WriteAttribute(xml, "os-architecture", env.OsArchitecture);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("settings");
        WriteSetting(xml, text, "RandomSeed", run.Report.RandomSeed.ToString(CultureInfo.InvariantCulture));
        WriteSetting(xml, text, "NumberOfTestWorkers", Format(run.Report.WorkerCount));
        xml.WriteEndElement();
        WriteSuiteBody(xml, run, root, result, text);
    }

    private void WriteNode(XmlWriter xml, AggregatedRun run, ResultNode node, ResultXmlText text)
    {
        var result = run.ResultOf(node);
        if (node.IsTest)
        {
            WriteTestCase(xml, run.Report, node, result, text);
            return;
        }

        WriteSuiteStart(xml, run, node, result, text);
        WriteSuiteBody(xml, run, node, result, text);
    }

    private static void WriteSuiteStart(XmlWriter xml, AggregatedRun run, ResultNode node, NodeResult result, ResultXmlText text)
    {
        xml.WriteStartElement("test-suite");
        text.WriteAttribute(xml, "type", node.Node.TestType);
        WriteTestAttributes(xml, node, text);
        xml.WriteAttributeString("testcasecount", Format(result.TestCaseCount));
        WriteResultAttributes(xml, text, result, includeSite: true);
        WriteTimes(xml, run.Report, result);
        WriteCountAttributes(xml, result.Counts);
    }

    private void WriteSuiteBody(XmlWriter xml, AggregatedRun run, ResultNode node, NodeResult result, ResultXmlText text)
    {
        WriteDetails(xml, node, result, text);
        foreach (var child in node.Children)
        {
            WriteNode(xml, run, child, text);
        }

        xml.WriteEndElement();
    }

    private static void WriteTestCase(XmlWriter xml, RunReport report, ResultNode node, NodeResult result, ResultXmlText text)
    {
        xml.WriteStartElement("test-case");
        WriteTestAttributes(xml, node, text);
        xml.WriteAttributeString("seed", node.Node.Seed.ToString(CultureInfo.InvariantCulture));
        WriteResultAttributes(xml, text, result, includeSite: true);
        WriteTimes(xml, report, result);
        xml.WriteAttributeString("asserts", Format(result.Counts.Asserts));
        WriteDetails(xml, node, result, text);
        WriteAttachments(xml, node.Outcome?.AttachmentList ?? [], text);
        xml.WriteEndElement();
    }

    /// <summary>NUnit's attachments element, last in a test case: filePath as text, description as CDATA when there is one.</summary>
    private static void WriteAttachments(XmlWriter xml, IReadOnlyList<Protocol.Messages.TestAttachment> attachments, ResultXmlText text)
    {
        if (attachments.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("attachments");
        foreach (var attachment in attachments)
        {
            xml.WriteStartElement("attachment");
            xml.WriteElementString("filePath", text.Escape(attachment.FilePath));
            if (attachment.Description is not null)
            {
                text.WriteCDataElement(xml, "description", attachment.Description);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteTestAttributes(XmlWriter xml, ResultNode node, ResultXmlText text)
    {
        var test = node.Node;
        text.WriteAttribute(xml, "id", test.Id);
        text.WriteAttribute(xml, "name", test.Name);
        text.WriteAttribute(xml, "fullname", test.FullName);
        if (test.MethodName is not null)
        {
            text.WriteAttribute(xml, "methodname", test.MethodName);
        }

        if (test.ClassName is not null)
        {
            text.WriteAttribute(xml, "classname", test.ClassName);
        }

        text.WriteAttribute(xml, "runstate", test.RunState);
    }

    /// <summary>properties, then failure or reason, then output: NUnit's element order.</summary>
    private static void WriteDetails(XmlWriter xml, ResultNode node, NodeResult result, ResultXmlText text)
    {
        var properties = node.Node.Properties;
        if (properties.Count >= 2)
        {
            xml.WriteStartElement("properties");
            for (var i = 0; i + 1 < properties.Count; i += 2)
            {
                xml.WriteStartElement("property");
                text.WriteAttribute(xml, "name", properties[i]);
                text.WriteAttribute(xml, "value", properties[i + 1]);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        if (result.Status == TestStatuses.Failed)
        {
            xml.WriteStartElement("failure");
            if (!string.IsNullOrEmpty(result.Message))
            {
                text.WriteCDataElement(xml, "message", result.Message);
            }

            if (!string.IsNullOrEmpty(result.StackTrace))
            {
                text.WriteCDataElement(xml, "stack-trace", result.StackTrace);
            }

            xml.WriteEndElement();
        }
        else if (!string.IsNullOrWhiteSpace(result.Message))
        {
            xml.WriteStartElement("reason");
            text.WriteCDataElement(xml, "message", result.Message);
            xml.WriteEndElement();
        }

        if (!string.IsNullOrEmpty(result.Output))
        {
            text.WriteCDataElement(xml, "output", result.Output);
        }
    }

    private static void WriteResultAttributes(XmlWriter xml, ResultXmlText text, NodeResult result, bool includeSite)
    {
        text.WriteAttribute(xml, "result", result.Status);
        if (!string.IsNullOrEmpty(result.Label))
        {
            text.WriteAttribute(xml, "label", result.Label);
        }

        if (includeSite && !string.IsNullOrEmpty(result.Site) && result.Site != FailureSites.Test)
        {
            text.WriteAttribute(xml, "site", result.Site);
        }
    }

    private static void WriteCountAttributes(XmlWriter xml, ResultCounts counts)
    {
        xml.WriteAttributeString("total", Format(counts.Total));
        xml.WriteAttributeString("passed", Format(counts.Passed));
        xml.WriteAttributeString("failed", Format(counts.Failed));
        xml.WriteAttributeString("warnings", Format(counts.Warnings));
        xml.WriteAttributeString("inconclusive", Format(counts.Inconclusive));
        xml.WriteAttributeString("skipped", Format(counts.Skipped));
        xml.WriteAttributeString("asserts", Format(counts.Asserts));
    }

    /// <summary>A node that never started (interrupted run) gets the run's start time and no duration.</summary>
    private static void WriteTimes(XmlWriter xml, RunReport report, NodeResult result)
    {
        var start = result.StartUtc ?? report.StartUtc;
        WriteTimeAttributes(xml, start, result.EndUtc ?? start, result.DurationSeconds);
    }

    private static void WriteTimeAttributes(XmlWriter xml, DateTime startUtc, DateTime endUtc, double seconds)
    {
        xml.WriteAttributeString("start-time", FormatTime(startUtc));
        xml.WriteAttributeString("end-time", FormatTime(endUtc));
        xml.WriteAttributeString("duration", FormatDuration(seconds));
    }

    private static void WriteSetting(XmlWriter xml, ResultXmlText text, string name, string value)
    {
        xml.WriteStartElement("setting");
        xml.WriteAttributeString("name", name);
        text.WriteAttribute(xml, "value", value);
        xml.WriteEndElement();
    }
}
