using System.Xml;

namespace Mproc.Coordinator.Reporting;

/// <summary>The Results, TestDefinitions and TestEntries elements.</summary>
public sealed partial class TrxWriter
{
    private void WriteResults(XmlWriter xml, IReadOnlyList<TrxTest> tests)
    {
        xml.WriteStartElement("Results", Namespace);
        foreach (var test in tests)
        {
            var result = test.Result;
            var execution = test.ExecutionId.ToString("D");
            xml.WriteStartElement("UnitTestResult", Namespace);
            xml.WriteAttributeString("executionId", execution);
            xml.WriteAttributeString("testId", test.TestId.ToString("D"));
            XmlText.WriteAttribute(xml, "testName", test.Name);
            XmlText.WriteAttribute(xml, "computerName", _computerName);
            xml.WriteAttributeString("duration", Duration(result.DurationSeconds));
            var start = result.StartUtc ?? result.EndUtc;
            if (start is { } startUtc)
            {
                xml.WriteAttributeString("startTime", Time(startUtc));
                xml.WriteAttributeString("endTime", Time(result.EndUtc ?? startUtc));
            }

            xml.WriteAttributeString("testType", UnitTestType);
            xml.WriteAttributeString("outcome", test.Outcome);
            xml.WriteAttributeString("testListId", ResultsNotInAListId);
            xml.WriteAttributeString("relativeResultsDirectory", execution);
            var hasOutput = !string.IsNullOrEmpty(result.Output);
            var hasError = !string.IsNullOrEmpty(result.Message) || !string.IsNullOrEmpty(result.StackTrace);
            if (hasOutput || hasError)
            {
                xml.WriteStartElement("Output", Namespace);
                if (hasOutput)
                {
                    WriteText(xml, "StdOut", result.Output!);
                }

                if (hasError)
                {
                    xml.WriteStartElement("ErrorInfo", Namespace);
                    WriteText(xml, "Message", result.Message ?? string.Empty);
                    if (!string.IsNullOrEmpty(result.StackTrace))
                    {
                        WriteText(xml, "StackTrace", result.StackTrace);
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            // The attached files, as dotnet test's TRX logger lists a test's result files.
            if (test.Attachments.Count > 0)
            {
                xml.WriteStartElement("ResultFiles", Namespace);
                foreach (var attachment in test.Attachments)
                {
                    xml.WriteStartElement("ResultFile", Namespace);
                    XmlText.WriteAttribute(xml, "path", attachment.FilePath);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteDefinitions(XmlWriter xml, IReadOnlyList<TrxTest> tests)
    {
        xml.WriteStartElement("TestDefinitions", Namespace);
        foreach (var test in tests)
        {
            xml.WriteStartElement("UnitTest", Namespace);
            XmlText.WriteAttribute(xml, "name", test.Name);
            XmlText.WriteAttribute(xml, "storage", test.Storage);
            xml.WriteAttributeString("id", test.TestId.ToString("D"));
            if (test.Categories.Count > 0)
            {
                xml.WriteStartElement("TestCategory", Namespace);
                foreach (var category in test.Categories)
                {
                    xml.WriteStartElement("TestCategoryItem", Namespace);
                    XmlText.WriteAttribute(xml, "TestCategory", category);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteStartElement("Execution", Namespace);
            xml.WriteAttributeString("id", test.ExecutionId.ToString("D"));
            xml.WriteEndElement();
            xml.WriteStartElement("TestMethod", Namespace);
            XmlText.WriteAttribute(xml, "codeBase", test.Storage);
            xml.WriteAttributeString("adapterTypeName", AdapterTypeName);
            XmlText.WriteAttribute(xml, "className", test.ClassName);
            XmlText.WriteAttribute(xml, "name", test.MethodName);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteEntries(XmlWriter xml, IReadOnlyList<TrxTest> tests)
    {
        xml.WriteStartElement("TestEntries", Namespace);
        foreach (var test in tests)
        {
            xml.WriteStartElement("TestEntry", Namespace);
            xml.WriteAttributeString("testId", test.TestId.ToString("D"));
            xml.WriteAttributeString("executionId", test.ExecutionId.ToString("D"));
            xml.WriteAttributeString("testListId", ResultsNotInAListId);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteText(XmlWriter xml, string name, string text)
    {
        xml.WriteStartElement(name, Namespace);
        xml.WriteString(XmlText.Clean(text));
        xml.WriteEndElement();
    }
}
