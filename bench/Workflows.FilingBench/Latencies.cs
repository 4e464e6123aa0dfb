using System.Collections.Concurrent;

namespace Workflows.FilingBench;

/// <summary>The latencies of one kind of request (thread-safe recording; percentiles by nearest rank).</summary>
public sealed class Latencies(string kind)
{
    private readonly ConcurrentBag<double> _milliseconds = [];

    public string Kind { get; } = kind;

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    /// <summary>The <paramref name="percent"/>th percentile in milliseconds (0 when nothing was recorded).</summary>
    public double Percentile(double percent)
    {
        var sorted = _milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double Max => _milliseconds.IsEmpty ? 0 : _milliseconds.Max();
}
