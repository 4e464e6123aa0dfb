using MudBlazor;

namespace Workflows.Host.Web.Components.Dialogs;

/// <summary>The options of the designer's dialogs: Escape and the close button close them.</summary>
public static class DesignerDialogs
{
    public static DialogOptions Small { get; } = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true };

    public static DialogOptions Large { get; } = new() { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true };

    public static DialogOptions Full { get; } = new() { MaxWidth = MaxWidth.ExtraLarge, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true };
}
