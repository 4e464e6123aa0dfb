namespace Workflows.Engine.Persistence.Sql;

/// <summary>What a statement's outcome must be checked for.</summary>
internal enum StmtCheck
{
    None,

    /// <summary>The processed request insert: a key violation means the request was applied meanwhile.</summary>
    Request,

    /// <summary>An instance update guarded by its expected version: 0 rows means a concurrent change.</summary>
    InstanceVersion,

    /// <summary>A task update: 0 rows means the task was completed or deleted meanwhile.</summary>
    TaskExists,

    /// <summary>A job delete: 0 rows means another command fired or removed the job (a job fires once).</summary>
    JobExists,
}

/// <summary>One statement of a commit with its (already converted) arguments.</summary>
internal readonly record struct PlannedStatement(Stmt Stmt, object[] Args, StmtCheck Check, Guid Subject = default, long Expected = 0);

/// <summary>
/// Turns a <see cref="ChangeSet"/> into the ordered statements of its transaction. The order is part of the
/// contract (the in-memory store applies in the same order): processed request, instances inserted, instances
/// updated, then per kind inserts, updates, deletes (so something created and removed by one command is gone),
/// then history, copies (抄送) and outbox. Checks: an updated instance must have the expected version, an updated task and a
/// deleted job must still exist — otherwise <see cref="ConcurrencyConflictException"/>.
/// </summary>
internal static class CommitPlan
{
    public static List<PlannedStatement> Build(ChangeSet c, SqlDialect d)
    {
        var plan = new List<PlannedStatement>(8 + c.History.Count + (c.InsertedTasks.Count * 3));
        if (c.Request is { } req)
        {
            plan.Add(new(Statements.InsertRequest, [req.RequestId, req.Command, req.ResponseJson, d.Time(req.At), req.Actor, SqlDialect.Text(req.Fingerprint)], StmtCheck.Request));
        }

        foreach (var i in c.InsertedInstances)
        {
            plan.Add(new(Statements.InsertInstance, InstanceArgs(i, d, i.Id), StmtCheck.None));
        }

        foreach (var (i, expected) in c.UpdatedInstances)
        {
            object[] args =
            [
                SqlDialect.Text(i.BusinessKey), RecordReaders.StatusText(i.Status), i.StateJson, i.Version, d.Time(i.EndedAt), d.Guid(i.Id), expected,
            ];
            plan.Add(new(Statements.UpdateInstance, args, StmtCheck.InstanceVersion, i.Id, expected));
        }

        foreach (var t in c.InsertedTasks)
        {
            plan.Add(new(Statements.InsertTask, TaskArgs(t, d, insert: true), StmtCheck.None));
            AddCandidates(plan, t, d);
        }

        foreach (var t in c.UpdatedTasks)
        {
            plan.Add(new(Statements.UpdateTask, TaskArgs(t, d, insert: false), StmtCheck.TaskExists, t.Id));
            plan.Add(new(Statements.DeleteCandidates, [d.Guid(t.Id)], StmtCheck.None));
            AddCandidates(plan, t, d);
        }

        foreach (var id in c.DeletedTaskIds)
        {
            var gid = d.Guid(id);
            plan.Add(new(Statements.DeleteCandidates, [gid], StmtCheck.None));
            plan.Add(new(Statements.DeleteTask, [gid], StmtCheck.None));
        }

        foreach (var s in c.InsertedSubscriptions)
        {
            plan.Add(new(
                Statements.InsertSubscription,
                [d.Guid(s.Id), d.Guid(s.InstanceId), s.ExecutionId, s.ElementId, s.MessageName, SqlDialect.Text(s.CorrelationKey), d.Time(s.CreatedAt)],
                StmtCheck.None));
        }

        foreach (var id in c.DeletedSubscriptionIds)
        {
            plan.Add(new(Statements.DeleteSubscription, [d.Guid(id)], StmtCheck.None));
        }

        foreach (var j in c.InsertedJobs)
        {
            plan.Add(new(
                Statements.InsertJob,
                [d.Guid(j.Id), d.Guid(j.InstanceId), j.ExecutionId, j.ElementId, j.Kind, d.Time(j.DueAt), j.Retries, SqlDialect.Text(j.Data), d.Time(j.CreatedAt), j.Attempts, SqlDialect.Text(j.LastError), d.Time(j.LastErrorAt)],
                StmtCheck.None));
        }

        foreach (var id in Distinct(c.DeletedJobIds))
        {
            plan.Add(new(Statements.DeleteJob, [d.Guid(id)], StmtCheck.JobExists, id));
        }

        foreach (var h in c.History)
        {
            plan.Add(new(
                Statements.InsertHistory,
                [
                    d.Guid(h.InstanceId), d.Time(h.At), h.Type, SqlDialect.Text(h.ElementId), SqlDialect.Text(h.ElementName),
                    SqlDialect.Text(h.ExecutionId), d.Guid(h.TaskId), SqlDialect.Text(h.Actor), SqlDialect.Text(h.Comment), SqlDialect.Text(h.Data),
                ],
                StmtCheck.None));
        }

        foreach (var copy in c.InsertedCopies)
        {
            plan.Add(new(Statements.InsertCopy, CopyArgs(copy, d), StmtCheck.None));
        }

        foreach (var o in c.Outbox)
        {
            plan.Add(new(
                Statements.InsertOutbox,
                [
                    d.Guid(o.Id), o.Kind, o.Payload, o.IdempotencyKey, d.Guid(o.InstanceId), d.Time(o.CreatedAt),
                    d.Time(o.DispatchedAt), o.Attempts, SqlDialect.Text(o.LastError), d.Time(o.NextAttemptAt), d.Time(o.FailedAt),
                ],
                StmtCheck.None));
        }

        return plan;
    }

