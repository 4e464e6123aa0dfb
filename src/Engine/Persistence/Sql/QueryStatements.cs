using System.Collections.Concurrent;
using System.Text;

namespace Workflows.Engine.Persistence.Sql;

/// <summary>
/// The task and instance list queries as hand-written SQL: one statement per combination of filters (cached, so
/// prepared once per connection), paging applied to tasks before their candidate rows are joined.
/// <para>
/// The to-do list (<see cref="TaskQuery.Handler"/>) is two disjoint branches joined by UNION ALL, each index
/// look-ups: the tasks assigned to the user (<c>ix_tasks_assignee</c>), and the unassigned tasks whose id is among
/// the candidate rows of the user or of the groups (<c>ix_task_candidates_kind_value_task_id</c>, then
/// <c>ix_tasks_to_do</c>, covering, so that neither the claimable test, the sort nor the scope and campaign filters read a
/// table row). Only ids and sort keys are sorted; the page's rows and candidates are read afterwards. The page with
/// its total (<see cref="TaskPage"/>) counts the same rows with a window function: one pass instead of two.
/// The cost grows with the candidate rows of the user's groups (about 1–3 µs each), not with the table.
/// </para>
/// <para>
/// Organisation scopes are exact prefix tests without LIKE (no wildcard can slip in): per scope the index range
/// <c>scope &lt;= path &lt; scope + '0'</c> with the residual <c>path = scope OR path &gt;= scope + '/'</c> (see
/// <see cref="OrganizationScope"/>). The lists of instances, done entries (已办) and copies (抄送) page with a window
/// total like the task page.
/// </para>
/// </summary>
internal static class QueryStatements
{
    private const int InstanceBit = 1;
    private const int ElementBit = 2;
    private const int AssigneeBit = 4;
    private const int DefinitionKeyBit = 8;
    private const int BusinessKeyBit = 16;
    private const int CandidateUserBit = 32;
    private const int HandlerBit = 64;
    private const int CampaignBit = 128;
    private const int DueBeforeBit = 256;

    private static readonly ConcurrentDictionary<TaskKey, Stmt> TaskStatements = new();
    private static readonly ConcurrentDictionary<TaskKey, Stmt> PageStatements = new();
    private static readonly ConcurrentDictionary<TaskKey, Stmt> CountStatements = new();
    private static readonly ConcurrentDictionary<ListKey, Stmt> InstanceStatements = new();
    private static readonly ConcurrentDictionary<ListKey, Stmt> DoneStatements = new();
    private static readonly ConcurrentDictionary<ListKey, Stmt> CopyStatements = new();

    // Sqlite: SQLite needs a planner hint (see HandlerBranches). Scopes: the number of organisation scopes.
    private readonly record struct TaskKey(int Mask, int Groups, int HandlerGroups, int Scopes, TaskOrder Order, bool Sqlite);

    /// <summary>
    /// The shape of an instance, done or copy list statement: which filters (a mask), how many scopes (instances) or
    /// actions (done list), the order (done list: 1 when the actions are all in the partial index), and what it returns.
    /// </summary>
    private readonly record struct ListKey(int Mask, int Count, int Order, ListShape Shape);

    private enum ListShape
    {
        /// <summary>The page's rows.</summary>
        Rows,

        /// <summary>The page's rows with the window total as one more column.</summary>
        RowsWithTotal,

        /// <summary>One row, one integer: how many match.</summary>
        Count,
    }

    /// <summary>
    /// The statement and arguments of a task query, or null when it cannot match anything. A query within one
    /// instance (few rows) is not paged in SQL: <paramref name="pageInMemory"/> tells the caller to apply
    /// Skip/Take to the result.
    /// </summary>
    public static (Stmt Stmt, object[] Args)? Tasks(TaskQuery q, SqlDialect d, out bool pageInMemory)
    {
        pageInMemory = q.InstanceId is not null && q.Handler is null;
        if (!Prepare(q, d, out var key, out var args))
        {
            return null;
        }

        var stmt = TaskStatements.GetOrAdd(key, static k => BuildTaskStatement(k, withTotal: false));
        if (!pageInMemory)
        {
            args.Add(Math.Max(0, q.Take));
            args.Add(Math.Max(0, q.Skip));
        }

        return (stmt, [.. args]);
    }

