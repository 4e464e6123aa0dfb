using System.Globalization;
using System.Xml.Linq;
using Workflows.Designs.Maps;
using Workflows.Designs.Maps.Diagram;
using Workflows.Designs.Maps.Rendering;

namespace Workflows.Designs.Tests;

/// <summary>The bpmn-js visual language, element by element, on a catalog holding one of everything.</summary>
public sealed class SvgRendererTests
{
    private static readonly string Rendered = BpmnSvgRenderer.Render(BpmnDiagramReader.Parse(Catalog.Xml), "目录");
    private static readonly XDocument Drawing = Svg.Parse(Rendered);

    [Theory]
    [InlineData("user", "user")]
    [InlineData("service", "service")]
    [InlineData("send", "send")]
    [InlineData("receive", "receive")]
    [InlineData("script", "script")]
    [InlineData("rule", "business-rule")]
    [InlineData("manual", "manual")]
    public void Tasks_are_rounded_rectangles_with_their_type_marker(string id, string marker)
    {
        var shape = Svg.Shape(Drawing, id);
        var outline = shape.Elements(Svg.Ns + "rect").First();
        ((string?)outline.Attribute("rx")).Should().Be("10");
        ((string?)outline.Attribute("stroke-width")).Should().Be("2");
        Svg.HasPart(shape, marker).Should().BeTrue();
        Svg.HasPart(Svg.Shape(Drawing, "plain"), marker).Should().BeFalse("a plain task has no type marker");
    }

    [Fact]
    public void A_sending_task_has_a_filled_envelope_and_a_receiving_task_an_open_one()
    {
        Fill(Svg.Shape(Drawing, "send").Descendants(Svg.Ns + "rect").Last()).Should().Be("#22242a");
        Fill(Svg.Shape(Drawing, "receive").Descendants(Svg.Ns + "rect").Last()).Should().Be("#ffffff");
    }

    [Fact]
    public void Start_events_are_thin_end_events_thick_and_intermediate_events_double()
    {
        Outline(Svg.Shape(Drawing, "start_timer")).Attribute("stroke-width")!.Value.Should().Be("2");
        Outline(Svg.Shape(Drawing, "ev_term")).Attribute("stroke-width")!.Value.Should().Be("4");
        var intermediate = Svg.Shape(Drawing, "ev_msg_catch");
        intermediate.Elements(Svg.Ns + "circle").Select(c => Svg.Classes(c).First()).Should().Equal("outline", "inner");
    }

    [Theory]
    [InlineData("start_timer", "timer")]
    [InlineData("ev_msg_catch", "message")]
    [InlineData("ev_signal_throw", "signal")]
    [InlineData("ev_cond", "conditional")]
    [InlineData("ev_esc_end", "escalation")]
    [InlineData("ev_error_end", "error")]
    [InlineData("ev_term", "terminate")]
    [InlineData("ev_link", "link")]
    [InlineData("ev_multi", "multiple")]
    [InlineData("ev_pmulti", "parallel-multiple")]
    [InlineData("boundary_timer", "timer")]
    [InlineData("evsub_start", "message")]
    public void Events_show_the_marker_of_their_trigger(string id, string marker)
    {
        Svg.HasPart(Svg.Shape(Drawing, id), marker).Should().BeTrue();
    }

    [Fact]
    public void Throwing_markers_are_filled_and_catching_markers_hollow()
    {
        var thrown = Svg.Shape(Drawing, "ev_signal_throw").Descendants().First(e => Svg.Classes(e).Contains("signal"));
        var caught = Svg.Shape(Drawing, "ev_msg_catch").Descendants().First(e => Svg.Classes(e).Contains("message")).Element(Svg.Ns + "rect")!;
        Fill(thrown).Should().Be("#22242a");
        Fill(caught).Should().Be("#ffffff");
        Fill(Svg.Shape(Drawing, "ev_error_end").Descendants().First(e => Svg.Classes(e).Contains("error"))).Should().Be("#22242a");
    }

    [Fact]
    public void Non_interrupting_events_are_dashed()
    {
        Outline(Svg.Shape(Drawing, "boundary_timer")).Attribute("stroke-dasharray").Should().NotBeNull();
        Outline(Svg.Shape(Drawing, "evsub_start")).Attribute("stroke-dasharray").Should().NotBeNull();
        Outline(Svg.Shape(Drawing, "start_timer")).Attribute("stroke-dasharray").Should().BeNull();
    }

