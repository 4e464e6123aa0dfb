namespace Workflows.Designs.Maps.Diagram;

/// <summary>A point of the diagram plane (DI coordinates: x to the right, y downwards).</summary>
public readonly record struct Point(double X, double Y);

/// <summary>An axis-aligned rectangle of the diagram plane (<c>dc:Bounds</c>).</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double CenterX => X + (Width / 2);

    public double CenterY => Y + (Height / 2);

    /// <summary>The smallest box holding this one and <paramref name="other"/>.</summary>
    public Box Union(Box other)
    {
        var x = Math.Min(X, other.X);
        var y = Math.Min(Y, other.Y);
        return new Box(x, y, Math.Max(Right, other.Right) - x, Math.Max(Bottom, other.Bottom) - y);
    }

    /// <summary>The smallest box holding this one and <paramref name="point"/>.</summary>
    public Box Union(Point point) => Union(new Box(point.X, point.Y, 0, 0));

    /// <summary>True when <paramref name="other"/> lies inside this box.</summary>
    public bool Contains(Box other) => other.X >= X && other.Y >= Y && other.Right <= Right && other.Bottom <= Bottom;
}
