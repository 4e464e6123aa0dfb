namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Points on a circle. Sine and cosine are rounded to six decimals first: the libraries of different processors
/// may differ in the last bit, and the drawing must come out the same everywhere.
/// </summary>
internal static class Polar
{
    /// <summary>The point at <paramref name="degrees"/> (0 = right, 90 = down) on the circle of radius <paramref name="r"/> around (cx, cy).</summary>
    public static (double X, double Y) Point(double cx, double cy, double r, double degrees)
    {
        var radians = degrees * Math.PI / 180;
        return (cx + (r * Math.Round(Math.Cos(radians), 6)), cy + (r * Math.Round(Math.Sin(radians), 6)));
    }
}