    [Theory]
    [InlineData("gw_x", "exclusive")]
    [InlineData("gw_p", "parallel")]
    [InlineData("gw_o", "inclusive")]
    [InlineData("gw_e", "event-based")]
    [InlineData("gw_c", "complex")]
    public void Gateways_are_diamonds_with_the_marker_of_their_kind(string id, string marker)
    {
        var shape = Svg.Shape(Drawing, id);
        var diamond = shape.Elements(Svg.Ns + "path").First();
        ((string)diamond.Attribute("d")!).Split(" L ").Should().HaveCount(4, "a diamond has four corners");
        Svg.HasPart(shape, marker).Should().BeTrue();
    }

    [Fact]
    public void An_exclusive_gateway_shows_its_cross_only_when_the_diagram_asks_for_it()
    {
        Svg.HasPart(Svg.Shape(Drawing, "gw_x"), "exclusive").Should().BeTrue();
        Svg.HasPart(Svg.Shape(Drawing, "gw_x2"), "exclusive").Should().BeFalse();
    }

    [Fact]
    public void Sub_processes_call_activities_and_transactions_have_their_borders_and_markers()
    {
        var expanded = Svg.Shape(Drawing, "sub");
        Svg.HasPart(expanded, "sub-process").Should().BeFalse("an open sub-process has no + marker");
        Svg.HasPart(Svg.Shape(Drawing, "tx"), "sub-process").Should().BeFalse();
        var firstLine = expanded.Descendants(Svg.Ns + "tspan").First();
        double.Parse((string)firstLine.Attribute("y")!, CultureInfo.InvariantCulture).Should().BeLessThan(380 + 30, "an open sub-process has its name on top");

        Svg.HasPart(Svg.Shape(Drawing, "collapsed"), "sub-process").Should().BeTrue();
        Svg.HasPart(Svg.Shape(Drawing, "adhoc"), "ad-hoc").Should().BeTrue();
        ((string?)Outline(Svg.Shape(Drawing, "call")).Attribute("stroke-width")).Should().Be("5", "a call activity has a thick border");
        Svg.HasPart(Svg.Shape(Drawing, "tx"), "inner").Should().BeTrue("a transaction has a double border");
        Outline(Svg.Shape(Drawing, "evsub")).Attribute("stroke-dasharray").Should().NotBeNull("an event sub-process has a dotted border");
    }

    [Theory]
    [InlineData("mi_par", "parallel")]
    [InlineData("mi_seq", "sequential")]
    [InlineData("loop", "loop")]
    [InlineData("comp", "compensation")]
    public void Loop_multi_instance_and_compensation_markers_sit_at_the_bottom(string id, string marker)
    {
        var shape = Svg.Shape(Drawing, id);
        var part = shape.Descendants().First(e => Svg.Classes(e).Contains(marker));
        var points = MoveAndLinePoints((string)part.Attribute("d")!);
        points.Should().NotBeEmpty();
        points.Should().OnlyContain(p => p.Y >= 202 && p.Y <= 216, "the markers sit in the bottom of the task (y 140..220)");
        points.Average(p => p.X).Should().BeApproximately(Svg.Shape(Drawing, id).Elements(Svg.Ns + "rect").Select(r => double.Parse((string)r.Attribute("x")!, CultureInfo.InvariantCulture) + 50).First(), 8, "they are centred");
    }

    /// <summary>The end points of the M and L commands of a path.</summary>
    private static List<(double X, double Y)> MoveAndLinePoints(string d)
    {
        var tokens = d.Split(' ');
        var points = new List<(double X, double Y)>();
        for (var i = 0; i < tokens.Length - 2; i++)
        {
            if (tokens[i] is "M" or "L")
            {
                points.Add((double.Parse(tokens[i + 1], CultureInfo.InvariantCulture), double.Parse(tokens[i + 2], CultureInfo.InvariantCulture)));
            }
        }

        return points;
    }

