using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Parsing;

/// <summary>The reader's checks of the user-task attributes of comments and rejection.</summary>
public sealed class UserTaskAttributeTests
{
    private readonly BpmnReader _reader = new(new BpmnReaderOptions { SyntaxCheck = new ExpressionEvaluator().CheckSyntax });

    private static string Review(string attributes) => Process("p", $$"""
        <startEvent id="s" />
        <userTask id="submit" name="申报" />
        <userTask id="review" name="审核"
                  {{attributes}} />
        <userTask id="later" />
        <endEvent id="e" />
        {{Flow("f1", "s", "submit")}}{{Flow("f2", "submit", "review")}}{{Flow("f3", "review", "later")}}{{Flow("f4", "later", "e")}}
        """);

    private static int LineOf(string xml, string text) => xml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Fact]
    public void The_attributes_are_read_into_the_model()
    {
        var result = _reader.Read(Review("""wf:commentRequired="reject" wf:rejectAction="return" wf:rejectTo="submit" """));
        result.Problems.Should().BeEmpty();
        var review = (UserTaskNode)result.Processes[0].NodesById["review"];
        review.CommentRequired.Should().Be(CommentRequirement.OnReject);
        review.RejectAction.Should().Be(RejectAction.Return);
        review.RejectTo.Should().Be("submit");

        var plain = (UserTaskNode)_reader.Read(Review("")).Processes[0].NodesById["review"];
        plain.CommentRequired.Should().Be(CommentRequirement.None);
        plain.RejectAction.Should().Be(RejectAction.Outcome);

        var toInitiator = (UserTaskNode)_reader.Read(Review("""wf:rejectTo="initiator" wf:commentRequired="true" """)).Processes[0].NodesById["review"];
        toInitiator.RejectAction.Should().Be(RejectAction.Return, "a reject target alone means return");
        toInitiator.CommentRequired.Should().Be(CommentRequirement.Always);
    }

    [Theory]
    [InlineData("""wf:commentRequired="sometimes" """, "wf:commentRequired 'sometimes'")]
    [InlineData("""wf:rejectAction="archive" """, "wf:rejectAction 'archive'")]
    [InlineData("""wf:rejectAction="return" """, "needs wf:rejectTo")]
    [InlineData("""wf:rejectAction="end" wf:rejectTo="submit" """, "only used with wf:rejectAction=\"return\"")]
    [InlineData("""wf:rejectTo="later" """, "not an earlier user task")]
    [InlineData("""wf:rejectTo="review" """, "not an earlier user task")]
    [InlineData("""wf:rejectTo="s" """, "is not a user task")]
    [InlineData("""wf:rejectTo="nowhere" """, "is not a user task")]
    [InlineData("""camunda:candidateGroups="reviewer@${cityOf(org" """, "without its closing")]
    [InlineData("""camunda:assignee="lead-${1 +}" """, "assignee expression")]
    public void Wrong_values_are_deploy_problems_with_the_line_of_the_task(string attributes, string message)
    {
        var xml = Review(attributes);
        var result = _reader.Read(xml);
        var problem = result.Problems.Should().ContainSingle().Subject;
        problem.Message.Should().Contain(message);
        problem.ElementId.Should().Be("review");
        problem.Line.Should().Be(LineOf(xml, "<userTask id=\"review\""));
    }

    [Fact]
    public void A_reject_rule_on_an_approval_vote_is_a_problem()
    {
        var result = _reader.Read(Review("""wf:approvalMethod="countersign" wf:approvers="${committee}" wf:rejectAction="end" """));
        result.Problems.Should().ContainSingle().Which.Message.Should().Contain("vote against");
    }
}
