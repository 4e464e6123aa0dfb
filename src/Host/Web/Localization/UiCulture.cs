using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Workflows.Host.Web.Localization;

/// <summary>
/// The languages of the web UI: Simplified Chinese (<c>zh-CN</c>, the default whatever the browser asks for) and
/// English (<c>en-US</c>), chosen by the standard culture cookie that <c>/culture</c> sets.
/// </summary>
public static class UiCulture
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";

    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    /// <summary>True when the current UI culture is Chinese (or anything not English).</summary>
    public static bool IsChinese => !CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The current UI culture's name as the designer scripts and the html lang attribute want it.</summary>
    public static string Current => IsChinese ? Chinese : English;

    /// <summary>The other language, for the switch.</summary>
    public static string Other => IsChinese ? English : Chinese;

    /// <summary>The supported culture for a requested name, or null.</summary>
    public static string? Match(string? culture) =>
        Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));

    /// <summary>The cookie only: the browser's Accept-Language does not turn the UI into English.</summary>
    public static RequestLocalizationOptions LocalizationOptions()
    {
        var options = new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture(Chinese) };
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return options;
    }
}