    [Fact]
    public void Pools_and_lanes_have_vertical_names_and_a_black_box_pool_a_centred_one()
    {
        var pool = Svg.Shape(Drawing, "pool");
        ((string?)pool.Descendants(Svg.Ns + "text").Single().Attribute("transform")).Should().StartWith("rotate(-90 ");
        Svg.HasPart(pool, "band").Should().BeTrue("a pool separates its name band");
        Svg.LabelLines(pool).Should().Equal("申报单位");

        var lane = Svg.Shape(Drawing, "laneB");
        ((string?)lane.Descendants(Svg.Ns + "text").Single().Attribute("transform")).Should().Be("rotate(-90 45 525)", "the name is turned around the centre of the lane's band (x 30..60, y 350..700)");

        var blackBox = Svg.Shape(Drawing, "blackbox");
        blackBox.Descendants(Svg.Ns + "text").Single().Attribute("transform").Should().BeNull();
        Svg.LabelLines(blackBox).Should().Equal("外部系统");
    }

    [Fact]
    public void Sequence_flows_have_arrowheads_a_default_slash_and_a_conditional_diamond()
    {
        var plain = Edge("f_plain");
        ((string?)plain.Attribute("marker-end")).Should().Be("url(#pm-sequence-end)");
        plain.Attribute("marker-start").Should().BeNull();
        ((string?)Edge("f_default").Attribute("marker-start")).Should().Be("url(#pm-default-start)");
        ((string?)Edge("f_act_cond").Attribute("marker-start")).Should().Be("url(#pm-conditional-start)", "a conditional flow leaving an activity has a diamond");
        Edge("f_cond").Attribute("marker-start").Should().BeNull("a condition on a gateway's flow has no diamond");
        Drawing.Descendants(Svg.Ns + "marker").Select(m => (string?)m.Attribute("id"))
            .Should().Contain(["pm-sequence-end", "pm-default-start", "pm-conditional-start", "pm-message-start", "pm-message-end", "pm-association-end"]);
    }

    [Fact]
    public void Message_flows_are_dashed_and_associations_dotted()
    {
        var message = Edge("mf");
        ((string?)message.Attribute("stroke-dasharray")).Should().Be("10.5 3");
        ((string?)message.Attribute("marker-start")).Should().Be("url(#pm-message-start)");
        ((string?)message.Attribute("marker-end")).Should().Be("url(#pm-message-end)");
        Svg.LabelLines(Svg.EdgeGroup(Drawing, "mf")).Should().Equal("通知");

        var association = Edge("assoc");
        ((string?)association.Attribute("stroke-dasharray")).Should().Be("0.5 5");
        association.Attribute("marker-end").Should().BeNull("an association without direction has no arrow");
        ((string?)Edge("dassoc").Attribute("stroke-dasharray")).Should().Be("0.5 5");
        ((string?)Edge("dassoc").Attribute("marker-end")).Should().Be("url(#pm-association-end)");
    }

    [Fact]
    public void Annotations_data_and_groups_are_drawn()
    {
        var note = Svg.Shape(Drawing, "note");
        Svg.LabelLines(note).Should().Equal("注释文字");
        ((string?)note.Descendants(Svg.Ns + "text").Single().Attribute("text-anchor")).Should().Be("start");
        Svg.HasPart(Svg.Shape(Drawing, "data"), "fold").Should().BeTrue();
        Svg.HasPart(Svg.Shape(Drawing, "data"), "parallel").Should().BeTrue("a collection carries the ||| marker");
        Svg.Shape(Drawing, "store").Descendants(Svg.Ns + "ellipse").Should().ContainSingle();
        var group = Svg.Shape(Drawing, "grp");
        ((string?)Outline(group).Attribute("stroke-dasharray")).Should().Be("10 2 2 2");
        Svg.LabelLines(group).Should().Equal("分组一");
    }

    [Fact]
    public void Containers_are_drawn_before_what_they_contain_and_boundary_events_after_the_flows()
    {
        var order = Drawing.Descendants(Svg.Ns + "g").Where(g => g.Attribute("data-shape") is not null || Svg.Classes(g).Contains("edge"))
            .Select(g => (string?)g.Attribute("data-element-id")).ToList();
        order.IndexOf("pool").Should().Be(0);
        order.IndexOf("laneA").Should().BeLessThan(order.IndexOf("user"));
        order.IndexOf("sub").Should().BeLessThan(order.IndexOf("sub_start"));
        order.IndexOf("boundary_timer").Should().BeGreaterThan(order.IndexOf("f_plain"));
        order.IndexOf("boundary_timer").Should().BeGreaterThan(order.IndexOf("user"));
    }