    /// <summary>
    /// The page of a task query with the total number of matching tasks in one pass: the rows of
    /// <see cref="Tasks"/> (always paged in SQL) with one more column, the total (a window count over all matches,
    /// computed before LIMIT), or null when nothing can match. A page past the end has no row to carry the total.
    /// </summary>
    public static (Stmt Stmt, object[] Args)? TaskPage(TaskQuery q, SqlDialect d)
    {
        if (!Prepare(q, d, out var key, out var args))
        {
            return null;
        }

        var stmt = PageStatements.GetOrAdd(key, static k => BuildTaskStatement(k, withTotal: true));
        args.Add(Math.Max(0, q.Take));
        args.Add(Math.Max(0, q.Skip));
        return (stmt, [.. args]);
    }

    /// <summary>The statement counting the tasks of a query (one row, one integer), or null when it cannot match anything.</summary>
    public static (Stmt Stmt, object[] Args)? CountTasks(TaskQuery q, SqlDialect d)
    {
        if (!Prepare(q, d, out var key, out var args))
        {
            return null;
        }

        var stmt = CountStatements.GetOrAdd(key with { Order = TaskOrder.Created }, static k => BuildCountStatement(k));
        return (stmt, [.. args]);
    }

    /// <summary>
    /// The statement of an instance list: the page (<paramref name="shape"/> rows, optionally with the window total)
    /// or the count; null when nothing can match (an empty scope list).
    /// </summary>
    private static (Stmt Stmt, object[] Args)? Instances(InstanceQuery q, ListShape shape)
    {
        string[] scopes = [];
        if (q.OrganizationScopes is { } given)
        {
            if (given.Count == 0)
            {
                return null;
            }

            scopes = OrganizationScope.Distinct(given, nameof(InstanceQuery.OrganizationScopes));
        }

        var mask = (q.DefinitionKey is null ? 0 : 1) | (q.BusinessKey is null ? 0 : 2) | (q.Status is null ? 0 : 4)
            | (q.StartedBy is null ? 0 : 8) | (q.Campaign is null ? 0 : 16);
        var order = shape == ListShape.Count ? 0 : (int)q.OrderBy;
        var stmt = InstanceStatements.GetOrAdd(new ListKey(mask, scopes.Length, order, shape), BuildInstanceStatement);
        var args = new List<object>(8 + (scopes.Length * 3));
        AddIf(args, q.DefinitionKey);
        AddIf(args, q.BusinessKey);
        if (q.Status is { } status)
        {
            args.Add(RecordReaders.StatusText(status));
        }

        AddIf(args, q.StartedBy);
        AddIf(args, q.Campaign);
        AddScopes(args, scopes);
        AddPage(args, shape, q.Skip, q.Take);
        return (stmt, [.. args]);
    }

    /// <summary>The page of an instance query (no total), or null when nothing can match.</summary>
    public static (Stmt Stmt, object[] Args)? Instances(InstanceQuery q) => Instances(q, ListShape.Rows);

    /// <summary>The page of an instance query with the window total after the instance columns, or null when nothing can match.</summary>
    public static (Stmt Stmt, object[] Args)? InstancePage(InstanceQuery q) => Instances(q, ListShape.RowsWithTotal);

    /// <summary>How many instances match a query, or null when nothing can.</summary>
    public static (Stmt Stmt, object[] Args)? CountInstances(InstanceQuery q) => Instances(q, ListShape.Count);

