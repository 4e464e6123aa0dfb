using System.Collections.Concurrent;
using System.Text;

namespace Workflows.Engine.Persistence.Sql;

/// <summary>
/// The task and instance list queries as hand-written SQL: one statement per combination of filters (cached, so
/// prepared once per connection), paging applied to tasks before their candidate rows are joined.
/// </summary>
internal static class QueryStatements
{
    private static readonly ConcurrentDictionary<(int Mask, int Groups), Stmt> TaskStatements = new();
    private static readonly ConcurrentDictionary<int, Stmt> InstanceStatements = new();

    /// <summary>
    /// The statement and arguments of a task query, or null when it cannot match anything. A query within one
    /// instance (few rows) is not paged in SQL: <paramref name="pageInMemory"/> tells the caller to apply
    /// Skip/Take to the result.
    /// </summary>
    public static (Stmt Stmt, object[] Args)? Tasks(TaskQuery q, SqlDialect d, out bool pageInMemory)
    {
        pageInMemory = q.InstanceId is not null;
        var groups = q.CandidateGroups is { Count: > 0 } g ? g.Distinct(StringComparer.Ordinal).ToArray() : [];
        if (q.CandidateGroups is { Count: 0 } && q.CandidateUser is null)
        {
            return null; // no group of the caller: nothing is a candidate task
        }

        var mask = (q.InstanceId is null ? 0 : 1) | (q.ElementId is null ? 0 : 2) | (q.Assignee is null ? 0 : 4)
            | (q.DefinitionKey is null ? 0 : 8) | (q.BusinessKey is null ? 0 : 16) | (q.CandidateUser is null ? 0 : 32);
        var stmt = TaskStatements.GetOrAdd((mask, groups.Length), static key => BuildTaskStatement(key.Mask, key.Groups));
        var args = new List<object>(stmt.Parameters.Length);
        if (q.InstanceId is { } instanceId)
        {
            args.Add(d.Guid(instanceId));
        }

        AddIf(args, q.ElementId);
        AddIf(args, q.Assignee);
        AddIf(args, q.DefinitionKey);
        AddIf(args, q.BusinessKey);
        AddIf(args, q.CandidateUser);
        args.AddRange(groups);
        if (!pageInMemory)
        {
            args.Add(Math.Max(0, q.Take));
            args.Add(Math.Max(0, q.Skip));
        }

        return (stmt, [.. args]);
    }

    public static (Stmt Stmt, object[] Args) Instances(InstanceQuery q)
    {
        var mask = (q.DefinitionKey is null ? 0 : 1) | (q.BusinessKey is null ? 0 : 2) | (q.Status is null ? 0 : 4);
        var stmt = InstanceStatements.GetOrAdd(mask, BuildInstanceStatement);
        var args = new List<object>(5);
        AddIf(args, q.DefinitionKey);
        AddIf(args, q.BusinessKey);
        if (q.Status is { } status)
        {
            args.Add(RecordReaders.StatusText(status));
        }

        args.Add(Math.Max(0, q.Take));
        args.Add(Math.Max(0, q.Skip));
        return (stmt, [.. args]);
    }

    private static void AddIf(List<object> args, string? value)
    {
        if (value is not null)
        {
            args.Add(value);
        }
    }

    private static Stmt BuildTaskStatement(int mask, int groups)
    {
        var where = new List<string>();
        var names = new List<string>();
        void Filter(int bit, string sql, string name)
        {
            if ((mask & bit) != 0)
            {
                where.Add(sql);
                names.Add(name);
            }
        }

        Filter(1, "t.instance_id = @instance_id", "instance_id");
        Filter(2, "t.element_id = @element_id", "element_id");
        Filter(4, "t.assignee = @assignee", "assignee");
        Filter(8, "t.definition_key = @definition_key", "definition_key");
        Filter(16, "t.business_key = @business_key", "business_key");

        // Candidates: the tasks of the user OR of one of the groups, found through the (kind, value) index.
        var candidates = new List<string>();
        if ((mask & 32) != 0)
        {
            candidates.Add("SELECT x.task_id FROM task_candidates x WHERE x.kind = 'user' AND x.\"value\" = @candidate_user");
            names.Add("candidate_user");
        }

        if (groups > 0)
        {
            var list = new StringBuilder();
            for (var i = 0; i < groups; i++)
            {
                list.Append(i == 0 ? "" : ", ").Append("@g").Append(i);
                names.Add("g" + i);
            }

            candidates.Add($"SELECT x.task_id FROM task_candidates x WHERE x.kind = 'group' AND x.\"value\" IN ({list})");
        }

        if (candidates.Count > 0)
        {
            where.Add("t.id IN (" + string.Join(" UNION ", candidates) + ")");
        }

        var filter = where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "";
        if ((mask & 1) != 0)
        {
            // One instance: a plain indexed join; the caller pages.
            return new Stmt(
                "SELECT " + Statements.TaskColumns + " FROM tasks t LEFT JOIN task_candidates c ON c.task_id = t.id" + filter + " ORDER BY t.created_at, t.id",
                [.. names]);
        }

        names.Add("take");
        names.Add("skip");
        var sql =
            "SELECT " + Statements.TaskColumns + " FROM (SELECT * FROM tasks t" + filter
            + " ORDER BY t.created_at, t.id LIMIT @take OFFSET @skip) t LEFT JOIN task_candidates c ON c.task_id = t.id ORDER BY t.created_at, t.id";
        return new Stmt(sql, [.. names]);
    }

    private static Stmt BuildInstanceStatement(int mask)
    {
        var where = new List<string>();
        var names = new List<string>();
        if ((mask & 1) != 0)
        {
            where.Add("definition_key = @definition_key");
            names.Add("definition_key");
        }

        if ((mask & 2) != 0)
        {
            where.Add("business_key = @business_key");
            names.Add("business_key");
        }

        if ((mask & 4) != 0)
        {
            where.Add("status = @status");
            names.Add("status");
        }

        names.Add("take");
        names.Add("skip");
        var sql = "SELECT " + Statements.InstanceColumns + " FROM instances"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " ORDER BY started_at, id LIMIT @take OFFSET @skip";
        return new Stmt(sql, [.. names]);
    }
}
