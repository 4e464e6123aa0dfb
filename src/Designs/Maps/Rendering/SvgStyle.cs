namespace Workflows.Designs.Maps.Rendering;

/// <summary>The colours, strokes and fonts of the bpmn-js look.</summary>
internal static class SvgStyle
{
    public const string Stroke = "#22242a";
    public const string Fill = "#ffffff";

    /// <summary>Latin faces first, then a CJK fallback list so Chinese names render on Linux, macOS and Windows.</summary>
    public const string FontFamily = "Arial, Helvetica, 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', SimHei, sans-serif";

    /// <summary>Names inside shapes.</summary>
    public const double FontSize = 12;

    /// <summary>Names outside shapes (events, gateways, flows, data).</summary>
    public const double LabelFontSize = 11;

    /// <summary>Width of an external label without DI label bounds (as bpmn-js places it).</summary>
    public const double ExternalLabelWidth = 90;

    /// <summary>Padding inside tasks around their name.</summary>
    public const double Padding = 5;

    public const string ActivityStrokeWidth = "2";
    public const string CallActivityStrokeWidth = "5";
    public const string FlowStrokeWidth = "1.5";
}
