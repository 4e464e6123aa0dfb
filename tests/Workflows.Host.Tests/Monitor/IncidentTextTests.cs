using System.Globalization;
using Workflows.Host.Web.Localization;
using Workflows.Host.Web.Monitor;

namespace Workflows.Host.Tests.Monitor;

/// <summary>The monitor's sentence for an incident's recorded error chain.</summary>
public sealed class IncidentTextTests
{
    [Theory]
    [InlineData("WorkflowException: Element 'calc': Expression 'amount * 2' failed: amount is not defined. → ExpressionException: x", "表达式「amount * 2」计算失败：流程变量缺失或取值有误。")]
    [InlineData("JavaScriptException: boom", "表达式计算失败：流程变量缺失或取值有误。")]
    [InlineData("HonoursException: 推荐状态为「已表彰」，不能修改申报表。 → x", "推荐状态为「已表彰」，不能修改申报表。")]
    [InlineData("SqliteException: database is locked", "数据库暂时不可用，稍后将自动重试。")]
    [InlineData("InvalidOperationException: something odd", "作业执行失败，请查看技术详情。")]
    [InlineData("", "作业执行失败，未记录原因。")]
    public void An_error_chain_reads_as_one_Chinese_sentence(string recorded, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            IncidentText.Summary(recorded).Should().Be(expected);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
