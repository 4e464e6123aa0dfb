namespace Workflows.Engine.Persistence.Sql;

/// <summary>A hand-written statement valid on SQLite and PostgreSQL, with its parameters in binding order.</summary>
internal sealed class Stmt
{
    private static readonly Dictionary<string, ColType> Types = new(StringComparer.Ordinal)
    {
        ["id"] = ColType.Guid,
        ["definition_id"] = ColType.Guid,
        ["instance_id"] = ColType.Guid,
        ["parent_instance_id"] = ColType.Guid,
        ["task_id"] = ColType.Guid,
        ["definition_version"] = ColType.Int,
        ["priority"] = ColType.Int,
        ["retries"] = ColType.Int,
        ["attempts"] = ColType.Int,
        ["def_version"] = ColType.Int,
        ["version"] = ColType.Long,
        ["expected"] = ColType.Long,
        ["started_at"] = ColType.Time,
        ["ended_at"] = ColType.Time,
        ["created_at"] = ColType.Time,
        ["due_at"] = ColType.Time,
        ["at"] = ColType.Time,
        ["published_at"] = ColType.Time,
        ["retired_at"] = ColType.Time,
        ["dispatched_at"] = ColType.Time,
        ["next_attempt_at"] = ColType.Time,
        ["failed_at"] = ColType.Time,
        ["last_error_at"] = ColType.Time,
        ["now"] = ColType.Time,
        ["lease"] = ColType.Time,
        ["held"] = ColType.Time,
        ["due_by"] = ColType.Time,
        ["due_before"] = ColType.Time,
        ["copied_at"] = ColType.Time,
        ["read_at"] = ColType.Time,
        ["take"] = ColType.Int,
        ["skip"] = ColType.Int,
    };

    public Stmt(string sql, params string[] parameters)
    {
        Sql = sql;
        Parameters = parameters.Select(p => (p, Types.GetValueOrDefault(p, ColType.Text))).ToArray();
    }

    public string Sql { get; }

    public (string Name, ColType Type)[] Parameters { get; }

    public override string ToString() => Sql;
}

/// <summary>The statements of the hot paths (commit, reads by key). Column lists fix the ordinals of <see cref="RecordReaders"/>.</summary>
internal static class Statements
{
    public const string InstanceColumns =
        "id, definition_id, definition_key, definition_version, business_key, status, state_json, version, parent_instance_id, parent_execution_id, started_by, started_at, ended_at, organization_path, campaign";

    /// <summary>The columns of a task row (alias <c>t</c>) and of its candidate rows (alias <c>c</c>), which come last.</summary>
    public const string TaskColumns =
        "t.id, t.instance_id, t.execution_id, t.element_id, t.name, t.definition_key, t.business_key, t.assignee, t.form_key, t.priority, t.created_at, t.due_at, "
        + "t.organization_path, t.campaign, t.started_by, t.owner, t.delegation, c.kind, c.\"value\"";

    public const string CopyColumns =
        "id, instance_id, task_id, element_id, task_name, definition_key, business_key, organization_path, campaign, reader, copied_by, \"comment\", copied_at, read_at";

    /// <summary>A done entry (已办): the history event <c>h</c> with its instance <c>i</c>.</summary>
    public const string DoneColumns =
        "h.id, h.task_id, h.instance_id, h.element_id, h.element_name, i.definition_key, i.business_key, i.organization_path, i.campaign, i.started_by, "
        + "h.\"type\", h.actor, h.\"comment\", h.\"at\", i.status";

    public const string JobColumns = "id, instance_id, execution_id, element_id, kind, due_at, retries, data, created_at, attempts, last_error, last_error_at";

    public const string SubscriptionColumns = "id, instance_id, execution_id, element_id, message_name, correlation_key, created_at";

    public const string RequestColumns = "request_id, command, response_json, \"at\", actor, fingerprint";

