using MudBlazor;

namespace Workflows.Host.Web.Components.Dialogs;

/// <summary>The options of the work pages' dialogs: Escape and the close button close them; the first field has the focus.</summary>
public static class WorkDialogs
{
    public static DialogOptions Operation { get; } = new()
    {
        MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true, DefaultFocus = DefaultFocus.FirstChild,
    };
}
