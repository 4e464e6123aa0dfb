using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Workflows.Designs.Maps.Rendering;

namespace Workflows.Designs.Tests;

/// <summary>
/// Every model of the BPMN MIWG reference suite (../shared/conformance/miwg) is drawn without error as well-formed
/// SVG with one shape group per BPMNShape and one path per BPMNEdge, each in the look of its element, the same
/// bytes every time and in every culture.
/// </summary>
public sealed class MiwgRenderingTests
{
    private static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";

    private static readonly Dictionary<string, string> TaskIcons = new(StringComparer.Ordinal)
    {
        ["userTask"] = "user", ["serviceTask"] = "service", ["sendTask"] = "send", ["receiveTask"] = "receive",
        ["scriptTask"] = "script", ["businessRuleTask"] = "business-rule", ["manualTask"] = "manual",
    };

    public static IEnumerable<object[]> Models() => Repository.MiwgModels();

    [Fact]
    public void The_reference_suite_is_there()
    {
        Models().Should().HaveCountGreaterThanOrEqualTo(20, "the MIWG reference models are expected in {0}", Repository.MiwgFolder);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_shape_and_edge_of_the_model_is_drawn(string model)
    {
        var path = Path.Combine(Repository.MiwgFolder, model);
        var source = LoadSource(path);
        var svg = Svg.Parse(BpmnSvgRenderer.RenderFile(path));

        var diShapes = source.Descendants(BpmnDi + "BPMNShape").ToList();
        var diEdges = source.Descendants(BpmnDi + "BPMNEdge").ToList();
        diShapes.Should().NotBeEmpty();

        var shapes = Svg.Shapes(svg);
        shapes.Should().HaveCount(diShapes.Count, "one group per BPMNShape");
        shapes.Select(s => (string?)s.Attribute("data-shape")).Should().BeEquivalentTo(diShapes.Select(s => (string?)s.Attribute("id")));

        var edges = Svg.Edges(svg);
        edges.Should().HaveCount(diEdges.Count, "one path per BPMNEdge");
        edges.Select(e => (string?)e.Attribute("data-edge")).Should().BeEquivalentTo(diEdges.Select(e => (string?)e.Attribute("id")));
        edges.Should().OnlyContain(e => ((string)e.Attribute("d")!).StartsWith("M ", StringComparison.Ordinal) && ((string)e.Attribute("d")!).Contains(" L ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Each_shape_is_drawn_in_the_look_of_its_element(string model)
    {
        var path = Path.Combine(Repository.MiwgFolder, model);
        var source = LoadSource(path);
        var elements = source.Descendants().Where(e => e.Name.Namespace == Model && e.Attribute("id") is not null)
            .GroupBy(e => (string)e.Attribute("id")!).ToDictionary(g => g.Key, g => g.First());
        var svg = Svg.Parse(BpmnSvgRenderer.RenderFile(path));
        var groups = Svg.Shapes(svg).ToDictionary(g => (string)g.Attribute("data-shape")!);

        foreach (var diShape in source.Descendants(BpmnDi + "BPMNShape"))
        {
            var group = groups[(string)diShape.Attribute("id")!];
            var element = elements[(string)diShape.Attribute("bpmnElement")!];
            var kind = element.Name.LocalName;
            Svg.Classes(group).Should().Contain(Kebab(kind), $"{model}: the shape of {kind} '{element.Attribute("id")?.Value}' says what it is");

            if (TaskIcons.TryGetValue(kind, out var icon))
            {
                Svg.HasPart(group, icon).Should().BeTrue($"{model}: {kind} '{element.Attribute("id")?.Value}' carries its type marker");
            }

            var definitions = element.Elements().Where(e => e.Name.Namespace == Model && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
            if (definitions.Count == 1)
            {
                var trigger = definitions[0].Name.LocalName[..^"EventDefinition".Length];
                Svg.HasPart(group, trigger).Should().BeTrue($"{model}: event '{element.Attribute("id")?.Value}' shows its {trigger} marker");
            }

            if (element.Element(Model + "multiInstanceLoopCharacteristics") is { } mi)
            {
                Svg.HasPart(group, (string?)mi.Attribute("isSequential") == "true" ? "sequential" : "parallel").Should().BeTrue($"{model}: '{element.Attribute("id")?.Value}' shows its multi-instance marker");
            }
        }
    }

    [Fact]
    public void Rendering_is_byte_for_byte_the_same_twice_and_in_any_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            foreach (var model in Models().Select(m => (string)m[0]))
            {
                var path = Path.Combine(Repository.MiwgFolder, model);
                CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
                var first = BpmnSvgRenderer.RenderFile(path);
                var second = BpmnSvgRenderer.RenderFile(path);
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
                var german = BpmnSvgRenderer.RenderFile(path);
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ar-EG");
                var arabic = BpmnSvgRenderer.RenderFile(path);

                second.Should().Be(first, $"{model} renders the same twice");
                german.Should().Be(first, $"{model} renders the same with decimal commas");
                arabic.Should().Be(first, $"{model} renders the same with another digit culture");
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Several_diagrams_in_one_file_are_stacked_with_their_names()
    {
        // C.4.0 holds four BPMNDiagrams.
        var svg = Svg.Parse(BpmnSvgRenderer.RenderFile(Path.Combine(Repository.MiwgFolder, "C.4.0.bpmn")));
        var planes = svg.Descendants(Svg.Ns + "g").Where(g => Svg.Classes(g).Contains("plane")).ToList();
        planes.Should().HaveCount(4);
        svg.Descendants(Svg.Ns + "text").Count(t => Svg.Classes(t).Contains("plane-title")).Should().Be(4);
        planes.Select(p => (string?)p.Attribute("transform")).Should().OnlyHaveUniqueItems("each diagram has its own place");
    }

    private static XDocument LoadSource(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader);
    }

    private static string Kebab(string kind) => string.Concat(kind.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}
