using Workflows.Engine.Model;

namespace Workflows.Designs.Maps.Pages;

/// <summary>A node of a process in reading order, with its number (<c>3</c>, or <c>3.2</c> inside sub-process 3).</summary>
public sealed record Step(string Number, FlowNode Node);

/// <summary>
/// Puts a process's nodes in the order a reader follows them: breadth first from the start events along the
/// sequence flows (outgoing flows in document order), each boundary event right after its activity, the inside
/// of a sub-process right after the sub-process; nodes no start reaches come last, in document order.
/// </summary>
public static class StepOrder
{
    public static IReadOnlyList<Step> Of(ProcessModel process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var starts = process.NoneStartEvents.Concat(process.MessageStartEvents).Concat(process.TimerStartEvents)
            .OrderBy(n => process.Nodes.IndexOf(n)).ToList();
        var steps = new List<Step>();
        Walk(process.Nodes, starts, "", steps);
        return steps;
    }

    private static void Walk(IReadOnlyList<FlowNode> scopeNodes, IReadOnlyList<FlowNode> starts, string prefix, List<Step> steps)
    {
        var visited = new HashSet<FlowNode>();
        var ordered = new List<FlowNode>();
        var queue = new Queue<FlowNode>();
        void Visit(FlowNode node)
        {
            if (visited.Add(node))
            {
                queue.Enqueue(node);
            }
        }

        // Boundary events are never seeds: they come with their activity.
        foreach (var seed in starts.Concat(scopeNodes.Where(n => n.Kind == NodeKind.StartEvent)).Concat(scopeNodes.Where(n => n.Kind != NodeKind.BoundaryEvent)))
        {
            Visit(seed);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                ordered.Add(node);
                foreach (var boundary in node.Boundaries)
                {
                    if (visited.Add(boundary))
                    {
                        ordered.Add(boundary);
                    }
                }

                foreach (var flow in node.Outgoing)
                {
                    Visit(flow.Target);
                }

                foreach (var boundary in node.Boundaries)
                {
                    foreach (var flow in boundary.Outgoing)
                    {
                        Visit(flow.Target);
                    }
                }
            }
        }

        var number = 0;
        foreach (var node in ordered)
        {
            number++;
            var label = prefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            steps.Add(new Step(label, node));
            if (node is SubProcessNode sub)
            {
                Walk(sub.Nodes, sub.NoneStartEvents, label + ".", steps);
            }
        }
    }
}
