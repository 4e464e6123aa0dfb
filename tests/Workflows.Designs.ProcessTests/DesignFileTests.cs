using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Workflows.Designs.ProcessTests.Support;
using Workflows.Engine.Activities;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Designs.ProcessTests;

/// <summary>The shipped files: the catalog, what the engine's reader makes of them, names and diagram interchange.</summary>
public sealed partial class DesignFileTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";

    private static readonly HashSet<string> FlowNodeNames =
    [
        "startEvent", "endEvent", "intermediateCatchEvent", "userTask", "serviceTask", "scriptTask", "exclusiveGateway",
        "parallelGateway", "eventBasedGateway",
    ];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    private static BpmnReader Reader(ActivityRegistry activities) => new(new BpmnReaderOptions
    {
        SyntaxCheck = new ExpressionEvaluator().CheckSyntax,
        IsKnownActivityType = activities.Contains,
    });

    private static BpmnReader ReaderWithHonours() =>
        Reader(new StandInHonours(() => throw new InvalidOperationException("not run")).Register(new ActivityRegistry()));

    [Fact]
    public void The_catalog_lists_one_design_per_honour_and_every_embedded_file()
    {
        DesignCatalog.All.Select(d => d.Key).Should().Equal(
            "labour-medal", "labour-certificate", "pioneer-team", "model-worker", "nanyue-craftsman", "nanyue-best-worker");
        DesignCatalog.All.Select(d => d.HonourType).Should().OnlyHaveUniqueItems();
        DesignCatalog.EmbeddedFiles().Should().BeEquivalentTo(DesignCatalog.All.Select(d => d.ResourceName));
        DesignCatalog.Get("model-worker").NameZh.Should().Be("广东省劳动模范和先进工作者评选表彰");
        DesignCatalog.ForHonourType("craftsman")!.Key.Should().Be("nanyue-craftsman");
        var unknown = () => DesignCatalog.Get("medal");
        unknown.Should().Throw<KeyNotFoundException>().WithMessage("*'medal'*labour-medal*");
    }

    [Theory, MemberData(nameof(Journeys.AllDesigns), MemberType = typeof(Journeys))]
    public void Each_design_reads_without_problems_as_one_executable_process_named_like_the_catalog(string key)
    {
        var design = DesignCatalog.Get(key);
        var result = ReaderWithHonours().Read(design.Xml);

        result.Problems.Should().BeEmpty();
        result.Processes.Should().ContainSingle().Which.Key.Should().Be(key);
        result.Processes[0].Name.Should().Be(design.NameZh);
        design.ContentHash.Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Theory, MemberData(nameof(Journeys.AllDesigns), MemberType = typeof(Journeys))]
    public void An_engine_without_the_honours_activities_refuses_the_design_naming_each_missing_activity(string key)
    {
        var result = Reader(new ActivityRegistry()).Read(DesignCatalog.Get(key).Xml);

        result.IsValid.Should().BeFalse("an unknown activity type is a deploy-time problem, not a run-time error");
        result.Problems.Should().OnlyContain(p => p.Message.Contains("is not in the activity catalog", StringComparison.Ordinal));
        result.Problems.Select(p => Regex.Match(p.Message, "'(honours\\.[a-zA-Z]+)'").Groups[1].Value).Distinct()
            .Should().BeSubsetOf(StandInHonours.ActivityTypes).And.Contain("honours.noticePeriod", "honours.registerHonours");
    }

    [Theory, MemberData(nameof(Journeys.AllDesigns), MemberType = typeof(Journeys))]
    public void Every_element_lane_and_decision_has_a_Chinese_name(string key)
    {
        var document = XDocument.Parse(DesignCatalog.Get(key).Xml);
        var process = document.Root!.Element(Bpmn + "process")!;
        var named = process.Descendants().Where(e => FlowNodeNames.Contains(e.Name.LocalName) || e.Name.LocalName is "lane" or "participant")
            .Concat(document.Root.Descendants(Bpmn + "participant"))
            .Concat(process.Elements(Bpmn + "sequenceFlow").Where(f => f.Element(Bpmn + "conditionExpression") is not null || IsDefault(process, f)))
            .ToList();

        named.Should().HaveCountGreaterThan(50);
        named.Where(e => !Chinese().IsMatch((string?)e.Attribute("name") ?? ""))
            .Select(e => (string?)e.Attribute("id")).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Journeys.AllDesigns), MemberType = typeof(Journeys))]
    public void The_diagram_has_a_shape_for_every_element_and_an_edge_on_the_border_of_both_ends_for_every_flow(string key)
    {
        var document = XDocument.Parse(DesignCatalog.Get(key).Xml);
        var process = document.Root!.Element(Bpmn + "process")!;
        var plane = document.Root.Element(BpmnDi + "BPMNDiagram")!.Element(BpmnDi + "BPMNPlane")!;
        var shapes = plane.Elements(BpmnDi + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, Bounds);
        var edges = plane.Elements(BpmnDi + "BPMNEdge").ToDictionary(e => (string)e.Attribute("bpmnElement")!,
            e => e.Elements(Di + "waypoint").Select(w => (X: Number(w, "x"), Y: Number(w, "y"))).ToList());

        var nodes = process.Descendants().Where(e => FlowNodeNames.Contains(e.Name.LocalName)).Select(e => (string)e.Attribute("id")!).ToList();
        var lanes = process.Descendants(Bpmn + "lane").Select(e => (string)e.Attribute("id")!).ToList();
        var pool = shapes[(string)document.Root.Descendants(Bpmn + "participant").Single().Attribute("id")!];
        shapes.Keys.Should().BeEquivalentTo(nodes.Concat(lanes).Append($"Participant_{key}"));
        foreach (var node in nodes)
        {
            var b = shapes[node];
            (b.X >= pool.X && b.Y >= pool.Y && b.X + b.W <= pool.X + pool.W && b.Y + b.H <= pool.Y + pool.H).Should().BeTrue($"{node} lies inside the pool");
            var lane = lanes.Single(l => process.Descendants(Bpmn + "lane").Single(e => (string)e.Attribute("id")! == l)
                .Elements(Bpmn + "flowNodeRef").Any(r => r.Value == node));
            var laneBounds = shapes[lane];
            (b.Y >= laneBounds.Y && b.Y + b.H <= laneBounds.Y + laneBounds.H).Should().BeTrue($"{node} lies inside its lane {lane}");
        }

        var flows = process.Elements(Bpmn + "sequenceFlow").ToList();
        edges.Keys.Should().BeEquivalentTo(flows.Select(f => (string)f.Attribute("id")!));
        foreach (var flow in flows)
        {
            var points = edges[(string)flow.Attribute("id")!];
            points.Should().HaveCountGreaterThanOrEqualTo(2);
            points.Zip(points.Skip(1)).Should().OnlyContain(s => s.First.X == s.Second.X || s.First.Y == s.Second.Y, "flows are drawn orthogonally");
            OnBorder(points[0], shapes[(string)flow.Attribute("sourceRef")!]).Should().BeTrue($"{flow.Attribute("id")} starts on its source");
            OnBorder(points[^1], shapes[(string)flow.Attribute("targetRef")!]).Should().BeTrue($"{flow.Attribute("id")} ends on its target");
        }
    }

    [Theory, MemberData(nameof(Journeys.AllDesigns), MemberType = typeof(Journeys))]
    public void Every_human_task_says_who_does_it_and_every_review_says_where_its_decision_goes(string key)
    {
        var model = ReaderWithHonours().Read(DesignCatalog.Get(key).Xml).Processes[0];
        var tasks = model.NodesById.Values.OfType<UserTaskNode>().ToList();

        tasks.Should().OnlyContain(t => t.Assignee != null || t.CandidateGroups.Count > 0);
        tasks.Should().OnlyContain(t => t.Extensions.ContainsKey("outcomeVariable") || t.Assignee == "${initiator}");
        foreach (var (element, variable) in Journeys.Reviews(key))
        {
            var review = (UserTaskNode)model.GetNode(element);
            review.OutcomeVariable.Should().Be(variable);
            review.DueDate.Should().Be("P10WD", "a level has ten working days for its review");
            var result = model.GetNode(element).Outgoing.Single().Target;
            if (result.Kind == NodeKind.ParallelGateway)
            {
                result = result.Outgoing.Single().Target; // the joint review decides after both reviewers
            }

            result.Outgoing.Select(f => f.Condition).Should().Contain(c => c != null && c.Contains($"{variable} === 'returned'", StringComparison.Ordinal),
                    "every review level can return the nomination to the enterprise");
        }

        var vote = (UserTaskNode)model.GetNode("committeeVote");
        vote.ApprovalMethod.Should().Be(ApprovalMethod.Countersign);
        vote.PassRatio.Should().BeApproximately(2.0 / 3, 1e-9);
        vote.MultiInstance!.Collection.Should().Be("${committee}");
        model.GetNode("objectionReceived").EventDefinition.Should().Be(new MessageEventDefinition("objection", "${nominationId}"));
    }

    [Theory, MemberData(nameof(Journeys.AllDesigns), MemberType = typeof(Journeys))]
    public void Every_element_is_reached_from_the_start_and_every_path_ends_at_a_named_end(string key)
    {
        var model = ReaderWithHonours().Read(DesignCatalog.Get(key).Xml).Processes[0];
        var start = model.NoneStartEvents.Should().ContainSingle().Subject;

        model.NodesById.Values.Where(n => n != start && !model.CanReach(start, n)).Select(n => n.Id).Should().BeEmpty();
        model.NodesById.Values.Where(n => n.Kind != NodeKind.EndEvent && n.Outgoing.Count == 0).Select(n => n.Id)
            .Should().BeEmpty("no token may end silently at an element without outgoing flow");
        model.NodesById.Values.Where(n => n.Kind == NodeKind.EndEvent).Should().HaveCountGreaterThanOrEqualTo(7)
            .And.OnlyContain(n => n.Id.StartsWith("end", StringComparison.Ordinal));
    }

    private static bool IsDefault(XElement process, XElement flow) =>
        process.Descendants().Any(e => (string?)e.Attribute("default") == (string?)flow.Attribute("id"));

    private static (double X, double Y, double W, double H) Bounds(XElement shape)
    {
        var b = shape.Element(Dc + "Bounds")!;
        return (Number(b, "x"), Number(b, "y"), Number(b, "width"), Number(b, "height"));
    }

    private static double Number(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    private static bool OnBorder((double X, double Y) p, (double X, double Y, double W, double H) b) =>
        p.X >= b.X && p.X <= b.X + b.W && p.Y >= b.Y && p.Y <= b.Y + b.H
        && (p.X == b.X || p.X == b.X + b.W || p.Y == b.Y || p.Y == b.Y + b.H);
}
