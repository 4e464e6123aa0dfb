using Workflows.Host.Web.Localization;
using Icons = MudBlazor.Icons.Material.Filled;

namespace Workflows.Host.Web.Work;

/// <summary>What an operation's dialog asks for besides the comment.</summary>
[Flags]
public enum OperationFields
{
    None = 0,
    Vote = 1,
    Target = 2,
    UserName = 4,
    Position = 8,
    Readers = 16,
}

/// <summary>
/// One operation of a task (the names of <c>GET /api/tasks/{id}/detail</c>'s <c>operations</c>): its button, the
/// fields of its dialog, when its comment is required and the body of its <c>POST /api/tasks/{id}/{name}</c>.
/// </summary>
public sealed record TaskOperation(string Name, string Icon, OperationFields Fields, bool LeavesTask)
{
    public static readonly IReadOnlyList<TaskOperation> All =
    [
        new("claim", Icons.PanTool, OperationFields.None, LeavesTask: false),
        new("approve", Icons.CheckCircle, OperationFields.None, LeavesTask: true),
        new("vote", Icons.HowToVote, OperationFields.Vote, LeavesTask: true),
        new("reject", Icons.Cancel, OperationFields.None, LeavesTask: true),
        new("return", Icons.Undo, OperationFields.Target, LeavesTask: true),
        new("resolve", Icons.AssignmentReturn, OperationFields.None, LeavesTask: true),
        new("transfer", Icons.ForwardToInbox, OperationFields.UserName, LeavesTask: true),
        new("delegate", Icons.SupervisorAccount, OperationFields.UserName, LeavesTask: true),
        new("add-signer", Icons.PersonAdd, OperationFields.UserName | OperationFields.Position, LeavesTask: false),
        new("remove-signer", Icons.PersonRemove, OperationFields.UserName, LeavesTask: false),
        new("copy", Icons.Share, OperationFields.Readers, LeavesTask: false),
        new("urge", Icons.NotificationsActive, OperationFields.None, LeavesTask: false),
        new("comment", Icons.Comment, OperationFields.None, LeavesTask: false),
        new("release", Icons.LockOpen, OperationFields.None, LeavesTask: false),
    ];

    /// <summary>The operations the API named, in the order of <see cref="All"/> (unknown names are left out).</summary>
    public static IReadOnlyList<TaskOperation> Of(IEnumerable<string> names)
    {
        var set = names.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(o => set.Contains(o.Name))];
    }

    /// <summary>The id of the operation's button on the task page (the focus returns there when its dialog closes).</summary>
    public string ButtonId => $"operation-{Name}";

    /// <summary>True for the decisions that carry the node's comment rule.</summary>
    public bool IsDecision => Name is "approve" or "vote" or "reject" or "return";

    /// <summary>Whether the comment is required under the node's <c>commentRequired</c> (none, always, onreject).</summary>
    public bool CommentRequired(string? rule) => Name == "comment"
        || (rule == "always" && IsDecision)
        || (rule == "onreject" && Name is "reject" or "return");

    /// <summary>The button's text: 同意 is 提交 on the initiator's own task (filling in or correcting the nomination).</summary>
    public string Label(bool initiatorsOwnTask) =>
        Name == "approve" && initiatorsOwnTask ? UiText.Operations.SubmitInitiatorTask : UiText.Operations.Name(Name);

    /// <summary>The address of the operation.</summary>
    public string Path(Guid taskId) => $"/api/tasks/{taskId}/{Name}";

    /// <summary>The body of the operation's request.</summary>
    public object Body(OperationInput input) => BodyOf(Name, input);

    /// <summary>The body of a request to <c>POST …/{operation}</c> (the instance's withdraw and urge take the comment only).</summary>
    public static object BodyOf(string operation, OperationInput input) => operation switch
    {
        "vote" => new { vote = input.Vote, comment = input.Comment },
        "return" => new { target = input.Target, comment = input.Comment },
        "transfer" or "delegate" or "remove-signer" => new { userName = input.UserName?.Trim(), comment = input.Comment },
        "add-signer" => new { userName = input.UserName?.Trim(), position = input.Position, comment = input.Comment },
        "copy" => new { readers = input.Readers(), comment = input.Comment },
        "cancel" => new { reason = input.Comment },
        _ => new { comment = input.Comment },
    };
}

/// <summary>What the user entered in an operation's dialog.</summary>
public sealed class OperationInput
{
    public string? Comment { get; set; }
    public string? Vote { get; set; }
    public string? Target { get; set; }
    public string? UserName { get; set; }
    public string Position { get; set; } = "before";
    public string? ReaderNames { get; set; }

    /// <summary>The reader names, split at commas, 、 or spaces.</summary>
    public IReadOnlyList<string> Readers() =>
        [.. (ReaderNames ?? "").Split([',', '，', '、', ' ', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
