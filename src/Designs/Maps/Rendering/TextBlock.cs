using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Wrapped lines placed on the plane: centred on <see cref="X"/> (or starting there), the first line's top at
/// <see cref="Top"/>; optionally turned a quarter anticlockwise around its centre (the names of pools and lanes).
/// </summary>
internal sealed record TextBlock(IReadOnlyList<string> Lines, double X, double Top, double FontSize, bool Centered = true, bool Vertical = false)
{
    public double LineStep => FontSize * TextLayout.LineHeight;

    public double Height => Lines.Count * LineStep;

    public double Width => Lines.Count == 0 ? 0 : Lines.Max(l => TextLayout.Width(l, FontSize));

    /// <summary>The box the text covers (before any rotation).</summary>
    public Box Area => new(Centered ? X - (Width / 2) : X, Top, Width, Height);

    /// <summary>The box the text covers on the plane (after the rotation of vertical names).</summary>
    public Box PlaneArea
    {
        get
        {
            var area = Area;
            return Vertical ? new Box(area.CenterX - (area.Height / 2), area.CenterY - (area.Width / 2), area.Height, area.Width) : area;
        }
    }

    /// <summary>Centred lines filling <paramref name="box"/>'s width and centred vertically in it.</summary>
    public static TextBlock CenteredIn(string? text, Box box, double fontSize, double padding)
    {
        var lines = TextLayout.Wrap(text, box.Width - (2 * padding), fontSize);
        var height = lines.Count * fontSize * TextLayout.LineHeight;
        return new TextBlock(lines, box.CenterX, box.CenterY - (height / 2), fontSize);
    }

    /// <summary>Centred lines at the top of <paramref name="box"/>.</summary>
    public static TextBlock TopOf(string? text, Box box, double fontSize, double padding) =>
        new(TextLayout.Wrap(text, box.Width - (2 * padding), fontSize), box.CenterX, box.Y + padding, fontSize);

    public void Write(SvgWriter svg, string? cssClass = null)
    {
        if (Lines.Count == 0)
        {
            return;
        }

        var area = Area;
        var transform = Vertical ? $"rotate(-90 {SvgWriter.N(area.CenterX)} {SvgWriter.N(area.CenterY)})" : null;
        svg.Open("text", ("class", cssClass ?? "label"), ("font-size", SvgWriter.N(FontSize)), ("text-anchor", Centered ? "middle" : "start"), ("transform", transform));
        for (var i = 0; i < Lines.Count; i++)
        {
            // The baseline sits about 0.9 em below the top of its line.
            var baseline = Top + (i * LineStep) + (FontSize * 0.95);
            svg.Text("tspan", Lines[i], ("x", SvgWriter.N(X)), ("y", SvgWriter.N(baseline)));
        }

        svg.Close("text");
    }
}
