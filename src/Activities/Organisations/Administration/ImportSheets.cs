using MiniExcelLibs;

namespace Workflows.Activities.Organisations.Administration;

/// <summary>
/// The Excel workbook of a bulk import (批量导入): sheet <see cref="Organisations"/> (one organisation a row) and sheet
/// <see cref="People"/> (one account a row, with an optional role), the first row of each the column names below.
/// Either sheet may be left out. <see cref="Template"/> writes the empty workbook with an explanation sheet.
/// </summary>
public static class ImportSheets
{
    public const string Organisations = "组织";
    public const string People = "人员";
    public const string Help = "填写说明";

    public const string ParentPath = "上级组织路径";
    public const string Code = "代码";
    public const string Name = "名称";
    public const string Kind = "类型";

    public const string UserName = "用户名";
    public const string DisplayName = "姓名";
    public const string OrganisationPath = "所属组织路径";
    public const string Role = "角色";
    public const string RolePath = "角色所在组织路径";
    public const string Email = "邮箱";

    public static IReadOnlyList<string> OrganisationColumns { get; } = [ParentPath, Code, Name, Kind];

    public static IReadOnlyList<string> PeopleColumns { get; } = [UserName, DisplayName, OrganisationPath, Role, RolePath, Email];

    /// <summary>The Chinese kind names the sheet accepts (besides the English short words: city, district, enterprise …).</summary>
    public static IReadOnlyDictionary<string, OrganisationKind> ChineseKinds { get; } =
        Enum.GetValues<OrganisationKind>().ToDictionary(OrganisationRules.ChineseName, k => k, StringComparer.Ordinal);

    /// <summary>The download template: the two sheets with their column names only, and a sheet explaining them.</summary>
    public static byte[] Template()
    {
        var sheets = new Dictionary<string, object>
        {
            [Organisations] = new[] { OrganisationColumns.ToDictionary(c => c, _ => (object?)null) },
            [People] = new[] { PeopleColumns.ToDictionary(c => c, _ => (object?)null) },
            [Help] = HelpRows(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static List<Dictionary<string, object?>> HelpRows()
    {
        static Dictionary<string, object?> Row(string sheet, string column, string text) => new() { ["工作表"] = sheet, ["列"] = column, ["说明"] = text };
        return
        [
            Row(Organisations, ParentPath, "上级组织的路径，如 /gd/gz/th；可以是本文件中前面或后面的行新建的组织。"),
            Row(Organisations, Code, "本组织的代码：英文字母、数字或“-”，在同一上级下唯一，如 ent-003。路径 = 上级路径/代码。"),
            Row(Organisations, Name, "组织全称，如 广州某某有限公司工会。"),
            Row(Organisations, Kind, "类型：" + string.Join("、", ChineseKinds.Keys) + "。"),
            Row(People, UserName, "登录用的用户名：英文字母、数字或 . _ - @，全系统唯一。导入的账号没有密码，由管理员重置密码后方可登录。"),
            Row(People, DisplayName, "姓名。"),
            Row(People, OrganisationPath, "所属组织的路径，如 /gd/gz/th/ent-003/union。"),
            Row(People, Role, "可留空；可填一个或多个角色（用“,”分隔）：" + string.Join("、", Roles.All) + "。"),
            Row(People, RolePath, "角色所在组织的路径；留空即所属组织。"),
            Row(People, Email, "可留空。"),
            Row("", "", "整个文件全部正确才导入；有任何一行错误则不导入任何内容，并列出每个错误的行号、列和原因。"),
        ];
    }
}