    public const string DefinitionColumns = "id, \"key\", name, version, state, xml, content_hash, created_at, published_at, retired_at";

    // --- commit ---
    public static readonly Stmt InsertRequest = new(
        "INSERT INTO processed_requests (request_id, command, response_json, \"at\", actor, fingerprint) VALUES (@request_id, @command, @response_json, @at, @actor, @fingerprint)",
        "request_id", "command", "response_json", "at", "actor", "fingerprint");

    /// <summary>The answer of a request claimed earlier in the same transaction.</summary>
    public static readonly Stmt AnswerRequest = new(
        "UPDATE processed_requests SET response_json = @response_json WHERE actor = @actor AND request_id = @request_id",
        "response_json", "actor", "request_id");

    public static readonly Stmt InsertInstance = new(
        "INSERT INTO instances (" + InstanceColumns + ") VALUES (@id, @definition_id, @definition_key, @definition_version, @business_key, @status, @state_json, @version, @parent_instance_id, @parent_execution_id, @started_by, @started_at, @ended_at, @organization_path, @campaign)",
        "id", "definition_id", "definition_key", "definition_version", "business_key", "status", "state_json", "version", "parent_instance_id", "parent_execution_id", "started_by", "started_at", "ended_at", "organization_path", "campaign");

    /// <summary>
    /// Writes the columns a command can change (business key, status, state, version, end); the others (initiator,
    /// organisation path, campaign …) are fixed at insert. Fewer columns in SET means fewer index entries rewritten.
    /// </summary>
    public static readonly Stmt UpdateInstance = new(
        "UPDATE instances SET business_key = @business_key, status = @status, state_json = @state_json, version = @version, ended_at = @ended_at WHERE id = @id AND version = @expected",
        "business_key", "status", "state_json", "version", "ended_at", "id", "expected");

    public static readonly Stmt InsertTask = new(
        "INSERT INTO tasks (id, instance_id, execution_id, element_id, name, definition_key, business_key, assignee, form_key, priority, created_at, due_at, organization_path, campaign, started_by, owner, delegation) "
        + "VALUES (@id, @instance_id, @execution_id, @element_id, @name, @definition_key, @business_key, @assignee, @form_key, @priority, @created_at, @due_at, @organization_path, @campaign, @started_by, @owner, @delegation)",
        "id", "instance_id", "execution_id", "element_id", "name", "definition_key", "business_key", "assignee", "form_key", "priority", "created_at", "due_at",
        "organization_path", "campaign", "started_by", "owner", "delegation");

    /// <summary>Writes every column of a task: a command may change any of them (assignee, owner, delegation, due date …).</summary>
    public static readonly Stmt UpdateTask = new(
        "UPDATE tasks SET instance_id = @instance_id, execution_id = @execution_id, element_id = @element_id, name = @name, definition_key = @definition_key, business_key = @business_key, assignee = @assignee, form_key = @form_key, priority = @priority, created_at = @created_at, due_at = @due_at, "
        + "organization_path = @organization_path, campaign = @campaign, started_by = @started_by, owner = @owner, delegation = @delegation WHERE id = @id",
        "instance_id", "execution_id", "element_id", "name", "definition_key", "business_key", "assignee", "form_key", "priority", "created_at", "due_at",
        "organization_path", "campaign", "started_by", "owner", "delegation", "id");

    public static readonly Stmt DeleteTask = new("DELETE FROM tasks WHERE id = @id", "id");

    public static readonly Stmt InsertCandidate = new(
        "INSERT INTO task_candidates (task_id, kind, \"value\") VALUES (@task_id, @kind, @value)", "task_id", "kind", "value");

    public static readonly Stmt DeleteCandidates = new("DELETE FROM task_candidates WHERE task_id = @task_id", "task_id");

    public static readonly Stmt InsertSubscription = new(
        "INSERT INTO subscriptions (" + SubscriptionColumns + ") VALUES (@id, @instance_id, @execution_id, @element_id, @message_name, @correlation_key, @created_at)",
        "id", "instance_id", "execution_id", "element_id", "message_name", "correlation_key", "created_at");

