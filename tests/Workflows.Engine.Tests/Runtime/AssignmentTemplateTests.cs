using Workflows.Engine.Expressions;
using Workflows.Engine.Tests.Expressions;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Assignees and candidates computed from the initiator's organisation by host functions, and text templates.</summary>
public sealed class AssignmentTemplateTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    /// <summary>What the host registers: the city of an organisation path and its leader.</summary>
    private sealed class OrganisationFunctions : IExpressionFunctions
    {
        public void Register(ExpressionSandbox sandbox)
        {
            sandbox.SetFunction("cityOf", (Func<string, string>)(path => "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(2))));
            sandbox.SetFunction("leaderOf", (Func<string, string>)(path => "leader-of-" + path.Split('/', StringSplitOptions.RemoveEmptyEntries).Last()));
            sandbox.SetFunction("pick", (Func<string, string, string>)((a, b) => a + "+" + b));
        }
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Candidate_groups_and_assignees_are_computed_from_the_initiators_organisation(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store, functions: [new OrganisationFunctions()]);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <userTask id="unitLeader" camunda:assignee="${leaderOf(initiatorOrg)}" />
            <userTask id="cityReview" camunda:candidateGroups="city-reviewer@${cityOf(initiatorOrg)}, province-reviewer, ${pick('x', 'y')}" camunda:candidateUsers="${committee}" />
            <endEvent id="e" />
            {{Flow("f1", "s", "unitLeader")}}{{Flow("f2", "unitLeader", "cityReview")}}{{Flow("f3", "cityReview", "e")}}
            """));
        var instance = await h.Engine.StartAsync(new StartInstanceCommand("p", null, EngineHarness.Vars(new { committee = new[] { "chen", "li" } }))
        {
            Actor = "ent-user",
            OrganizationPath = "/gd/gz/th/ent-001",
        });

        (await h.SingleTaskAsync(instance.Id, "unitLeader")).Assignee.Should().Be("leader-of-ent-001");
        await h.CompleteAsync(instance.Id, "unitLeader");
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        review.CandidateGroups.Should().Equal("city-reviewer@/gd/gz", "province-reviewer", "x+y");
        review.CandidateUsers.Should().Equal("chen", "li");
    }

    [Fact]
    public void A_template_replaces_each_expression_by_its_text_and_a_whole_expression_keeps_its_type()
    {
        var evaluator = new ExpressionEvaluator();
        var variables = new TestVariables(("org", "/gd/gz"), ("n", 3L), ("ok", true), ("list", new List<object?> { "a", "b" }));

        evaluator.EvaluateTemplate("reviewer@${org}", variables).Should().Be("reviewer@/gd/gz");
        evaluator.EvaluateTemplate("${n} of ${n + 1}: ${ok} ${list}", variables).Should().Be("3 of 4: true a,b");
        evaluator.EvaluateTemplate("${list}", variables).Should().BeEquivalentTo(new List<object?> { "a", "b" });
        evaluator.EvaluateTemplate("${n}", variables).Should().Be(3L);
        evaluator.EvaluateTemplate("no expression", variables).Should().Be("no expression");
        evaluator.EvaluateTemplate("${'}'}x", variables).Should().Be("}x");
        var failing = () => evaluator.EvaluateTemplate("a@${missing}", variables);
        failing.Should().Throw<ExpressionException>().WithMessage("*missing*");
    }

    [Fact]
    public void A_list_splits_on_commas_outside_expressions_only()
    {
        ExpressionTemplate.SplitList("a, b@${f(x, y)} ,, ${g('1,2')}").Should().Equal("a", "b@${f(x, y)}", "${g('1,2')}");
        ExpressionTemplate.TryParse("a@${b", out _).Should().BeFalse();
    }
}
