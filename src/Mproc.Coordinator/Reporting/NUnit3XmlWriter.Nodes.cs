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
        WriteSuiteStart(xml, run, root, result);
        if (_options.Environment is { } env)
        {
            xml.WriteStartElement("environment");
            XmlText.WriteAttribute(xml, "framework-version", assembly.FrameworkVersion);
            XmlText.WriteAttribute(xml, "clr-version", env.ClrVersion);
            XmlText.WriteAttribute(xml, "os-version", env.OsVersion);
            XmlText.WriteAttribute(xml, "platform", env.Platform);
            XmlText.WriteAttribute(xml, "cwd", env.Cwd);
            XmlText.WriteAttribute(xml, "machine-name", env.MachineName);
            XmlText.WriteAttribute(xml, "user", env.User);
            XmlText.WriteAttribute(xml, "user-domain", env.UserDomain);
            XmlText.WriteAttribute(xml, "culture", env.Culture);
            XmlText.WriteAttribute(xml, "uiculture", env.UiCulture);
            XmlText.WriteAttribute(xml, "os-architecture", env.OsArchitecture);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("settings");
        WriteSetting(xml, "RandomSeed", run.Report.RandomSeed.ToString(CultureInfo.InvariantCulture));
        WriteSetting(xml, "NumberOfTestWorkers", Format(run.Report.WorkerCount));
        xml.WriteEndElement();
        WriteSuiteBody(xml, run, root, result);
    }

    private void WriteNode(XmlWriter xml, AggregatedRun run, ResultNode node)
    {
        var result = run.ResultOf(node);
        if (node.IsTest)
        {
            WriteTestCase(xml, run.Report, node, result);
            return;
        }

        WriteSuiteStart(xml, run, node, result);
        WriteSuiteBody(xml, run, node, result);
    }

    private static void WriteSuiteStart(XmlWriter xml, AggregatedRun run, ResultNode node, NodeResult result)
    {
        xml.WriteStartElement("test-suite");
        XmlText.WriteAttribute(xml, "type", node.Node.TestType);
        WriteTestAttributes(xml, node);
        xml.WriteAttributeString("testcasecount", Format(result.TestCaseCount));
        WriteResultAttributes(xml, result, includeSite: true);
        WriteTimes(xml, run.Report, result);
        WriteCountAttributes(xml, result.Counts);
    }

    private void WriteSuiteBody(XmlWriter xml, AggregatedRun run, ResultNode node, NodeResult result)
    {
        WriteDetails(xml, node, result);
        foreach (var child in node.Children)
        {
            WriteNode(xml, run, child);
        }

        xml.WriteEndElement();
    }

    private static void WriteTestCase(XmlWriter xml, RunReport report, ResultNode node, NodeResult result)
    {
        xml.WriteStartElement("test-case");
        WriteTestAttributes(xml, node);
        xml.WriteAttributeString("seed", node.Node.Seed.ToString(CultureInfo.InvariantCulture));
        WriteResultAttributes(xml, result, includeSite: true);
        WriteTimes(xml, report, result);
        xml.WriteAttributeString("asserts", Format(result.Counts.Asserts));
        WriteDetails(xml, node, result);
        WriteAttachments(xml, node.Outcome?.AttachmentList ?? []);
        xml.WriteEndElement();
    }

    /// <summary>NUnit's attachments element, last in a test case: filePath as text, description as CDATA when there is one.</summary>
    private static void WriteAttachments(XmlWriter xml, IReadOnlyList<Protocol.Messages.TestAttachment> attachments)
    {
        if (attachments.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("attachments");
        foreach (var attachment in attachments)
        {
            xml.WriteStartElement("attachment");
            xml.WriteElementString("filePath", XmlText.Clean(attachment.FilePath));
            if (attachment.Description is not null)
            {
                XmlText.WriteCDataElement(xml, "description", attachment.Description);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteTestAttributes(XmlWriter xml, ResultNode node)
    {
        var test = node.Node;
        XmlText.WriteAttribute(xml, "id", test.Id);
        XmlText.WriteAttribute(xml, "name", test.Name);
        XmlText.WriteAttribute(xml, "fullname", test.FullName);
        if (test.MethodName is not null)
        {
            XmlText.WriteAttribute(xml, "methodname", test.MethodName);
        }

        if (test.ClassName is not null)
        {
            XmlText.WriteAttribute(xml, "classname", test.ClassName);
        }

        XmlText.WriteAttribute(xml, "runstate", test.RunState);
    }

    /// <summary>properties, then failure or reason, then output: NUnit's element order.</summary>
    private static void WriteDetails(XmlWriter xml, ResultNode node, NodeResult result)
    {
        var properties = node.Node.Properties;
        if (properties.Count >= 2)
        {
            xml.WriteStartElement("properties");
            for (var i = 0; i + 1 < properties.Count; i += 2)
            {
                xml.WriteStartElement("property");
                XmlText.WriteAttribute(xml, "name", properties[i]);
                XmlText.WriteAttribute(xml, "value", properties[i + 1]);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        if (result.Status == TestStatuses.Failed)
        {
            xml.WriteStartElement("failure");
            if (!string.IsNullOrEmpty(result.Message))
            {
                XmlText.WriteCDataElement(xml, "message", result.Message);
            }

            if (!string.IsNullOrEmpty(result.StackTrace))
            {
                XmlText.WriteCDataElement(xml, "stack-trace", result.StackTrace);
            }

            xml.WriteEndElement();
        }
        else if (!string.IsNullOrWhiteSpace(result.Message))
        {
            xml.WriteStartElement("reason");
            XmlText.WriteCDataElement(xml, "message", result.Message);
            xml.WriteEndElement();
        }

        if (!string.IsNullOrEmpty(result.Output))
        {
            XmlText.WriteCDataElement(xml, "output", result.Output);
        }
    }

    private static void WriteResultAttributes(XmlWriter xml, NodeResult result, bool includeSite)
    {
        XmlText.WriteAttribute(xml, "result", result.Status);
        if (!string.IsNullOrEmpty(result.Label))
        {
            XmlText.WriteAttribute(xml, "label", result.Label);
        }

        if (includeSite && !string.IsNullOrEmpty(result.Site) && result.Site != FailureSites.Test)
        {
            XmlText.WriteAttribute(xml, "site", result.Site);
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

    private static void WriteSetting(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("setting");
        xml.WriteAttributeString("name", name);
        XmlText.WriteAttribute(xml, "value", value);
        xml.WriteEndElement();
    }
}