    public static readonly Stmt DeleteSubscription = new("DELETE FROM subscriptions WHERE id = @id", "id");

    public static readonly Stmt InsertJob = new(
        "INSERT INTO jobs (" + JobColumns + ") VALUES (@id, @instance_id, @execution_id, @element_id, @kind, @due_at, @retries, @data, @created_at, @attempts, @last_error, @last_error_at)",
        "id", "instance_id", "execution_id", "element_id", "kind", "due_at", "retries", "data", "created_at", "attempts", "last_error", "last_error_at");

    public static readonly Stmt DeleteJob = new("DELETE FROM jobs WHERE id = @id", "id");

    public static readonly Stmt InsertHistory = new(
        "INSERT INTO history_events (instance_id, \"at\", \"type\", element_id, element_name, execution_id, task_id, actor, \"comment\", \"data\") VALUES (@instance_id, @at, @type, @element_id, @element_name, @execution_id, @task_id, @actor, @comment, @data)",
        "instance_id", "at", "type", "element_id", "element_name", "execution_id", "task_id", "actor", "comment", "data");

    public static readonly Stmt InsertOutbox = new(
        "INSERT INTO outbox (" + OutboxColumns + ") VALUES (@id, @kind, @payload, @idempotency_key, @instance_id, @created_at, @dispatched_at, @attempts, @last_error, @next_attempt_at, @failed_at)",
        "id", "kind", "payload", "idempotency_key", "instance_id", "created_at", "dispatched_at", "attempts", "last_error", "next_attempt_at", "failed_at");

    public static readonly Stmt InsertCopy = new(
        "INSERT INTO task_copies (" + CopyColumns + ") VALUES (@id, @instance_id, @task_id, @element_id, @task_name, @definition_key, @business_key, @organization_path, @campaign, @reader, @copied_by, @comment, @copied_at, @read_at)",
        "id", "instance_id", "task_id", "element_id", "task_name", "definition_key", "business_key", "organization_path", "campaign", "reader", "copied_by", "comment", "copied_at", "read_at");

    // --- other writes ---

    /// <summary>Marks a copy read by its reader; the first time stays (COALESCE), so a second call changes nothing but still finds the row.</summary>
    public static readonly Stmt MarkCopyRead = new(
        "UPDATE task_copies SET read_at = COALESCE(read_at, @read_at) WHERE id = @id AND reader = @reader", "read_at", "id", "reader");

    public static readonly Stmt MarkOutboxDispatched = new(
        "UPDATE outbox SET dispatched_at = @dispatched_at WHERE id = @id", "dispatched_at", "id");

    /// <summary>The condition of an outbox row still to dispatch (the filter of its partial index).</summary>
    public const string OutboxPending = "dispatched_at IS NULL AND failed_at IS NULL";

    /// <summary>Claims a due outbox row: one conditional update, so of concurrent dispatchers exactly one gets it.</summary>
    public static readonly Stmt ClaimDueOutbox = new(
        "UPDATE outbox SET next_attempt_at = @lease WHERE id = @id AND " + OutboxPending + " AND (next_attempt_at IS NULL OR next_attempt_at <= @now)",
        "lease", "id", "now");

    /// <summary>Renews a claim: only while the row still carries the lease the caller was given.</summary>
    public static readonly Stmt RenewOutboxClaim = new(
        "UPDATE outbox SET next_attempt_at = @lease WHERE id = @id AND " + OutboxPending + " AND next_attempt_at = @held",
        "lease", "id", "held");

    public static readonly Stmt RecordOutboxFailure = new(
        "UPDATE outbox SET attempts = attempts + 1, last_error = @last_error, next_attempt_at = @next_attempt_at, failed_at = @failed_at WHERE id = @id AND " + OutboxPending,
        "last_error", "next_attempt_at", "failed_at", "id");

