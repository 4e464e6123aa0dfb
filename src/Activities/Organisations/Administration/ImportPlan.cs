namespace Workflows.Activities.Organisations.Administration;

/// <summary>
/// The checks of an import's rows (in memory) and what the file adds when nothing is wrong. Row numbers are those
/// Excel shows: the column names are row 1, the first data row is row 2.
/// </summary>
internal sealed class ImportPlan(
    AdminScope scope,
    Dictionary<string, ImportPlan.Known> organisations,
    HashSet<string> formerPaths,
    HashSet<string> userNames,
    List<AdminProblem> problems)
{
    /// <summary>An organisation of the database (or of the file, once checked).</summary>
    public sealed record Known(Guid Id, string Path, OrganisationKind Kind, bool Closed, string Name = "");

    public sealed record PlannedRole(string Role, Guid OrganisationId, string OrganisationPath, string OrganisationName)
    {
        public string Key => Roles.GroupKey(Role, OrganisationPath);
    }

    public sealed record PlannedUser(string UserName, string DisplayName, string? Email, Guid OrganisationId, string OrganisationPath, IReadOnlyList<PlannedRole> Roles);

    public List<Workflows.Activities.Organisations.Organisation> NewOrganisations { get; } = [];

    public List<PlannedUser> NewUsers { get; } = [];

    public void CheckOrganisations(IReadOnlyList<IDictionary<string, object?>> rows)
    {
        if (rows.Count > 0 && MissingColumns(ImportSheets.Organisations, rows[0], ImportSheets.OrganisationColumns))
        {
            return;
        }

        // Parents first: a row may name a parent made by a later row of the file.
        var parsed = new List<(int Row, string? Parent, string Code, string Name, OrganisationKind? Kind)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = i + 2;
            var values = rows[i];
            var parent = Text(values, ImportSheets.ParentPath);
            var code = Text(values, ImportSheets.Code);
            var name = Text(values, ImportSheets.Name);
            var kindText = Text(values, ImportSheets.Kind);
            if (parent is null && code is null && name is null && kindText is null)
            {
                continue; // an empty row
            }

            var ok = true;
            if (OrganisationDirectory.Normalize(parent) is null)
            {
                Add(ImportSheets.Organisations, row, ImportSheets.ParentPath, "须填写上级组织路径，以“/”开头，如 /gd/gz/th。", "The parent path is required and starts with '/'.");
                ok = false;
            }

            if (OrganisationRules.CodeProblem(code) is { } codeProblem)
            {
                Add(ImportSheets.Organisations, row, ImportSheets.Code, codeProblem.Chinese, codeProblem.English);
                ok = false;
            }

            if (OrganisationRules.NameProblem(name) is { } nameProblem)
            {
                Add(ImportSheets.Organisations, row, ImportSheets.Name, nameProblem.Chinese, nameProblem.English);
                ok = false;
            }

            OrganisationKind? kind = kindText is not null && ImportSheets.ChineseKinds.TryGetValue(kindText, out var chinese) ? chinese
                : OrganisationKinds.TryParse(kindText, out var parsedKind) ? parsedKind : null;
            if (kind is null)
            {
                Add(ImportSheets.Organisations, row, ImportSheets.Kind, $"类型「{kindText}」不正确，可填：{string.Join("、", ImportSheets.ChineseKinds.Keys)}。", $"'{kindText}' is not a kind of organisation.");
                ok = false;
            }

            if (ok)
            {
                parsed.Add((row, OrganisationDirectory.Normalize(parent)!, code!, name!, kind));
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, parent, code, name, kind) in parsed.OrderBy(p => p.Parent!.Count(c => c == '/')).ThenBy(p => p.Row))
        {
            var path = Workflows.Activities.Organisations.Organisation.ChildPath(parent, code);
            if (seen.TryGetValue(path, out var first))
            {
                Add(ImportSheets.Organisations, row, ImportSheets.Code, $"路径 {path} 与第 {first} 行重复。", $"The path {path} repeats row {first}.");
                continue;
            }

            seen[path] = row;
            if (!organisations.TryGetValue(parent!, out var parentNode))
            {
                Add(ImportSheets.Organisations, row, ImportSheets.ParentPath, $"上级组织 {parent} 不存在（系统中和本文件中都没有）。", $"The parent {parent} exists neither in the system nor in the file.");
                continue;
            }

            if (!scope.Covers(parentNode.Path))
            {
                Add(ImportSheets.Organisations, row, ImportSheets.ParentPath, $"上级组织 {parent} 不在您的管理范围内。", $"The parent {parent} is outside the part of the tree you administer.");
                continue;
            }

            if (parentNode.Closed)
            {
                Add(ImportSheets.Organisations, row, ImportSheets.ParentPath, $"上级组织 {parent} 已撤销。", $"The parent {parent} is closed.");
                continue;
            }

            if (OrganisationRules.PlacementProblem(kind!.Value, parentNode.Kind) is { } placement)
            {
                Add(ImportSheets.Organisations, row, ImportSheets.Kind, placement.Chinese, placement.English);
                continue;
            }

            if (organisations.ContainsKey(path) || formerPaths.Contains(path))
            {
                Add(ImportSheets.Organisations, row, ImportSheets.Code, $"路径 {path} 已存在。", $"The path {path} already exists.");
                continue;
            }

            var organisation = new Workflows.Activities.Organisations.Organisation { Id = Guid.CreateVersion7(), Code = code, Name = name.Trim(), Kind = kind.Value, ParentId = parentNode.Id, Path = path };
            NewOrganisations.Add(organisation);
            organisations[path] = new Known(organisation.Id, path, organisation.Kind, false, organisation.Name);
        }
    }

    public void CheckPeople(IReadOnlyList<IDictionary<string, object?>> rows)
    {
        if (rows.Count > 0 && MissingColumns(ImportSheets.People, rows[0], ImportSheets.PeopleColumns))
        {
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = i + 2;
            var values = rows[i];
            var userName = Text(values, ImportSheets.UserName);
            var displayName = Text(values, ImportSheets.DisplayName);
            var path = Text(values, ImportSheets.OrganisationPath);
            var roleText = Text(values, ImportSheets.Role);
            var rolePath = Text(values, ImportSheets.RolePath);
            var email = Text(values, ImportSheets.Email);
            if (userName is null && displayName is null && path is null && roleText is null && rolePath is null && email is null)
            {
                continue;
            }

            var count = problems.Count;
            if (UserProblems.UserName(userName) is { } nameProblem)
            {
                Add(ImportSheets.People, row, ImportSheets.UserName, nameProblem.Chinese, nameProblem.English);
            }
            else if (seen.TryGetValue(userName!.ToUpperInvariant(), out var first))
            {
                Add(ImportSheets.People, row, ImportSheets.UserName, $"用户名 {userName} 与第 {first} 行重复。", $"The user name {userName} repeats row {first}.");
            }
            else if (userNames.Contains(userName.ToUpperInvariant()))
            {
                Add(ImportSheets.People, row, ImportSheets.UserName, $"用户名 {userName} 已被使用。", $"The user name {userName} is taken.");
            }

            if (userName is not null)
            {
                seen.TryAdd(userName.ToUpperInvariant(), row);
            }

            if (UserProblems.DisplayName(displayName) is { } displayProblem)
            {
                Add(ImportSheets.People, row, ImportSheets.DisplayName, displayProblem.Chinese, displayProblem.English);
            }

            if (email is not null && (email.Length > 256 || !email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace)))
            {
                Add(ImportSheets.People, row, ImportSheets.Email, $"邮箱「{email}」格式不正确。", $"The e-mail address '{email}' is not valid.");
            }

            var organisation = Find(row, ImportSheets.OrganisationPath, path, required: true);
            var roles = new List<PlannedRole>();
            if (roleText is not null)
            {
                var at = rolePath is null ? organisation : Find(row, ImportSheets.RolePath, rolePath, required: true);
                foreach (var role in roleText.Split([',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!Roles.All.Contains(role, StringComparer.Ordinal))
                    {
                        Add(ImportSheets.People, row, ImportSheets.Role, $"角色「{role}」不存在，可填：{string.Join("、", Roles.All)}。", $"'{role}' is not a role.");
                    }
                    else if (at is not null && role == Roles.CommitteeMember && at.Kind != OrganisationKind.Committee)
                    {
                        Add(ImportSheets.People, row, ImportSheets.RolePath, "评审委员只能设在评审委员会组织上。", "committee-member is a seat on a committee node.");
                    }
                    else if (at is not null && roles.All(r => r.Role != role))
                    {
                        roles.Add(new PlannedRole(role, at.Id, at.Path, at.Name));
                    }
                }
            }
            else if (rolePath is not null)
            {
                Add(ImportSheets.People, row, ImportSheets.Role, "填写了角色所在组织路径，但没有填写角色。", "A role path is given without a role.");
            }

            if (problems.Count == count && organisation is not null)
            {
                NewUsers.Add(new PlannedUser(userName!.Trim(), displayName!.Trim(), email, organisation.Id, organisation.Path, roles));
            }
        }
    }

    private Known? Find(int row, string column, string? path, bool required)
    {
        var normalized = OrganisationDirectory.Normalize(path);
        if (normalized is null)
        {
            if (required)
            {
                Add(ImportSheets.People, row, column, "须填写组织路径，以“/”开头，如 /gd/gz/th/ent-001/union。", "An organisation path starting with '/' is required.");
            }

            return null;
        }

        if (!organisations.TryGetValue(normalized, out var organisation))
        {
            Add(ImportSheets.People, row, column, $"组织 {normalized} 不存在（系统中和本文件“组织”表中都没有）。", $"The organisation {normalized} exists neither in the system nor in the file.");
            return null;
        }

        if (!scope.Covers(organisation.Path))
        {
            Add(ImportSheets.People, row, column, $"组织 {normalized} 不在您的管理范围内。", $"The organisation {normalized} is outside the part of the tree you administer.");
            return null;
        }

        if (organisation.Closed)
        {
            Add(ImportSheets.People, row, column, $"组织 {normalized} 已撤销。", $"The organisation {normalized} is closed.");
            return null;
        }

        return organisation;
    }

    private bool MissingColumns(string sheet, IDictionary<string, object?> first, IReadOnlyList<string> columns)
    {
        var missing = columns.Where(c => !first.ContainsKey(c)).ToList();
        if (missing.Count == 0)
        {
            return false;
        }

        Add(sheet, 1, string.Join("、", missing), $"缺少列：{string.Join("、", missing)}。请使用下载的模板。", $"Missing columns: {string.Join(", ", missing)}. Use the template.");
        return true;
    }

    private void Add(string sheet, int row, string column, string chinese, string english) =>
        problems.Add(new AdminProblem("import.row", $"「{sheet}」第 {row} 行「{column}」列：{chinese}", english, column, sheet, row));

    private static string? Text(IDictionary<string, object?> row, string column)
    {
        if (!row.TryGetValue(column, out var value) || value is null)
        {
            return null;
        }

        var text = (value is double d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : value.ToString())?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
