using Workflows.Engine.Model;

namespace Workflows.Designs.Maps.Pages;

/// <summary>How a page names a step: 「名称」 (<c>id</c>), or just the id when the step has no name.</summary>
public static class Names
{
    public static string Ref(FlowElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return string.IsNullOrWhiteSpace(element.Name)
            ? Markdown.Code(element.Id)
            : $"「{Markdown.Inline(element.Name.Trim())}」 ({Markdown.Code(element.Id)})";
    }
}