    public static readonly Stmt RetryOutbox = new(
        "UPDATE outbox SET failed_at = NULL, next_attempt_at = NULL, attempts = 0 WHERE id = @id AND dispatched_at IS NULL AND failed_at IS NOT NULL",
        "id");

    /// <summary>Inserts a definition; a published one without a number gets the next version of its key.</summary>
    public static readonly Stmt InsertDefinition = new(
        "INSERT INTO definitions (" + DefinitionColumns + ") VALUES (@id, @key, @name, "
        + "CASE WHEN @state = 'Published' AND @def_version IS NULL THEN (SELECT COALESCE(MAX(d.version), 0) + 1 FROM definitions d WHERE d.\"key\" = @key) ELSE @def_version END, "
        + "@state, @xml, @content_hash, @created_at, @published_at, @retired_at) RETURNING version",
        "id", "key", "name", "def_version", "state", "xml", "content_hash", "created_at", "published_at", "retired_at");

    /// <summary>
    /// Saves a definition. The version is the store's: a definition that becomes published without a number gets
    /// the next version of its key; a numbered one keeps its number.
    /// </summary>
    public static readonly Stmt UpdateDefinition = new(
        "UPDATE definitions SET \"key\" = @key, name = @name, state = @state, xml = @xml, content_hash = @content_hash, created_at = @created_at, published_at = @published_at, retired_at = @retired_at, "
        + "version = CASE WHEN version IS NULL AND @state = 'Published' THEN (SELECT COALESCE(MAX(d.version), 0) + 1 FROM definitions d WHERE d.\"key\" = @key) ELSE version END "
        + "WHERE id = @id RETURNING version",
        "key", "name", "state", "xml", "content_hash", "created_at", "published_at", "retired_at", "id");

    // --- reads by key ---
    public static readonly Stmt SelectInstance = new("SELECT " + InstanceColumns + " FROM instances WHERE id = @id", "id");

    public static readonly Stmt SelectTask = new(
        "SELECT " + TaskColumns + " FROM tasks t LEFT JOIN task_candidates c ON c.task_id = t.id WHERE t.id = @id", "id");

    public static readonly Stmt SelectTasksOfInstance = new(
        "SELECT " + TaskColumns + " FROM tasks t LEFT JOIN task_candidates c ON c.task_id = t.id WHERE t.instance_id = @instance_id ORDER BY t.created_at, t.id",
        "instance_id");

    public static readonly Stmt SelectSubscriptionsOfInstance = new(
        "SELECT " + SubscriptionColumns + " FROM subscriptions WHERE instance_id = @instance_id ORDER BY created_at, id", "instance_id");

    public static readonly Stmt SelectSubscriptionsByKey = new(
        "SELECT " + SubscriptionColumns + " FROM subscriptions WHERE message_name = @message_name AND correlation_key = @correlation_key ORDER BY created_at, id",
        "message_name", "correlation_key");

    public static readonly Stmt SelectSubscriptionsWithoutKey = new(
        "SELECT " + SubscriptionColumns + " FROM subscriptions WHERE message_name = @message_name AND correlation_key IS NULL ORDER BY created_at, id",
        "message_name");

    public static readonly Stmt SelectJobsOfInstance = new(
        "SELECT " + JobColumns + " FROM jobs WHERE instance_id = @instance_id ORDER BY due_at, created_at, id", "instance_id");

    public static readonly Stmt SelectJob = new("SELECT " + JobColumns + " FROM jobs WHERE id = @id", "id");

    public static readonly Stmt SelectDueJobs = new(
        "SELECT " + JobColumns + " FROM jobs WHERE due_at <= @due_by ORDER BY due_at, id LIMIT @take", "due_by", "take");

    /// <summary>The condition of an incident: a job whose last attempt failed (the filter of its partial index).</summary>
    public const string JobIncident = "last_error IS NOT NULL";

