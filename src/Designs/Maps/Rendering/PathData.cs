using System.Text;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>Builds SVG path data with invariant, rounded numbers.</summary>
internal sealed class PathData
{
    private readonly StringBuilder _d = new();

    public PathData M(double x, double y) => Command('M', x, y);

    public PathData L(double x, double y) => Command('L', x, y);

    public PathData Q(double cx, double cy, double x, double y) => Command('Q', cx, cy, x, y);

    public PathData C(double c1x, double c1y, double c2x, double c2y, double x, double y) => Command('C', c1x, c1y, c2x, c2y, x, y);

    /// <summary>An elliptical arc to (x, y).</summary>
    public PathData A(double rx, double ry, bool largeArc, bool sweep, double x, double y)
    {
        Separate();
        _d.Append("A ").Append(SvgWriter.N(rx)).Append(' ').Append(SvgWriter.N(ry)).Append(" 0 ")
            .Append(largeArc ? '1' : '0').Append(' ').Append(sweep ? '1' : '0').Append(' ')
            .Append(SvgWriter.N(x)).Append(' ').Append(SvgWriter.N(y));
        return this;
    }

    public PathData Z()
    {
        Separate();
        _d.Append('Z');
        return this;
    }

    /// <summary>A closed polygon through <paramref name="points"/>.</summary>
    public static string Polygon(IEnumerable<(double X, double Y)> points)
    {
        var path = new PathData();
        var first = true;
        foreach (var (x, y) in points)
        {
            if (first)
            {
                path.M(x, y);
                first = false;
            }
            else
            {
                path.L(x, y);
            }
        }

        return path.Z().ToString();
    }

    public override string ToString() => _d.ToString();

    private PathData Command(char command, params double[] numbers)
    {
        Separate();
        _d.Append(command);
        foreach (var number in numbers)
        {
            _d.Append(' ').Append(SvgWriter.N(number));
        }

        return this;
    }

    private void Separate()
    {
        if (_d.Length > 0)
        {
            _d.Append(' ');
        }
    }
}
