using Workflows.Designs.Maps.Diagram;
using Workflows.Engine.Parsing;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Pools (participants) and lanes: rectangles whose name stands vertically in a 30-unit band on the left (on top
/// for vertical pools). A pool without a process (a black box) shows its name in the middle.
/// </summary>
internal static class SwimlanePainter
{
    /// <summary>Width of the band that holds a pool's or lane's name.</summary>
    public const double Band = 30;

    public static void Paint(SvgWriter svg, DiagramShape shape)
    {
        var b = shape.Bounds;
        var element = shape.Element!;
        var isPool = shape.Kind == "participant";
        svg.Empty("rect", ("class", "outline"), ("x", SvgWriter.N(b.X)), ("y", SvgWriter.N(b.Y)), ("width", SvgWriter.N(b.Width)), ("height", SvgWriter.N(b.Height)),
            ("fill", isPool ? SvgStyle.Fill : "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1.5"));

        var hasBand = isPool ? HasProcess(shape) : element.Element(BpmnNamespaces.Model + "childLaneSet") is not null;
        if (hasBand)
        {
            var band = IsHorizontal(shape)
                ? new PathData().M(b.X + Band, b.Y).L(b.X + Band, b.Bottom)
                : new PathData().M(b.X, b.Y + Band).L(b.Right, b.Y + Band);
            svg.Empty("path", ("class", "band"), ("d", band.ToString()), ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1.5"));
        }

        if (isPool && element.Element(BpmnNamespaces.Model + "participantMultiplicity") is { } multiplicity
            && ((string?)multiplicity.Attribute("maximum") is not { } maximum || maximum != "1"))
        {
            ActivityMarkers.Write(svg, ["parallel"], b);
        }
    }

    /// <summary>Horizontal unless DI says <c>isHorizontal="false"</c> (bpmn-js reads it the same way).</summary>
    public static bool IsHorizontal(DiagramShape shape) => shape.IsHorizontal ?? true;

    /// <summary>True when the pool stands for a process (its name goes in the band), false for a black-box pool.</summary>
    public static bool HasProcess(DiagramShape shape) => shape.Element?.Attribute("processRef") is not null;
}