    /// <summary>Records a failed attempt of a job that still exists.</summary>
    public static readonly Stmt RecordJobFailure = new(
        "UPDATE jobs SET attempts = attempts + 1, last_error = @last_error, last_error_at = @last_error_at WHERE id = @id",
        "last_error", "last_error_at", "id");

    /// <summary>An administrator's retry of an incident: due at once; the error stays until the job fires.</summary>
    public static readonly Stmt RetryJob = new(
        "UPDATE jobs SET due_at = @due_at WHERE id = @id AND " + JobIncident, "due_at", "id");

    /// <summary>Incidents, most recent failure first.</summary>
    public static readonly Stmt SelectIncidents = new(
        "SELECT " + JobColumns + " FROM jobs WHERE " + JobIncident + " ORDER BY last_error_at DESC, id LIMIT @take", "take");

    /// <summary>The incidents of one instance, most recent failure first.</summary>
    public static readonly Stmt SelectIncidentsOfInstance = new(
        "SELECT " + JobColumns + " FROM jobs WHERE instance_id = @instance_id AND " + JobIncident + " ORDER BY last_error_at DESC, id LIMIT @take", "instance_id", "take");

    public static readonly Stmt SelectDefinition = new("SELECT " + DefinitionColumns + " FROM definitions WHERE id = @id", "id");

    public static readonly Stmt SelectLatestPublished = new(
        "SELECT " + DefinitionColumns + " FROM definitions WHERE \"key\" = @key AND state = 'Published' ORDER BY version DESC LIMIT 1", "key");

    public static readonly Stmt SelectMaxVersion = new("SELECT COALESCE(MAX(version), 0) FROM definitions WHERE \"key\" = @key", "key");

    public static readonly Stmt SelectDefinitionsOfKey = new("SELECT " + DefinitionColumns + " FROM definitions WHERE \"key\" = @key", "key");

    public static readonly Stmt SelectAllDefinitions = new("SELECT " + DefinitionColumns + " FROM definitions");

    public const string HistoryColumns =
        "id, instance_id, \"at\", \"type\", element_id, element_name, execution_id, task_id, actor, \"comment\", \"data\"";

    public static readonly Stmt SelectHistory = new(
        "SELECT " + HistoryColumns + " FROM history_events WHERE instance_id = @instance_id ORDER BY id", "instance_id");

    public const string OutboxColumns =
        "id, kind, payload, idempotency_key, instance_id, created_at, dispatched_at, attempts, last_error, next_attempt_at, failed_at";

    public static readonly Stmt SelectPendingOutbox = new(
        "SELECT " + OutboxColumns + " FROM outbox WHERE " + OutboxPending + " ORDER BY created_at, id LIMIT @take", "take");

    public static readonly Stmt SelectDueOutbox = new(
        "SELECT " + OutboxColumns + " FROM outbox WHERE " + OutboxPending + " AND (next_attempt_at IS NULL OR next_attempt_at <= @now) ORDER BY created_at, id LIMIT @take",
        "now", "take");

    public static readonly Stmt SelectOutbox = new("SELECT " + OutboxColumns + " FROM outbox WHERE id = @id", "id");

    public static readonly Stmt SelectFailedOutbox = new(
        "SELECT " + OutboxColumns + " FROM outbox WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id LIMIT @take", "take");

    public static readonly Stmt SelectCopy = new("SELECT " + CopyColumns + " FROM task_copies WHERE id = @id", "id");

    public static readonly Stmt SelectRequest = new("SELECT " + RequestColumns + " FROM processed_requests WHERE actor = @actor AND request_id = @request_id", "actor", "request_id");

    /// <summary>Every table of the model (row counts in tests, diagnostics).</summary>
    public static readonly string[] Tables =
        ["definitions", "instances", "tasks", "task_candidates", "jobs", "subscriptions", "history_events", "outbox", "processed_requests", "task_copies"];
}
