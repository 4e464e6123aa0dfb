using System.Text;
using Workflows.Engine.Parsing;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Parsing;

/// <summary>The reader's bounds on nesting depth and element count (<see cref="BpmnLimits"/>).</summary>
public sealed class BpmnLimitTests
{
    /// <summary>A process with <paramref name="levels"/> sub-processes, each inside the one before.</summary>
    private static string Nested(int levels)
    {
        var body = new StringBuilder("<startEvent id=\"s\" />");
        for (var i = 0; i < levels; i++)
        {
            body.Append("<subProcess id=\"sp").Append(i).Append("\"><startEvent id=\"s").Append(i).Append("\" />");
        }

        for (var i = 0; i < levels; i++)
        {
            body.Append("</subProcess>");
        }

        return Process("p", body.ToString());
    }

    [Fact]
    public void A_document_of_100000_nested_sub_processes_is_refused_by_the_nesting_depth_limit()
    {
        var result = new BpmnReader().Read(Nested(100_000));

        result.IsValid.Should().BeFalse();
        result.Processes.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Message.Should()
            .Contain("nesting depth limit").And.Contain("Workflows:Bpmn:MaxNestingDepth").And.Contain("100");
    }

    [Fact]
    public void A_document_within_the_default_limits_is_read()
    {
        var result = new BpmnReader().Read(Nested(20).Replace("<startEvent id=\"s\" />", "", StringComparison.Ordinal));
        result.Problems.Should().NotContain(p => p.Message.Contains("limit", StringComparison.Ordinal));
    }

    [Fact]
    public void A_document_over_the_element_count_is_refused_naming_the_limit()
    {
        var flat = Process("p", string.Concat(Enumerable.Range(0, 300).Select(i => $"<task id=\"t{i}\" />")));
        var result = new BpmnReader(new BpmnReaderOptions { MaxElements = 200 }).Read(flat);

        result.Problems.Should().ContainSingle().Which.Message.Should()
            .Contain("more than 200 elements").And.Contain("Workflows:Bpmn:MaxElements");
    }

    [Fact]
    public void The_depth_limit_is_configurable()
    {
        var result = new BpmnReader(new BpmnReaderOptions { MaxNestingDepth = 10 }).Read(Nested(12));
        result.Problems.Should().ContainSingle().Which.Message.Should().Contain("more than 10 levels");
    }
}