    [Fact]
    public void Chinese_names_are_escaped_wrapped_to_the_shape_and_kept_whole()
    {
        var start = Rendered.IndexOf("data-element-id=\"plain\"", StringComparison.Ordinal);
        var markup = Rendered[start..Rendered.IndexOf("</g>", start, StringComparison.Ordinal)];
        markup.Should().Contain(">评审&lt;委员会&gt; &amp;</tspan>").And.Contain("&quot;表决&quot;", "markup characters in names are escaped");
        var lines = Svg.LabelLines(Svg.Shape(Drawing, "plain"));
        lines.Should().HaveCountGreaterThan(3, "a long name is wrapped");
        lines.Should().OnlyContain(l => TextLayout.Width(l, 12) <= 100 - 10, "each line fits the task (100 wide, 5 padding each side)");
        string.Concat(lines).Replace(" ", "", StringComparison.Ordinal).Should().Be(Catalog.LongChineseName.Replace(" ", "", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.StartsWith('：'), "closing punctuation never starts a line");

        var font = (string?)Drawing.Root!.Attribute("font-family");
        font.Should().StartWith("Arial").And.Contain("'Noto Sans CJK SC'").And.Contain("'Microsoft YaHei'").And.EndWith("sans-serif");
        ((string?)Drawing.Root.Element(Svg.Ns + "title")).Should().Be("目录");
    }

    [Fact]
    public void The_canvas_holds_every_shape_with_a_margin()
    {
        var root = Drawing.Root!;
        double.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture).Should().Be(1600 + 40);
        ((string?)root.Attribute("viewBox")).Should().StartWith("0 0 1640 ");
        ((string?)Drawing.Descendants(Svg.Ns + "g").Single(g => Svg.Classes(g).Contains("plane")).Attribute("transform")).Should().Be("translate(20 20)");
    }

    [Fact]
    public void A_shape_naming_no_element_is_drawn_as_an_unknown_box_with_its_reference()
    {
        var xml = Catalog.Xml.Replace("bpmnElement=\"plain\"", "bpmnElement=\"nothing-here\"", StringComparison.Ordinal);
        var svg = Svg.Parse(BpmnSvgRenderer.Render(BpmnDiagramReader.Parse(xml)));
        var shape = Svg.Shapes(svg).Single(g => (string?)g.Attribute("data-shape") == "plain_di");
        Svg.Classes(shape).Should().Contain("unknown");
        Svg.LabelLines(shape).Should().Equal("nothing-here");
    }

    [Fact]
    public void Broken_diagram_interchange_is_refused_with_the_shape_named()
    {
        var noBounds = Catalog.Xml.Replace("""<dc:Bounds x="140" y="20" width="100" height="80" />""", "", StringComparison.Ordinal);
        var act = () => BpmnDiagramReader.Parse(noBounds, "catalog.bpmn");
        act.Should().Throw<ProcessMapException>().WithMessage("catalog.bpmn: the BPMNShape 'user_di'*no dc:Bounds*");

        var badNumber = Catalog.Xml.Replace("""x="1120" y="20" """, """x="1,120" y="20" """, StringComparison.Ordinal);
        ((Action)(() => BpmnDiagramReader.Parse(badNumber, "catalog.bpmn"))).Should().Throw<ProcessMapException>().WithMessage("*'plain_di'*needs a number in x*1,120*");
    }

    [Fact]
    public void Documents_with_a_DTD_or_without_BPMN_are_refused()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&xxe;" /></definitions>
            """;
        ((Action)(() => BpmnDiagramReader.Parse(xxe, "xxe.bpmn"))).Should().Throw<ProcessMapException>().WithMessage("xxe.bpmn: *DTD*");
        ((Action)(() => BpmnDiagramReader.Parse("<svg xmlns=\"http://www.w3.org/2000/svg\" />", "x.bpmn"))).Should().Throw<ProcessMapException>().WithMessage("*not <definitions>*");
    }

    private static XElement Edge(string id) => Svg.EdgeGroup(Drawing, id).Elements(Svg.Ns + "path").Single(p => p.Attribute("data-edge") is not null);

    private static XElement Outline(XElement shape) => shape.Elements().First(e => Svg.Classes(e).Contains("outline"));

    private static string? Fill(XElement element) => (string?)element.Attribute("fill") ?? (string?)element.Parent?.Attribute("fill");
}