    /// <summary>The done list (已办) of an actor, or null when nothing can match (an empty action list).</summary>
    public static (Stmt Stmt, object[] Args)? Done(DoneTaskQuery q, bool count)
    {
        ArgumentNullException.ThrowIfNull(q.Actor, nameof(DoneTaskQuery.Actor));
        var given = q.Actions ?? Runtime.HistoryTypes.DoneActions;
        if (given.Count == 0)
        {
            return null;
        }

        var actions = given.Count == 1 ? [given[0]] : given.Distinct(StringComparer.Ordinal).ToArray();
        var mask = (q.DefinitionKey is null ? 0 : 1) | (q.Campaign is null ? 0 : 2) | (q.InstanceStatus is null ? 0 : 4);
        var shape = count ? ListShape.Count : ListShape.RowsWithTotal;
        var indexed = DoneListIndex.Covers(actions) ? 1 : 0;
        var stmt = DoneStatements.GetOrAdd(new ListKey(mask, actions.Length, indexed, shape), BuildDoneStatement);
        var args = new List<object>(6 + actions.Length) { q.Actor };
        args.AddRange(actions);
        AddIf(args, q.DefinitionKey);
        AddIf(args, q.Campaign);
        if (q.InstanceStatus is { } status)
        {
            args.Add(RecordReaders.StatusText(status));
        }

        AddPage(args, shape, q.Skip, q.Take);
        return (stmt, [.. args]);
    }

    /// <summary>The copies (抄送) of a reader: the page with the window total, or the count.</summary>
    public static (Stmt Stmt, object[] Args) Copies(CopyQuery q, bool count)
    {
        ArgumentNullException.ThrowIfNull(q.Reader, nameof(CopyQuery.Reader));
        var mask = (q.DefinitionKey is null ? 0 : 1) | (q.Campaign is null ? 0 : 2) | (q.Unread switch { true => 4, false => 8, null => 0 });
        var shape = count ? ListShape.Count : ListShape.RowsWithTotal;
        var stmt = CopyStatements.GetOrAdd(new ListKey(mask, 0, 0, shape), BuildCopyStatement);
        var args = new List<object>(5) { q.Reader };
        AddIf(args, q.DefinitionKey);
        AddIf(args, q.Campaign);
        AddPage(args, shape, q.Skip, q.Take);
        return (stmt, [.. args]);
    }

    private static void AddPage(List<object> args, ListShape shape, int skip, int take)
    {
        if (shape != ListShape.Count)
        {
            args.Add(Math.Max(0, take));
            args.Add(Math.Max(0, skip));
        }
    }

    private static void AddScopes(List<object> args, string[] scopes)
    {
        foreach (var scope in scopes)
        {
            var (path, below, end) = OrganizationScope.Bounds(scope);
            args.Add(path);
            args.Add(below);
            args.Add(end);
        }
    }

    /// <summary>
    /// The condition "the path lies in one of the scopes" on <paramref name="column"/>, with parameters
    /// <c>o{i}</c>, <c>o{i}_below</c>, <c>o{i}_end</c> per scope (see <see cref="OrganizationScope.Bounds"/>).
    /// </summary>
    private static string ScopeCondition(string column, int count, List<string> names)
    {
        var terms = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var p = "o" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            terms.Add($"({column} >= @{p} AND {column} < @{p}_end AND ({column} = @{p} OR {column} >= @{p}_below))");
            names.Add(p);
            names.Add(p + "_below");
            names.Add(p + "_end");
        }

