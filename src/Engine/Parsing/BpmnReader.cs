using System.Xml;
using System.Xml.Linq;
using Workflows.Engine.Model;
using Workflows.Engine.Time;

namespace Workflows.Engine.Parsing;

/// <summary>The processes read from one file and every problem found.</summary>
public sealed record BpmnParseResult(IReadOnlyList<ProcessModel> Processes, IReadOnlyList<BpmnProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads BPMN 2.0 XML safely (no DTD, no external entities, bounded size) and compiles each executable
/// process into an immutable <see cref="ProcessModel"/>. Every element the engine cannot execute is
/// reported with its id and line, so a definition is refused at deploy rather than stuck at run time.
/// </summary>
public sealed class BpmnReader(BpmnReaderOptions? options = null)
{
    private readonly BpmnReaderOptions _options = options ?? new BpmnReaderOptions();

    private static readonly HashSet<string> IgnoredProcessChildren = new(StringComparer.Ordinal)
    {
        "sequenceFlow", "laneSet", "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation",
        "association", "group", "documentation", "extensionElements", "ioSpecification", "property", "category",
        "auditing", "monitoring", "supportedInterfaceRef", "correlationSubscription", "resourceRole", "performer",
        "potentialOwner", "humanPerformer", "incoming", "outgoing", "multiInstanceLoopCharacteristics",
        "standardLoopCharacteristics", "dataInputAssociation", "dataOutputAssociation", "lane", "flowNodeRef",
    };

    private static readonly Dictionary<string, NodeKind> NodeKinds = new(StringComparer.Ordinal)
    {
        ["startEvent"] = NodeKind.StartEvent,
        ["endEvent"] = NodeKind.EndEvent,
        ["intermediateCatchEvent"] = NodeKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = NodeKind.IntermediateThrowEvent,
        ["boundaryEvent"] = NodeKind.BoundaryEvent,
        ["task"] = NodeKind.Task,
        ["userTask"] = NodeKind.UserTask,
        ["manualTask"] = NodeKind.ManualTask,
        ["serviceTask"] = NodeKind.ServiceTask,
        ["sendTask"] = NodeKind.SendTask,
        ["scriptTask"] = NodeKind.ScriptTask,
        ["receiveTask"] = NodeKind.ReceiveTask,
        ["exclusiveGateway"] = NodeKind.ExclusiveGateway,
        ["parallelGateway"] = NodeKind.ParallelGateway,
        ["inclusiveGateway"] = NodeKind.InclusiveGateway,
        ["eventBasedGateway"] = NodeKind.EventBasedGateway,
        ["subProcess"] = NodeKind.SubProcess,
        ["callActivity"] = NodeKind.CallActivity,
    };

    private static readonly Dictionary<string, string> UnsupportedElements = new(StringComparer.Ordinal)
    {
        ["businessRuleTask"] = "business rule tasks (DMN) are not executed; use a service task with an activity type",
        ["transaction"] = "transaction sub-processes are not executed; use an embedded sub-process",
        ["adHocSubProcess"] = "ad-hoc sub-processes are not executed",
        ["complexGateway"] = "complex gateways are not executed; use an inclusive or exclusive gateway",
        ["callChoreography"] = "choreographies are not executed",
        ["subChoreography"] = "choreographies are not executed",
        ["choreographyTask"] = "choreographies are not executed",
        ["implicitThrowEvent"] = "implicit throw events are not executed",
    };

    /// <summary>Reads a BPMN document from a string.</summary>
    public BpmnParseResult Read(string xml)
    {
        if (xml.Length > _options.MaxDocumentCharacters)
        {
            return Fail(null, 0, $"The document has {xml.Length:N0} characters; the limit is {_options.MaxDocumentCharacters:N0}. Split the model or raise Workflows:Bpmn:MaxDocumentCharacters.");
        }

        var settings = XmlSettings();
        var sawDoctype = xml.Contains("<!DOCTYPE", StringComparison.Ordinal);
        if (!sawDoctype && BpmnLimits.Check(xml, settings, _options) is { } refusal)
        {
            return new BpmnParseResult([], [refusal]);
        }

        using var reader = new StringReader(xml);
        return Read(reader, settings, sawDoctype);
    }

    /// <summary>Reads a BPMN document from a text reader (at most the character limit plus one is read before the checks).</summary>
    public BpmnParseResult Read(TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new char[checked((int)Math.Min(_options.MaxDocumentCharacters + 1, Array.MaxLength))];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = text.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return Read(new string(buffer, 0, length));
    }

    private XmlReaderSettings XmlSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = _options.MaxDocumentCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private BpmnParseResult Read(TextReader text, XmlReaderSettings settings, bool sawDoctype)
    {
        XDocument document;
        try
        {
            using var xmlReader = XmlReader.Create(text, settings);
            document = XDocument.Load(xmlReader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (sawDoctype || ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(null, ex.LineNumber, "The document declares a DTD (<!DOCTYPE>). DTDs and entities are refused because they allow XXE and entity-expansion attacks; remove the DOCTYPE.");
        }
        catch (XmlException ex) when (ex.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal) || ex.Message.Contains("exceeds", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(null, ex.LineNumber, $"The document is larger than the limit of {_options.MaxDocumentCharacters:N0} characters.");
        }
        catch (XmlException ex)
        {
            return Fail(null, ex.LineNumber, $"The document is not well-formed XML: {ex.Message}");
        }

        var root = document.Root!;
        if (root.Name != BpmnNamespaces.Model + "definitions")
        {
            return Fail(null, LineOf(root), $"The root element is <{root.Name.LocalName}> in namespace '{root.Name.NamespaceName}'; a BPMN 2.0 file starts with <definitions> in namespace '{BpmnNamespaces.Model.NamespaceName}'.");
        }

        var context = new ParseContext(root, _options);
        var processElements = root.Elements(BpmnNamespaces.Model + "process").ToList();
        if (processElements.Count == 0)
        {
            context.Problem(null, LineOf(root), "The file contains no <process>. Draw at least one process.");
            return new BpmnParseResult([], context.Problems);
        }

        var marked = processElements.Where(p => (string?)p.Attribute("isExecutable") == "true").ToList();
        var candidates = marked.Count > 0 ? marked : processElements;
        var processes = new List<ProcessModel>();
        foreach (var element in candidates)
        {
            var model = new ProcessReader(context, element).Read();
            if (model is not null)
            {
                processes.Add(model);
            }
        }

        return new BpmnParseResult(processes, context.Problems.OrderBy(p => p.Line).ToList());
    }

    private static BpmnParseResult Fail(string? id, int line, string message) => new([], [new BpmnProblem(id, line, message)]);

    internal static int LineOf(XObject element) => element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>State shared by the processes of one file: messages, errors and problems.</summary>
    private sealed class ParseContext
    {
        public ParseContext(XElement root, BpmnReaderOptions options)
        {
            Options = options;
            foreach (var message in root.Elements(BpmnNamespaces.Model + "message"))
            {
                var id = (string?)message.Attribute("id");
                if (id is not null)
                {
                    Messages[id] = (string?)message.Attribute("name") ?? id;
                }
            }

            foreach (var error in root.Elements(BpmnNamespaces.Model + "error"))
            {
                var id = (string?)error.Attribute("id");
                if (id is not null)
                {
                    Errors[id] = ((string?)error.Attribute("errorCode") ?? id, (string?)error.Attribute("name"));
                }
            }
        }

        public BpmnReaderOptions Options { get; }
        public Dictionary<string, string> Messages { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (string Code, string? Name)> Errors { get; } = new(StringComparer.Ordinal);
        public List<BpmnProblem> Problems { get; } = [];

        public void Problem(string? id, int line, string message) => Problems.Add(new BpmnProblem(id, line, message));

        public void Problem(XElement element, string message) => Problem((string?)element.Attribute("id"), LineOf(element), message);

        public void CheckSyntax(XElement element, string? text, bool isScript, string what)
        {
            if (text is null || Options.SyntaxCheck is null)
            {
                return;
            }

            var error = Options.SyntaxCheck(text, isScript);
            if (error is not null)
            {
                Problem(element, $"The {what} '{Shorten(text)}' is not valid: {error}");
            }
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
    }

    /// <summary>Reads one process, recursively through its sub-processes.</summary>
    private sealed class ProcessReader(ParseContext context, XElement processElement)
    {
        private readonly List<(XElement Element, BoundaryEventNode Node, string AttachedTo)> _boundaries = [];
        private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
        private readonly HashSet<SubProcessNode> _eventSubProcesses = [];
        private readonly List<(XElement Element, FlowNode Node, string DefaultFlowId)> _defaults = [];
        private ProcessModel _model = null!;
        private int _problemsBefore;

        public ProcessModel? Read()
        {
            _problemsBefore = context.Problems.Count;
            var key = (string?)processElement.Attribute("id");
            if (string.IsNullOrWhiteSpace(key))
            {
                context.Problem(null, LineOf(processElement), "A <process> has no id. Give it an id: it becomes the definition key.");
                return null;
            }

            _model = new ProcessModel
            {
                Key = key,
                Name = (string?)processElement.Attribute("name"),
                Start = StartRuleReader.Read(processElement, message => context.Problem(processElement, message)),
            };
            ReadScope(processElement, _model, null);

            foreach (var (element, node, attachedTo) in _boundaries)
            {
                if (!_model.NodesById.TryGetValue(attachedTo, out var host) || !host.IsActivity)
                {
                    context.Problem(element, $"attachedToRef '{attachedTo}' does not name an activity of this process. Attach the boundary event to a task, sub-process or call activity.");
                    continue;
                }

                if (host.Scope != node.Scope)
                {
                    context.Problem(element, "The boundary event and its activity must be in the same scope.");
                    continue;
                }

                node.AttachedTo = host;
                host.Boundaries.Add(node);
            }

            foreach (var (element, node, flowId) in _defaults)
            {
                var flow = node.Outgoing.FirstOrDefault(f => f.Id == flowId);
                if (flow is null)
                {
                    context.Problem(element, $"The default flow '{flowId}' is not an outgoing sequence flow of this element. Choose one of its outgoing flows.");
                    continue;
                }

                flow.IsDefault = true;
                node.DefaultFlow = flow;
            }

            if (_model.NoneStartEvents.Count == 0 && _model.MessageStartEvents.Count == 0 && _model.TimerStartEvents.Count == 0)
            {
                context.Problem(key, LineOf(processElement), "The process has no start event. Add a none, message or timer start event.");
            }

            ValidateNodes();
            if (context.Problems.Count > _problemsBefore)
            {
                return null;
            }

            ComputeReachability();
            ValidateRejectTargets();
            if (context.Problems.Count > _problemsBefore)
            {
                return null;
            }

            return _model;
        }

        /// <summary>A rejection returns only to a user task of its own scope from which the rejecting task can be reached.</summary>
        private void ValidateRejectTargets()
        {
            foreach (var node in _model.NodesById.Values.OfType<UserTaskNode>())
            {
                if (node.RejectAction != RejectAction.Return || node.RejectTo is not { } to || to == UserTaskNode.RejectToInitiator)
                {
                    continue;
                }

                if (!_model.NodesById.TryGetValue(to, out var target) || target is not UserTaskNode)
                {
                    context.Problem(node.Id, node.Line, $"wf:rejectTo '{to}' is not a user task of this process. Name an earlier user task, or initiator.");
                }
                else if (target.Scope != node.Scope || target == node || !_model.CanReach(target, node))
                {
                    context.Problem(node.Id, node.Line, $"wf:rejectTo '{to}' is not an earlier user task of the same (sub-)process: '{node.Id}' cannot be reached from it. Name a user task that comes before, or initiator.");
                }
            }
        }

        private void ReadScope(XElement scopeElement, IFlowScope scope, SubProcessNode? subProcess)
        {
            var flows = new List<XElement>();
            foreach (var child in scopeElement.Elements())
            {
                if (child.Name.Namespace != BpmnNamespaces.Model)
                {
                    continue; // foreign extension elements outside extensionElements are not flow nodes
                }

                var local = child.Name.LocalName;
                if (local == "sequenceFlow")
                {
                    flows.Add(child);
                }
                else if (NodeKinds.TryGetValue(local, out var kind))
                {
                    var node = ReadNode(child, kind);
                    if (node is null)
                    {
                        continue;
                    }

                    node.Scope = scope;
                    node.Index = _model.NodesById.Count;
                    if (!_model.NodesById.TryAdd(node.Id, node))
                    {
                        context.Problem(child, $"The id '{node.Id}' is used twice. Ids must be unique in the file.");
                        continue;
                    }

                    if (subProcess is null)
                    {
                        _model.Nodes.Add(node);
                    }
                    else
                    {
                        subProcess.Nodes.Add(node);
                    }

                    if (kind == NodeKind.StartEvent)
                    {
                        RegisterStart(child, node, scope, subProcess);
                    }

                    if (node is SubProcessNode nested)
                    {
                        ReadScope(child, nested, nested);
                    }
                }
                else if (UnsupportedElements.TryGetValue(local, out var why))
                {
                    context.Problem(child, $"<{local}> is not supported: {why}.");
                    RefuseTree(child);
                }
                else if (!IgnoredProcessChildren.Contains(local))
                {
                    context.Problem(child, $"<{local}> is not a BPMN element this engine executes. Remove it or replace it with a supported element.");
                    RefuseTree(child);
                }
            }

            foreach (var flowElement in flows)
            {
                ReadFlow(flowElement, scope);
            }
        }

        private void RefuseTree(XElement element)
        {
            foreach (var e in element.DescendantsAndSelf())
            {
                if ((string?)e.Attribute("id") is { } id)
                {
                    _refused.Add(id);
                }
            }
        }

        private void RegisterStart(XElement element, FlowNode node, IFlowScope scope, SubProcessNode? subProcess)
        {
            switch (node.EventDefinition)
            {
                case null:
                    if (subProcess is null)
                    {
                        _model.NoneStartEvents.Add(node);
                    }
                    else
                    {
                        subProcess.NoneStartEvents.Add(node);
                    }

                    break;
                case MessageEventDefinition when subProcess is null:
                    _model.MessageStartEvents.Add(node);
                    break;
                case TimerEventDefinition when subProcess is null:
                    _model.TimerStartEvents.Add(node);
                    break;
                default:
                    if (subProcess is not null && _eventSubProcesses.Contains(subProcess))
                    {
                        break; // the event sub-process itself is already reported
                    }

                    context.Problem(element, subProcess is null
                        ? "This start event trigger is not supported. Use a none, message or timer start event."
                        : "An embedded sub-process must start with a none start event. Remove the trigger from this start event.");
                    break;
            }

            _ = scope;
        }

        private void ReadFlow(XElement element, IFlowScope scope)
        {
            var id = (string?)element.Attribute("id") ?? "";
            var sourceId = (string?)element.Attribute("sourceRef");
            var targetId = (string?)element.Attribute("targetRef");
            if (sourceId is not null && targetId is not null && (_refused.Contains(sourceId) || _refused.Contains(targetId)))
            {
                return; // its end is already reported as unsupported
            }

            if (sourceId is null || targetId is null || !_model.NodesById.TryGetValue(sourceId, out var source) || !_model.NodesById.TryGetValue(targetId, out var target))
            {
                context.Problem(element, $"The sequence flow connects '{sourceId}' to '{targetId}', but one of them is not a node of this process. Reconnect both ends.");
                return;
            }

            if (source.Scope != scope || target.Scope != scope)
            {
                context.Problem(element, "A sequence flow may not cross a sub-process boundary. Connect nodes of the same scope.");
                return;
            }

            var conditionElement = element.Element(BpmnNamespaces.Model + "conditionExpression");
            var condition = conditionElement?.Value.Trim();
            if (string.IsNullOrEmpty(condition))
            {
                condition = null;
            }

            if (conditionElement is not null && condition is not null)
            {
                var language = (string?)conditionElement.Attribute("language");
                if (condition.StartsWith('='))
                {
                    context.Problem(element, "FEEL conditions (Camunda 8 / Zeebe, starting with '=') are not supported. Write the condition as a ${...} JavaScript expression.");
                }
                else if (language is not null && !IsJavaScript(language))
                {
                    context.Problem(element, $"The condition language '{language}' is not supported. Write the condition as a ${{...}} JavaScript expression.");
                }
                else
                {
                    context.CheckSyntax(element, condition, false, "condition");
                }
            }

            if (!_model.FlowsById.TryAdd(id, null!))
            {
                context.Problem(element, $"The id '{id}' is used twice. Ids must be unique in the file.");
                return;
            }

            var flow = new SequenceFlow
            {
                Id = id,
                Name = (string?)element.Attribute("name"),
                Line = LineOf(element),
                Source = source,
                Target = target,
                Condition = condition,
            };
            _model.FlowsById[id] = flow;
            source.Outgoing.Add(flow);
            target.Incoming.Add(flow);
        }

        private FlowNode? ReadNode(XElement element, NodeKind kind)
        {
            var id = (string?)element.Attribute("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                context.Problem(null, LineOf(element), $"A <{element.Name.LocalName}> has no id. Give every element an id.");
                return null;
            }

            var line = LineOf(element);
            var name = (string?)element.Attribute("name");
            var extensions = ReadExtensions(element);
            var multiInstance = ReadMultiInstance(element);
            if (element.Element(BpmnNamespaces.Model + "standardLoopCharacteristics") is { } loop)
            {
                context.Problem(element, "Standard loops are not supported. Use multi-instance (sequential) or a gateway loop.");
                _ = loop;
            }

            var eventDefinition = kind is NodeKind.StartEvent or NodeKind.EndEvent or NodeKind.IntermediateCatchEvent
                or NodeKind.IntermediateThrowEvent or NodeKind.BoundaryEvent
                ? ReadEventDefinition(element, kind)
                : null;

            if (kind == NodeKind.ReceiveTask)
            {
                var messageName = ResolveMessage(element, (string?)element.Attribute("messageRef"));
                eventDefinition = messageName is null ? null : new MessageEventDefinition(messageName, CorrelationKeyOf(element, null));
                if (messageName is null)
                {
                    context.Problem(element, "The receive task names no message. Set messageRef to a <message>.");
                }
            }

            var asyncAfter = Camunda(element, "asyncAfter");
            _ = asyncAfter;
            if (Camunda(element, "class") is not null || Camunda(element, "delegateExpression") is not null)
            {
                context.Problem(element, "Java delegates (camunda:class, camunda:delegateExpression) cannot run here. Name an activity type with wf:activityType.");
            }

            if (Camunda(element, "type") == "external" || (element.Element(BpmnNamespaces.Model + "extensionElements")?.Elements().Any(d => d.Name.LocalName == "taskDefinition") ?? false))
            {
                context.Problem(element, "External task workers (camunda:type=\"external\", zeebe:taskDefinition) are not supported. Name an activity type with wf:activityType.");
            }

            switch (kind)
            {
                case NodeKind.UserTask:
                    var timeoutText = Ours(element, "timeoutAction");
                    var timeoutAction = TaskTimeoutAction.None;
                    if (timeoutText is not null && !Enum.TryParse(timeoutText, ignoreCase: true, out timeoutAction))
                    {
                        context.Problem(element, $"wf:timeoutAction '{timeoutText}' is not one of remind, approve, reject, escalate.");
                    }

                    if (timeoutAction == TaskTimeoutAction.Escalate && Ours(element, "escalateTo") is null)
                    {
                        context.Problem(element, "wf:timeoutAction=\"escalate\" needs wf:escalateTo naming the role that takes the task over.");
                    }

                    if (timeoutAction != TaskTimeoutAction.None && Camunda(element, "dueDate") is null && Ours(element, "dueDate") is null)
                    {
                        context.Problem(element, "A timeout action needs a due date (camunda:dueDate or wf:dueDate, e.g. P5WD).");
                    }

                    var methodText = Ours(element, "approvalMethod");
                    var method = ApprovalMethod.Single;
                    if (methodText is not null && !Enum.TryParse(methodText, ignoreCase: true, out method))
                    {
                        context.Problem(element, $"wf:approvalMethod '{methodText}' is not one of single, countersign (会签), anyone (或签), sequential (依次).");
                    }

                    var passRatio = 1.0;
                    if (Ours(element, "passRatio") is { } ratioText && !TryParseRatio(ratioText, out passRatio))
                    {
                        context.Problem(element, $"wf:passRatio '{ratioText}' is not a share such as 2/3, 0.5 or 60%.");
                    }

                    var approvers = Ours(element, "approvers");
                    if (method != ApprovalMethod.Single)
                    {
                        if (approvers is null && multiInstance?.Collection is null)
                        {
                            context.Problem(element, $"wf:approvalMethod=\"{methodText}\" needs wf:approvers: the list of approvers, e.g. ${{committee}}.");
                        }
                        else if (approvers is not null)
                        {
                            multiInstance = new MultiInstanceCharacteristics
                            {
                                IsSequential = method == ApprovalMethod.Sequential,
                                Collection = approvers,
                                ElementVariable = "approver",
                            };
                        }
                    }

                    var commentText = Ours(element, "commentRequired");
                    var commentRequired = commentText?.Trim().ToLowerInvariant() switch
                    {
                        null or "false" => CommentRequirement.None,
                        "true" => CommentRequirement.Always,
                        "reject" => CommentRequirement.OnReject,
                        _ => (CommentRequirement?)null,
                    };
                    if (commentRequired is null)
                    {
                        context.Problem(element, $"wf:commentRequired '{commentText}' is not one of true, false, reject (a comment required on rejecting and returning only).");
                    }

                    var rejectActionText = Ours(element, "rejectAction");
                    var rejectTo = Ours(element, "rejectTo");
                    var rejectAction = rejectTo is null ? RejectAction.Outcome : RejectAction.Return;
                    if (rejectActionText is not null && !Enum.TryParse(rejectActionText, ignoreCase: true, out rejectAction))
                    {
                        context.Problem(element, $"wf:rejectAction '{rejectActionText}' is not one of outcome (set the outcome variable to false and move on), end (end the process), return (go back to wf:rejectTo).");
                    }
                    else if (rejectAction == RejectAction.Return && string.IsNullOrWhiteSpace(rejectTo))
                    {
                        context.Problem(element, "wf:rejectAction=\"return\" needs wf:rejectTo: the id of an earlier user task, or initiator.");
                    }
                    else if (rejectAction != RejectAction.Return && rejectTo is not null)
                    {
                        context.Problem(element, $"wf:rejectTo is only used with wf:rejectAction=\"return\", not \"{rejectActionText}\". Remove one of them.");
                    }
                    else if (method != ApprovalMethod.Single && (rejectActionText is not null || rejectTo is not null))
                    {
                        context.Problem(element, "wf:rejectAction and wf:rejectTo do not apply to an approval vote: there a rejection is a vote against. Remove them, or route on the outcome after the vote.");
                    }

                    var assignee = Camunda(element, "assignee") ?? Ours(element, "assignee");
                    var candidateUsers = Camunda(element, "candidateUsers") ?? Ours(element, "candidateUsers");
                    var candidateGroups = Camunda(element, "candidateGroups") ?? Ours(element, "candidateRoles");
                    CheckTemplate(element, assignee, "assignee");
                    CheckTemplate(element, candidateUsers, "candidate users");
                    CheckTemplate(element, candidateGroups, "candidate groups");
                    CheckDuration(element, Camunda(element, "dueDate") ?? Ours(element, "dueDate"), allowDate: true);
                    CheckDuration(element, Ours(element, "remindBefore"), allowDate: false);
                    CheckDuration(element, Ours(element, "remindEvery"), allowDate: false);
                    return new UserTaskNode
                    {
                        RemindBefore = Ours(element, "remindBefore"),
                        RemindEvery = Ours(element, "remindEvery"),
                        TimeoutAction = timeoutAction,
                        EscalateTo = Ours(element, "escalateTo"),
                        OutcomeVariable = Ours(element, "outcomeVariable") ?? "approved",
                        ApprovalMethod = method,
                        PassRatio = passRatio,
                        TallyVariable = Ours(element, "tallyVariable") ?? id + "Tally",
                        CommentRequired = commentRequired ?? CommentRequirement.None,
                        RejectAction = rejectAction,
                        RejectTo = rejectTo?.Trim(),
                        Id = id, Name = name, Line = line, Kind = kind, Extensions = extensions, MultiInstance = multiInstance,
                        Assignee = assignee ?? (method != ApprovalMethod.Single && approvers is not null ? "${approver}" : null),
                        CandidateUsers = SplitList(candidateUsers),
                        CandidateGroups = SplitList(candidateGroups),
                        FormKey = Camunda(element, "formKey") ?? Ours(element, "formKey"),
                        DueDate = Camunda(element, "dueDate") ?? Ours(element, "dueDate"),
                        Priority = Camunda(element, "priority"),
                    };
                case NodeKind.ServiceTask:
                case NodeKind.SendTask:
                    {
                        var activityType = Ours(element, "activityType");
                        var expression = Camunda(element, "expression");
                        string? messageName = null;
                        if (kind == NodeKind.SendTask)
                        {
                            messageName = ResolveMessage(element, (string?)element.Attribute("messageRef"));
                        }

                        if (activityType is null && expression is null && messageName is null)
                        {
                            context.Problem(element, kind == NodeKind.SendTask
                                ? "The send task names neither a message (messageRef) nor an activity type (wf:activityType). Set one."
                                : "The service task names no activity type. Set wf:activityType to an activity of the catalog, or camunda:expression.");
                        }
                        else if (activityType is not null && context.Options.IsKnownActivityType is { } known && !known(activityType))
                        {
                            context.Problem(element, $"The activity type '{activityType}' is not in the activity catalog. Choose a registered activity type.");
                        }

                        context.CheckSyntax(element, expression, false, "expression");
                        var (inputs, outputs) = ReadInputOutput(element);
                        return new ServiceTaskNode
                        {
                            Id = id, Name = name, Line = line, Kind = kind, Extensions = extensions, MultiInstance = multiInstance,
                            ActivityType = activityType, Expression = expression, ResultVariable = Camunda(element, "resultVariable"),
                            Inputs = inputs, Outputs = outputs, MessageName = messageName,
                        };
                    }

                case NodeKind.ScriptTask:
                    {
                        var format = (string?)element.Attribute("scriptFormat");
                        var script = element.Element(BpmnNamespaces.Model + "script")?.Value;
                        if (format is not null && !IsJavaScript(format))
                        {
                            context.Problem(element, $"The script format '{format}' is not supported. Write the script in JavaScript (scriptFormat=\"javascript\").");
                        }

                        if (string.IsNullOrWhiteSpace(script))
                        {
                            if (Camunda(element, "resource") is not null)
                            {
                                context.Problem(element, "External script resources are not supported. Put the script inline in <script>.");
                            }
                            else
                            {
                                context.Problem(element, "The script task has no <script>. Write the script inline.");
                            }

                            script = "";
                        }
                        else
                        {
                            context.CheckSyntax(element, script, true, "script");
                        }

                        return new ScriptTaskNode
                        {
                            Id = id, Name = name, Line = line, Kind = kind, Extensions = extensions, MultiInstance = multiInstance,
                            Script = script, ScriptFormat = format, ResultVariable = Camunda(element, "resultVariable"),
                        };
                    }

                case NodeKind.SubProcess:
                    var subProcessNode = new SubProcessNode { Id = id, Name = name, Line = line, Kind = kind, Extensions = extensions, MultiInstance = multiInstance };
                    if ((string?)element.Attribute("triggeredByEvent") == "true")
                    {
                        context.Problem(element, "Event sub-processes are not supported. Use boundary events on an embedded sub-process.");
                        _eventSubProcesses.Add(subProcessNode);
                    }

                    return subProcessNode;
                case NodeKind.CallActivity:
                    {
                        var called = (string?)element.Attribute("calledElement");
                        if (string.IsNullOrWhiteSpace(called))
                        {
                            context.Problem(element, "The call activity names no process. Set calledElement to the key of a published process.");
                            called = "";
                        }

                        var ext = element.Element(BpmnNamespaces.Model + "extensionElements");
                        var ins = new List<VariableMapping>();
                        var outs = new List<VariableMapping>();
                        bool allIn = false, allOut = false;
                        string? businessKey = null;
                        foreach (var mapping in ext?.Elements() ?? [])
                        {
                            if (mapping.Name != BpmnNamespaces.Camunda + "in" && mapping.Name != BpmnNamespaces.Camunda + "out"
                                && mapping.Name != BpmnNamespaces.Workflows + "in" && mapping.Name != BpmnNamespaces.Workflows + "out")
                            {
                                continue;
                            }

                            var isIn = mapping.Name.LocalName == "in";
                            if ((string?)mapping.Attribute("variables") == "all")
                            {
                                if (isIn) { allIn = true; } else { allOut = true; }
                                continue;
                            }

                            if ((string?)mapping.Attribute("businessKey") is { } bk && isIn)
                            {
                                businessKey = bk;
                                continue;
                            }

                            var target = (string?)mapping.Attribute("target");
                            var source = (string?)mapping.Attribute("source");
                            var sourceExpression = (string?)mapping.Attribute("sourceExpression");
                            if (target is null || (source is null && sourceExpression is null))
                            {
                                context.Problem(element, $"A <{mapping.Name.LocalName}> mapping needs target and source (or sourceExpression).");
                                continue;
                            }

                            context.CheckSyntax(element, sourceExpression, false, "mapping expression");
                            (isIn ? ins : outs).Add(new VariableMapping(source, sourceExpression, target));
                        }

                        return new CallActivityNode
                        {
                            Id = id, Name = name, Line = line, Kind = kind, Extensions = extensions, MultiInstance = multiInstance,
                            CalledElement = called, InMappings = ins, OutMappings = outs, PassAllIn = allIn, PassAllOut = allOut,
                            BusinessKey = businessKey,
                        };
                    }

                case NodeKind.BoundaryEvent:
                    {
                        var node = new BoundaryEventNode
                        {
                            Id = id, Name = name, Line = line, Kind = kind, Extensions = extensions, EventDefinition = eventDefinition,
                            CancelActivity = (string?)element.Attribute("cancelActivity") != "false",
                        };
                        if (eventDefinition is ErrorEventDefinition && !node.CancelActivity)
                        {
                            context.Problem(element, "An error boundary event always interrupts its activity. Set cancelActivity to true.");
                        }

                        var attached = (string?)element.Attribute("attachedToRef");
                        if (attached is null)
                        {
                            context.Problem(element, "The boundary event has no attachedToRef. Attach it to an activity.");
                        }
                        else
                        {
                            _boundaries.Add((element, node, attached));
                        }

                        return node;
                    }

                default:
                    {
                        if (multiInstance is not null && !(kind is NodeKind.Task or NodeKind.ManualTask or NodeKind.ReceiveTask))
                        {
                            context.Problem(element, "Multi-instance is only supported on activities.");
                        }

                        var node = new FlowNode
                        {
                            Id = id, Name = name, Line = line, Kind = kind, Extensions = extensions, MultiInstance = multiInstance,
                            EventDefinition = eventDefinition,
                        };
                        if (kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway && (string?)element.Attribute("default") is { } defaultFlow)
                        {
                            _defaults.Add((element, node, defaultFlow));
                        }

                        return node;
                    }
            }
        }

        private EventDefinition? ReadEventDefinition(XElement element, NodeKind kind)
        {
            var definitions = element.Elements().Where(e => e.Name.Namespace == BpmnNamespaces.Model && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
            if (element.Elements(BpmnNamespaces.Model + "eventDefinitionRef").Any())
            {
                context.Problem(element, "Event definitions by reference (eventDefinitionRef) are not supported. Define the trigger inside the event.");
            }

            if (definitions.Count == 0)
            {
                if (kind is NodeKind.IntermediateCatchEvent or NodeKind.BoundaryEvent)
                {
                    context.Problem(element, "This event waits for nothing: it has no event definition. Add a message or timer event definition.");
                }

                return null;
            }

            if (definitions.Count > 1)
            {
                context.Problem(element, "Multiple event definitions on one event are not supported. Use an event-based gateway or separate events.");
                return null;
            }

            var definition = definitions[0];
            switch (definition.Name.LocalName)
            {
                case "messageEventDefinition":
                    {
                        var message = ResolveMessage(element, (string?)definition.Attribute("messageRef"));
                        if (message is null)
                        {
                            context.Problem(element, "The message event names no message. Set messageRef to a <message> with a name.");
                            return null;
                        }

                        if (kind is NodeKind.EndEvent or NodeKind.IntermediateThrowEvent)
                        {
                            return new MessageEventDefinition(message, null);
                        }

                        return new MessageEventDefinition(message, CorrelationKeyOf(element, definition));
                    }

                case "errorEventDefinition":
                    if (kind is not (NodeKind.EndEvent or NodeKind.BoundaryEvent))
                    {
                        context.Problem(element, "Error events are supported as end events and boundary events only.");
                        return null;
                    }

                    var errorRef = (string?)definition.Attribute("errorRef");
                    if (errorRef is null)
                    {
                        if (kind == NodeKind.EndEvent)
                        {
                            context.Problem(element, "The error end event names no error. Set errorRef to an <error> with an errorCode.");
                        }

                        return new ErrorEventDefinition(null, null);
                    }

                    if (!context.Errors.TryGetValue(errorRef, out var error))
                    {
                        context.Problem(element, $"errorRef '{errorRef}' names no <error> of this file. Declare the error.");
                        return null;
                    }

                    return new ErrorEventDefinition(error.Code, error.Name);
                case "terminateEventDefinition":
                    if (kind != NodeKind.EndEvent)
                    {
                        context.Problem(element, "Terminate is an end event trigger only.");
                        return null;
                    }

                    return new TerminateEventDefinition();
                case "timerEventDefinition":
                    return ReadTimer(element, definition, kind);
                default:
                    var what = definition.Name.LocalName.Replace("EventDefinition", "", StringComparison.Ordinal);
                    context.Problem(element, $"{what} events are not supported. Use message, error or terminate events.");
                    return null;
            }
        }

        private TimerEventDefinition? ReadTimer(XElement element, XElement definition, NodeKind kind)
        {
            if (kind is NodeKind.EndEvent or NodeKind.IntermediateThrowEvent)
            {
                context.Problem(element, "A timer can only be caught: use it on a start, intermediate catch or boundary event.");
                return null;
            }

            string? Text(string name) => definition.Element(BpmnNamespaces.Model + name)?.Value.Trim() is { Length: > 0 } t ? t : null;
            var date = Text("timeDate");
            var duration = Text("timeDuration");
            var cycle = Text("timeCycle");
            var given = new[] { date, duration, cycle }.Count(t => t is not null);
            if (given != 1)
            {
                context.Problem(element, "A timer needs exactly one of timeDate, timeDuration or timeCycle.");
                return null;
            }

            var text = (date ?? duration ?? cycle)!;
            if (ExpressionText(text))
            {
                context.CheckSyntax(element, text, false, "timer expression");
            }
            else
            {
                try
                {
                    _ = date is not null ? TimerSchedule.Date(text) : duration is not null ? TimerSchedule.ForDuration(text) : TimerSchedule.Cycle(text);
                }
                catch (FormatException ex)
                {
                    context.Problem(element, ex.Message);
                    return null;
                }
            }

            if (cycle is not null && kind == NodeKind.IntermediateCatchEvent)
            {
                context.Problem(element, "An intermediate timer waits once: use timeDate or timeDuration, not a cycle.");
                return null;
            }

            return new TimerEventDefinition(date, duration, cycle);
        }

        private void CheckDuration(XElement element, string? text, bool allowDate)
        {
            if (text is null || ExpressionText(text))
            {
                context.CheckSyntax(element, text, false, "duration expression");
                return;
            }

            try
            {
                if (allowDate && !text.StartsWith('P'))
                {
                    TimerSchedule.Date(text);
                }
                else
                {
                    TimerSchedule.ForDuration(text);
                }
            }
            catch (FormatException ex)
            {
                context.Problem(element, ex.Message);
            }
        }

        private static bool TryParseRatio(string text, out double ratio)
        {
            var t = text.Trim();
            var ok = false;
            ratio = 0;
            if (t.EndsWith('%') && double.TryParse(t[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var percent))
            {
                ratio = percent / 100;
                ok = true;
            }
            else if (t.Split('/') is [var a, var b] && double.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out var num) && double.TryParse(b, System.Globalization.CultureInfo.InvariantCulture, out var den) && den > 0)
            {
                ratio = num / den;
                ok = true;
            }
            else if (double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var plain))
            {
                ratio = plain;
                ok = true;
            }

            return ok && ratio is > 0 and <= 1;
        }

        private static bool ExpressionText(string text) => text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal);

        private string? ResolveMessage(XElement element, string? messageRef)
        {
            if (messageRef is null)
            {
                return null;
            }

            if (!context.Messages.TryGetValue(messageRef, out var name))
            {
                context.Problem(element, $"messageRef '{messageRef}' names no <message> of this file. Declare the message.");
                return null;
            }

            return name;
        }

        private string? CorrelationKeyOf(XElement element, XElement? definition)
        {
            var key = Ours(element, "correlationKey") ?? (definition is null ? null : (string?)definition.Attribute(BpmnNamespaces.Workflows + "correlationKey"));
            context.CheckSyntax(element, key, false, "correlation key");
            return key;
        }

        private MultiInstanceCharacteristics? ReadMultiInstance(XElement element)
        {
            var mi = element.Element(BpmnNamespaces.Model + "multiInstanceLoopCharacteristics");
            if (mi is null)
            {
                return null;
            }

            var cardinality = mi.Element(BpmnNamespaces.Model + "loopCardinality")?.Value.Trim();
            var completion = mi.Element(BpmnNamespaces.Model + "completionCondition")?.Value.Trim();
            var collection = (string?)mi.Attribute(BpmnNamespaces.Camunda + "collection") ?? (string?)mi.Attribute(BpmnNamespaces.Workflows + "collection");
            var elementVariable = (string?)mi.Attribute(BpmnNamespaces.Camunda + "elementVariable") ?? (string?)mi.Attribute(BpmnNamespaces.Workflows + "elementVariable");
            if (mi.Element(BpmnNamespaces.Model + "loopDataInputRef") is { } dataInput && collection is null)
            {
                collection = dataInput.Value.Trim();
                elementVariable ??= mi.Element(BpmnNamespaces.Model + "inputDataItem")?.Attribute("name")?.Value;
            }

            if (string.IsNullOrEmpty(cardinality) && string.IsNullOrEmpty(collection))
            {
                context.Problem(element, "The multi-instance activity has neither a loop cardinality nor a collection. Set camunda:collection or loopCardinality.");
            }

            context.CheckSyntax(element, string.IsNullOrEmpty(cardinality) ? null : cardinality, false, "loop cardinality");
            context.CheckSyntax(element, string.IsNullOrEmpty(completion) ? null : completion, false, "completion condition");
            return new MultiInstanceCharacteristics
            {
                IsSequential = (string?)mi.Attribute("isSequential") == "true",
                LoopCardinality = string.IsNullOrEmpty(cardinality) ? null : cardinality,
                Collection = string.IsNullOrEmpty(collection) ? null : collection,
                ElementVariable = elementVariable,
                CompletionCondition = string.IsNullOrEmpty(completion) ? null : completion,
            };
        }

        private (IReadOnlyList<Parameter> Inputs, IReadOnlyList<Parameter> Outputs) ReadInputOutput(XElement element)
        {
            var io = element.Element(BpmnNamespaces.Model + "extensionElements")?.Element(BpmnNamespaces.Camunda + "inputOutput");
            if (io is null)
            {
                return ([], []);
            }

            List<Parameter> inputs = [], outputs = [];
            foreach (var parameter in io.Elements())
            {
                var name = (string?)parameter.Attribute("name");
                if (name is null)
                {
                    continue;
                }

                if (parameter.HasElements)
                {
                    context.Problem(element, $"The parameter '{name}' uses a list, map or script; only text and ${{...}} expressions are supported.");
                    continue;
                }

                var value = parameter.Value;
                if (parameter.Name.LocalName == "inputParameter")
                {
                    inputs.Add(new Parameter(name, value));
                }
                else if (parameter.Name.LocalName == "outputParameter")
                {
                    outputs.Add(new Parameter(name, value));
                }
            }

            return (inputs, outputs);
        }

        private static Dictionary<string, string> ReadExtensions(XElement element)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attribute in element.Attributes())
            {
                if (attribute.Name.Namespace == BpmnNamespaces.Workflows || attribute.Name.Namespace == BpmnNamespaces.Camunda)
                {
                    result[attribute.Name.LocalName] = attribute.Value;
                }
            }

            return result;
        }

        private void ValidateNodes()
        {
            foreach (var node in _model.NodesById.Values)
            {
                switch (node.Kind)
                {
                    case NodeKind.EventBasedGateway:
                        if (node.Outgoing.Count < 2)
                        {
                            context.Problem(node.Id, node.Line, "An event-based gateway needs at least two outgoing flows to catch events.");
                        }

                        foreach (var flow in node.Outgoing)
                        {
                            var target = flow.Target;
                            var ok = (target.Kind == NodeKind.IntermediateCatchEvent && target.EventDefinition is MessageEventDefinition or TimerEventDefinition)
                                || target.Kind == NodeKind.ReceiveTask;
                            if (!ok)
                            {
                                context.Problem(node.Id, node.Line, $"The event-based gateway leads to '{target.Id}', which is not a message or timer catch event or a receive task.");
                            }
                        }

                        break;
                    case NodeKind.StartEvent:
                        if (node.Incoming.Count > 0)
                        {
                            context.Problem(node.Id, node.Line, "A start event cannot have incoming sequence flows.");
                        }

                        break;
                    case NodeKind.EndEvent:
                        if (node.Outgoing.Count > 0)
                        {
                            context.Problem(node.Id, node.Line, "An end event cannot have outgoing sequence flows.");
                        }

                        break;
                    case NodeKind.BoundaryEvent:
                        if (node.Incoming.Count > 0)
                        {
                            context.Problem(node.Id, node.Line, "A boundary event cannot have incoming sequence flows.");
                        }

                        break;
                    case NodeKind.SubProcess:
                        var sub = (SubProcessNode)node;
                        if (sub.NoneStartEvents.Count != 1 && !_eventSubProcesses.Contains(sub))
                        {
                            context.Problem(node.Id, node.Line, $"An embedded sub-process needs exactly one none start event; it has {sub.NoneStartEvents.Count}.");
                        }

                        break;
                }

                if (node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway && node.Outgoing.Count > 1)
                {
                    foreach (var flow in node.Outgoing.Where(f => f.Condition is null && !f.IsDefault))
                    {
                        context.Problem(flow.Id, flow.Line, $"The flow leaves the gateway '{node.Id}' without a condition and is not its default flow. Add a condition or make it the default.");
                    }
                }
            }
        }

        private void ComputeReachability()
        {
            var count = _model.NodesById.Count;
            var nodes = new FlowNode[count];
            foreach (var node in _model.NodesById.Values)
            {
                nodes[node.Index] = node;
            }

            var reach = new bool[count][];
            var stack = new Stack<FlowNode>();
            for (var i = 0; i < count; i++)
            {
                reach[i] = new bool[count];
                stack.Push(nodes[i]);
                while (stack.Count > 0)
                {
                    var current = stack.Pop();
                    IEnumerable<FlowNode> next = current.Outgoing.Select(f => f.Target).Concat(current.Boundaries);
                    foreach (var target in next)
                    {
                        if (!reach[i][target.Index])
                        {
                            reach[i][target.Index] = true;
                            stack.Push(target);
                        }
                    }
                }
            }

            _model.Reachability = reach;
        }

        private static string? Camunda(XElement element, string name) => (string?)element.Attribute(BpmnNamespaces.Camunda + name);

        private static string? Ours(XElement element, string name) => (string?)element.Attribute(BpmnNamespaces.Workflows + name);

        /// <summary>Splits a comma-separated list; commas inside <c>${...}</c> (function arguments) do not split.</summary>
        private static IReadOnlyList<string> SplitList(string? value) =>
            value is null ? [] : Expressions.ExpressionTemplate.SplitList(value);

        /// <summary>Checks the syntax of every <c>${...}</c> in an attribute (a whole expression or text with expressions in it).</summary>
        private void CheckTemplate(XElement element, string? text, string what)
        {
            if (text is null)
            {
                return;
            }

            if (!Expressions.ExpressionTemplate.TryParse(text, out var parts))
            {
                context.Problem(element, $"The {what} '{text}' has a '${{' without its closing '}}'.");
                return;
            }

            foreach (var part in parts.Where(p => p.IsExpression))
            {
                context.CheckSyntax(element, part.Text, false, what + " expression");
            }
        }
    }

    private static bool IsJavaScript(string language)
    {
        var l = language.ToLowerInvariant();
        return l is "js" or "ecmascript" || l.Contains("javascript", StringComparison.Ordinal);
    }
}