    /// <summary>The ids without repeats (a repeated delete must not look like a concurrent one).</summary>
    public static IEnumerable<Guid> Distinct(List<Guid> ids) => ids.Count < 2 ? ids : ids.Distinct();

    private static object[] InstanceArgs(InstanceRecord i, SqlDialect d, Guid id) =>
    [
        d.Guid(id), d.Guid(i.DefinitionId), i.DefinitionKey, i.DefinitionVersion, SqlDialect.Text(i.BusinessKey),
        RecordReaders.StatusText(i.Status), i.StateJson, i.Version, d.Guid(i.ParentInstanceId), SqlDialect.Text(i.ParentExecutionId),
        SqlDialect.Text(i.StartedBy), d.Time(i.StartedAt), d.Time(i.EndedAt), SqlDialect.Text(i.OrganizationPath), SqlDialect.Text(i.Campaign),
    ];

    private static object[] CopyArgs(CopyRecord c, SqlDialect d) =>
    [
        d.Guid(c.Id), d.Guid(c.InstanceId), d.Guid(c.TaskId), SqlDialect.Text(c.ElementId), SqlDialect.Text(c.TaskName), c.DefinitionKey,
        SqlDialect.Text(c.BusinessKey), SqlDialect.Text(c.OrganizationPath), SqlDialect.Text(c.Campaign), c.Reader, SqlDialect.Text(c.CopiedBy),
        SqlDialect.Text(c.Comment), d.Time(c.CopiedAt), d.Time(c.ReadAt),
    ];

    private static object[] TaskArgs(TaskRecord t, SqlDialect d, bool insert)
    {
        // Insert: id first; update: id last (WHERE).
        object[] fields =
        [
            d.Guid(t.InstanceId), t.ExecutionId, t.ElementId, SqlDialect.Text(t.Name), t.DefinitionKey, SqlDialect.Text(t.BusinessKey),
            SqlDialect.Text(t.Assignee), SqlDialect.Text(t.FormKey), t.Priority, d.Time(t.CreatedAt), d.Time(t.DueAt),
            SqlDialect.Text(t.OrganizationPath), SqlDialect.Text(t.Campaign), SqlDialect.Text(t.StartedBy), SqlDialect.Text(t.Owner),
            RecordReaders.DelegationText(t.Delegation),
        ];
        var args = new object[fields.Length + 1];
        if (insert)
        {
            args[0] = d.Guid(t.Id);
            fields.CopyTo(args, 1);
        }
        else
        {
            fields.CopyTo(args, 0);
            args[^1] = d.Guid(t.Id);
        }

        return args;
    }

    private static void AddCandidates(List<PlannedStatement> plan, TaskRecord t, SqlDialect d)
    {
        if (t.CandidateUsers.Count == 0 && t.CandidateGroups.Count == 0)
        {
            return;
        }

        var id = d.Guid(t.Id);
        foreach (var u in RecordCopies.DistinctCandidates(t.CandidateUsers))
        {
            plan.Add(new(Statements.InsertCandidate, [id, TaskCandidate.UserKind, u], StmtCheck.None));
        }

        foreach (var g in RecordCopies.DistinctCandidates(t.CandidateGroups))
        {
            plan.Add(new(Statements.InsertCandidate, [id, TaskCandidate.GroupKind, g], StmtCheck.None));
        }
    }
}