        return count == 1 ? terms[0] : "(" + string.Join(" OR ", terms) + ")";
    }

    /// <summary>The statement key and the filter arguments (in the order of <see cref="Filters"/>); false when nothing can match.</summary>
    private static bool Prepare(TaskQuery q, SqlDialect d, out TaskKey key, out List<object> args)
    {
        key = default;
        args = [];
        if (q.CandidateGroups is { Count: 0 } && q.CandidateUser is null)
        {
            return false; // no group of the caller: nothing is a candidate task
        }

        if (q.OrganizationScopes is { Count: 0 })
        {
            return false; // no organisation in scope: nothing is visible
        }

        var scopes = q.OrganizationScopes is { } s ? OrganizationScope.Distinct(s, nameof(TaskQuery.OrganizationScopes)) : [];

        var groups = q.CandidateGroups is { Count: > 0 } g ? g.Distinct(StringComparer.Ordinal).ToArray() : [];
        var handlerGroups = q.Handler?.Groups is { Count: > 0 } hg ? hg.Distinct(StringComparer.Ordinal).ToArray() : [];
        var mask = (q.InstanceId is null ? 0 : InstanceBit) | (q.ElementId is null ? 0 : ElementBit) | (q.Assignee is null ? 0 : AssigneeBit)
            | (q.DefinitionKey is null ? 0 : DefinitionKeyBit) | (q.BusinessKey is null ? 0 : BusinessKeyBit)
            | (q.CandidateUser is null ? 0 : CandidateUserBit) | (q.Handler is null ? 0 : HandlerBit)
            | (q.Campaign is null ? 0 : CampaignBit) | (q.DueBefore is null ? 0 : DueBeforeBit);
        key = new TaskKey(mask, groups.Length, handlerGroups.Length, scopes.Length, q.OrderBy, d is SqliteDialect);
        if (q.InstanceId is { } instanceId)
        {
            args.Add(d.Guid(instanceId));
        }

        AddIf(args, q.ElementId);
        AddIf(args, q.Assignee);
        AddIf(args, q.DefinitionKey);
        AddIf(args, q.BusinessKey);
        AddIf(args, q.Campaign);
        if (q.DueBefore is { } dueBefore)
        {
            args.Add(d.Time(dueBefore));
        }

        AddScopes(args, scopes);
        AddIf(args, q.CandidateUser);
        args.AddRange(groups);
        if (q.Handler is { } handler)
        {
            ArgumentNullException.ThrowIfNull(handler.User, nameof(TaskHandler.User));
            args.Add(handler.User);
            args.AddRange(handlerGroups);
        }

        return true;
    }

    private static void AddIf(List<object> args, string? value)
    {
        if (value is not null)
        {
            args.Add(value);
        }
    }

    /// <summary>The filters of a key on tasks <c>t</c> (without the handler) and the names of their parameters in binding order.</summary>
    private static (List<string> Where, List<string> Names) Filters(TaskKey key)
    {
        var where = new List<string>();
        var names = new List<string>();
        void Filter(int bit, string sql, string name)
        {
            if ((key.Mask & bit) != 0)
            {
                where.Add(sql);
                names.Add(name);
            }
        }

        Filter(InstanceBit, "t.instance_id = @instance_id", "instance_id");
        Filter(ElementBit, "t.element_id = @element_id", "element_id");
        Filter(AssigneeBit, "t.assignee = @assignee", "assignee");
        Filter(DefinitionKeyBit, "t.definition_key = @definition_key", "definition_key");
        Filter(BusinessKeyBit, "t.business_key = @business_key", "business_key");
        Filter(CampaignBit, "t.campaign = @campaign", "campaign");
        Filter(DueBeforeBit, "t.due_at < @due_before", "due_before");
        if (key.Scopes > 0)
        {
            where.Add(ScopeCondition("t.organization_path", key.Scopes, names));
        }

        // Candidates: the tasks of the user OR of one of the groups, found through the (kind, value) index.
        var candidates = new List<string>();
        if ((key.Mask & CandidateUserBit) != 0)
        {
            candidates.Add(CandidatesOfUser("candidate_user"));
            names.Add("candidate_user");
        }

        if (key.Groups > 0)
        {
            candidates.Add(CandidatesOfGroups("g", key.Groups, names));
        }

        if (candidates.Count > 0)
        {
            where.Add("t.id IN (" + string.Join(" UNION ", candidates) + ")");
        }

        return (where, names);
    }

    private static string CandidatesOfUser(string parameter) =>
        $"SELECT x.task_id FROM task_candidates x WHERE x.kind = 'user' AND x.\"value\" = @{parameter}";

    private static string CandidatesOfGroups(string prefix, int count, List<string> names)
    {
        var list = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            list.Append(i == 0 ? "" : ", ").Append('@').Append(prefix).Append(i);
            names.Add(prefix + i);
        }

        return count == 1
            ? $"SELECT x.task_id FROM task_candidates x WHERE x.kind = 'group' AND x.\"value\" = {list}"
            : $"SELECT x.task_id FROM task_candidates x WHERE x.kind = 'group' AND x.\"value\" IN ({list})";
    }

    /// <summary>
    /// The two disjoint branches of the to-do rule as conditions on tasks <c>t</c>, each with the other filters:
    /// assigned to the user; assigned to no one and a candidate task of the user or of one of the groups.
    /// Adds the handler's parameter names.
    /// </summary>
    private static (string Assigned, string Claimable) HandlerBranches(TaskKey key, List<string> where, List<string> names)
    {
        names.Add("h_user");
        var candidates = CandidatesOfUser("h_user");
        if (key.HandlerGroups > 0)
        {
            candidates += " UNION ALL " + CandidatesOfGroups("h", key.HandlerGroups, names);
        }

        // SQLite: its statistics do not tell that most tasks have no assignee; without the unary + (no index for
        // this term) it would walk ix_tasks_assignee over all unassigned tasks instead of looking the candidates up.
        // The IN list is built once (deduplicated) and drives look-ups by id.
        // PostgreSQL: the candidate ids as one array drive a single index scan (keys sorted and deduplicated by
        // the scan), about 40 % cheaper for large lists than a semi-join's hash aggregate and per-row rescans.
        var claimable = key.Sqlite
            ? "+t.assignee IS NULL AND t.id IN (" + candidates + ")"
            : "t.assignee IS NULL AND t.id = ANY (ARRAY(" + candidates + "))";
        var rest = where.Count > 0 ? " AND " + string.Join(" AND ", where) : "";
        return ("t.assignee = @h_user" + rest, claimable + rest);
    }

    private static string OrderBy(TaskOrder order, string alias) => order switch
    {
        TaskOrder.CreatedDescending => $"{alias}.created_at DESC, {alias}.id DESC",
        TaskOrder.Due => $"{alias}.due_at NULLS LAST, {alias}.created_at, {alias}.id",
        _ => $"{alias}.created_at, {alias}.id",
    };

    private static Stmt BuildTaskStatement(TaskKey key, bool withTotal)
    {
        var (where, names) = Filters(key);
        const string Candidates = " LEFT JOIN task_candidates c ON c.task_id = t.id";
        var order = " ORDER BY " + OrderBy(key.Order, "t");
        var total = withTotal ? ", COUNT(*) OVER () AS total" : "";
        if ((key.Mask & HandlerBit) != 0)
        {
            // The page's ids (and sort keys) from both branches, then their rows and candidates.
            var (assigned, claimable) = HandlerBranches(key, where, names);
            names.Add("take");
            names.Add("skip");
            const string Keys = "SELECT t.id, t.created_at, t.due_at FROM tasks t WHERE ";
            return new Stmt(
                "SELECT " + Statements.TaskColumns + (withTotal ? ", p.total" : "") + " FROM (SELECT u.id" + total + " FROM (" + Keys + assigned + " UNION ALL " + Keys + claimable
                + ") u ORDER BY " + OrderBy(key.Order, "u") + " LIMIT @take OFFSET @skip) p JOIN tasks t ON t.id = p.id" + Candidates + order,
                [.. names]);
        }

        var filter = where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "";
        if ((key.Mask & InstanceBit) != 0 && !withTotal)
        {
            // One instance: a plain indexed join; the caller pages.
            return new Stmt("SELECT " + Statements.TaskColumns + " FROM tasks t" + Candidates + filter + order, [.. names]);
        }

        names.Add("take");
        names.Add("skip");
        return new Stmt(
            "SELECT " + Statements.TaskColumns + (withTotal ? ", t.total" : "") + " FROM (SELECT t.*" + total + " FROM tasks t" + filter + order
            + " LIMIT @take OFFSET @skip) t" + Candidates + order,
            [.. names]);
    }

    private static Stmt BuildCountStatement(TaskKey key)
    {
        var (where, names) = Filters(key);
        if ((key.Mask & HandlerBit) != 0)
        {
            var (assigned, claimable) = HandlerBranches(key, where, names);
            return new Stmt(
                "SELECT (SELECT COUNT(*) FROM tasks t WHERE " + assigned + ") + (SELECT COUNT(*) FROM tasks t WHERE " + claimable + ")",
                [.. names]);
        }

        return new Stmt("SELECT COUNT(*) FROM tasks t" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : ""), [.. names]);
    }

    private static Stmt BuildInstanceStatement(ListKey key)
    {
        var where = new List<string>();
        var names = new List<string>();
        void Filter(int bit, string sql, string name)
        {
            if ((key.Mask & bit) != 0)
            {
                where.Add(sql);
                names.Add(name);
            }
        }

        Filter(1, "definition_key = @definition_key", "definition_key");
        Filter(2, "business_key = @business_key", "business_key");
        Filter(4, "status = @status", "status");
        Filter(8, "started_by = @started_by", "started_by");
        Filter(16, "campaign = @campaign", "campaign");
        if (key.Count > 0)
        {
            where.Add(ScopeCondition("organization_path", key.Count, names));
        }

        var filter = where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "";
        if (key.Shape == ListShape.Count)
        {
            return new Stmt("SELECT COUNT(*) FROM instances" + filter, [.. names]);
        }

        var order = (InstanceOrder)key.Order == InstanceOrder.Started ? "started_at, id" : "started_at DESC, id DESC";
        var total = key.Shape == ListShape.RowsWithTotal ? ", COUNT(*) OVER () AS total" : "";
        names.Add("take");
        names.Add("skip");
        return new Stmt("SELECT " + Statements.InstanceColumns + total + " FROM instances" + filter + " ORDER BY " + order + " LIMIT @take OFFSET @skip", [.. names]);
    }

    private static Stmt BuildDoneStatement(ListKey key)
    {
        var names = new List<string> { "actor" };
        var actions = new StringBuilder();
        for (var i = 0; i < key.Count; i++)
        {
            var p = "a" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            actions.Append(i == 0 ? "" : ", ").Append('@').Append(p);
            names.Add(p);
        }

        // The filter of the partial index, verbatim, lets the planners use it (they match it against the query's
        // terms); without it (actions outside the index) the history is scanned.
        var where = new StringBuilder("h.actor = @actor AND ");
        if (key.Order == 1)
        {
            where.Append(DoneListIndex.Filter("h.\"type\"")).Append(" AND ");
        }

        where.Append("h.\"type\"").Append(key.Count == 1 ? " = " + actions : " IN (" + actions + ")");
        if ((key.Mask & 1) != 0)
        {
            where.Append(" AND i.definition_key = @definition_key");
            names.Add("definition_key");
        }

        if ((key.Mask & 2) != 0)
        {
            where.Append(" AND i.campaign = @campaign");
            names.Add("campaign");
        }

        if ((key.Mask & 4) != 0)
        {
            where.Append(" AND i.status = @status");
            names.Add("status");
        }

        const string From = " FROM history_events h JOIN instances i ON i.id = h.instance_id WHERE ";
        if (key.Shape == ListShape.Count)
        {
            return new Stmt("SELECT COUNT(*)" + From + where, [.. names]);
        }

        names.Add("take");
        names.Add("skip");
        return new Stmt(
            "SELECT " + Statements.DoneColumns + ", COUNT(*) OVER () AS total" + From + where + " ORDER BY h.\"at\" DESC, h.id DESC LIMIT @take OFFSET @skip",
            [.. names]);
    }

    private static Stmt BuildCopyStatement(ListKey key)
    {
        var names = new List<string> { "reader" };
        var where = new StringBuilder(" FROM task_copies WHERE reader = @reader");
        if ((key.Mask & 1) != 0)
        {
            where.Append(" AND definition_key = @definition_key");
            names.Add("definition_key");
        }

        if ((key.Mask & 2) != 0)
        {
            where.Append(" AND campaign = @campaign");
            names.Add("campaign");
        }

        if ((key.Mask & 4) != 0)
        {
            where.Append(" AND read_at IS NULL");
        }
        else if ((key.Mask & 8) != 0)
        {
            where.Append(" AND read_at IS NOT NULL");
        }

        if (key.Shape == ListShape.Count)
        {
            return new Stmt("SELECT COUNT(*)" + where, [.. names]);
        }

        names.Add("take");
        names.Add("skip");
        return new Stmt(
            "SELECT " + Statements.CopyColumns + ", COUNT(*) OVER () AS total" + where + " ORDER BY copied_at DESC, id DESC LIMIT @take OFFSET @skip",
            [.. names]);
    }
}
