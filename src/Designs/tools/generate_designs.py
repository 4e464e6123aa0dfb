#!/usr/bin/env python3
"""Writes the six honour process designs, src/Designs/Processes/*.bpmn, with their diagrams.

Every design is one nomination's journey through the common procedure of the Guangdong trade unions'
honours (docs: /work/shared/design/domain.md): unit stage (democratic recommendation, a unit notice of at
least five working days) -> opinions of the joint-review departments -> vetoes -> district and city review
within the quota -> provincial review -> committee vote -> provincial notice with objections -> approval ->
published decision -> registry -> notification. The honours differ in who nominates, which levels review
and what the province adds (a joint review with the human-resources department for model workers, an expert
review and an interview with the propaganda department for craftsmen).

The layout is computed: one swim lane per level, elements on a grid (columns left to right, rows inside a
lane), orthogonal sequence flows. The script checks that no flow crosses a shape and that no two shapes
overlap, then writes every file. The output depends on nothing but this script (no time stamps, fixed
order, integer coordinates), so running it again gives the same bytes:

    python3 src/Designs/tools/generate_designs.py          # writes the files
    python3 src/Designs/tools/generate_designs.py --check  # fails if a committed file differs

The files stay ordinary BPMN 2.0: they open in bpmn-js or Camunda Modeler, and an edit made there is kept
until someone runs this script again (then port the edit here first).
"""

import os
import sys
from xml.sax.saxutils import escape

# ----------------------------------------------------------------------------------------------- geometry

COL_W = 140          # width of a grid column
ROW_H = 120          # height of a grid row
POOL_X = 100
POOL_Y = 60
POOL_LABEL = 30      # the pool's name band
LANE_LABEL = 30      # each lane's name band
CONTENT_X = POOL_X + POOL_LABEL + LANE_LABEL + 10
BUS_MARGIN = 20      # distance of a lane's loop-back line from the lane's bottom (or top)

SIZES = {
    "task": (100, 80),
    "event": (36, 36),
    "gateway": (50, 50),
}

KIND_SHAPE = {
    "startEvent": "event",
    "endEvent": "event",
    "intermediateCatchEvent": "event",
    "userTask": "task",
    "serviceTask": "task",
    "scriptTask": "task",
    "exclusiveGateway": "gateway",
    "parallelGateway": "gateway",
    "eventBasedGateway": "gateway",
}


def cjk_width(text, px=12):
    """Rough label width: CJK characters are square, others half as wide."""
    return sum(px if ord(ch) > 0x2E80 else px // 2 + 1 for ch in text)


class Lane:
    def __init__(self, lane_id, name, top_row=False):
        self.id = lane_id
        self.name = name
        self.top_row = top_row   # the lane has a row above its main row (the province's objection branch)
        self.rows = 1
        self.y = 0
        self.h = 0
        self.nodes = []

    @property
    def main_row(self):
        return 1 if self.top_row else 0

    def row_index(self, row):
        return {"upper": 0, "main": self.main_row, "side": self.main_row + 1}[row]

    @property
    def top_pad(self):
        return 40 if self.top_row else 0   # room for a loop-back line above the upper row

    def row_center(self, index):
        return self.y + self.top_pad + 60 + index * ROW_H

    @property
    def bottom_bus(self):
        return self.y + self.h - BUS_MARGIN

    @property
    def top_bus(self):
        return self.y + BUS_MARGIN


class Node:
    def __init__(self, node_id, kind, name, lane, col, row, attrs, body):
        self.id = node_id
        self.kind = kind
        self.name = name
        self.lane = lane
        self.col = col
        self.row = row
        self.attrs = attrs      # ordered extension and BPMN attributes, written as given
        self.body = body        # inner XML lines (documentation, extension elements, event definitions ...)
        self.incoming = []
        self.outgoing = []
        self.default = None
        self.label_side = None  # "left" or "right" to override where a gateway's name goes
        w, h = SIZES[KIND_SHAPE[kind]]
        self.w, self.h = w, h
        self.cx = self.cy = 0

    @property
    def x(self):
        return self.cx - self.w // 2

    @property
    def y(self):
        return self.cy - self.h // 2

    def point(self, side):
        return {
            "left": (self.x, self.cy),
            "right": (self.x + self.w, self.cy),
            "top": (self.cx, self.y),
            "bottom": (self.cx, self.y + self.h),
        }[side]


class Flow:
    def __init__(self, flow_id, source, target, name, condition, exit, entry, via):
        self.id = flow_id
        self.source = source
        self.target = target
        self.name = name
        self.condition = condition
        self.exit = exit
        self.entry = entry
        self.via = via          # None, "bottom-bus", "top-bus", "enterprise-bus" or ("y", lane id, row)
        self.points = []


class Design:
    def __init__(self, key, name, name_en, documentation, lanes):
        self.key = key
        self.name = name
        self.name_en = name_en
        self.documentation = documentation
        self.lanes = lanes
        self.lane_by_id = {lane.id: lane for lane in lanes}
        self.nodes = []
        self.by_id = {}
        self.flows = []
        self.messages = []
        self.col = 0

    # -------------------------------------------------------------- building

    def add(self, node_id, kind, name, lane, col=None, row="main", attrs=None, body=None):
        if node_id in self.by_id:
            raise ValueError(f"{self.key}: duplicate id {node_id}")
        lane_obj = self.lane_by_id[lane]
        node = Node(node_id, kind, name, lane_obj, self.col if col is None else col, row, attrs or [], body or [])
        self.nodes.append(node)
        self.by_id[node_id] = node
        lane_obj.nodes.append(node)
        return node_id

    def next(self, node_id, kind, name, lane, row="main", attrs=None, body=None):
        """Adds a node in the next column of the main line."""
        result = self.add(node_id, kind, name, lane, self.col, row, attrs, body)
        self.col += 1
        return result

    def clear_branch(self, gateway_id):
        """Moves the main line past the side branch (notify, end) of a decision before it changes lanes."""
        self.col = max(self.col, self.by_id[gateway_id].col + 3)

    def flow(self, source, target, name=None, condition=None, default=False, exit="right", entry="left", via=None, flow_id=None):
        flow_id = flow_id or f"Flow_{source}_{target}"
        if any(f.id == flow_id for f in self.flows):
            raise ValueError(f"{self.key}: duplicate flow {flow_id}")
        flow = Flow(flow_id, self.by_id[source], self.by_id[target], name, condition, exit, entry, via)
        self.flows.append(flow)
        flow.source.outgoing.append(flow)
        flow.target.incoming.append(flow)
        if default:
            flow.source.default = flow
        return flow_id

    # -------------------------------------------------------------- layout

    def layout(self):
        y = POOL_Y
        for lane in self.lanes:
            rows = [lane.row_index(n.row) for n in lane.nodes] or [lane.main_row]
            lane.rows = max(rows) + 1
            lane.y = y
            lane.h = lane.top_pad + lane.rows * ROW_H + 40
            y += lane.h
        self.pool_h = y - POOL_Y
        max_col = max(n.col for n in self.nodes)
        self.pool_w = CONTENT_X - POOL_X + (max_col + 1) * COL_W + 20
        for node in self.nodes:
            node.cx = CONTENT_X + node.col * COL_W + COL_W // 2
            node.cy = node.lane.row_center(node.lane.row_index(node.row))
        for flow in self.flows:
            flow.points = self.route(flow)
        self.check()

    def route(self, flow):
        s, t = flow.source, flow.target
        sp = s.point(flow.exit)
        tp = t.point(flow.entry)
        if flow.via is not None:
            if flow.via == "enterprise-bus":
                bus = self.lanes[0].bottom_bus
            elif flow.via == "bottom-bus":
                bus = s.lane.bottom_bus
            elif flow.via == "top-bus":
                bus = s.lane.top_bus
            else:
                _, lane_id, row = flow.via
                lane = self.lane_by_id[lane_id]
                bus = lane.row_center(lane.row_index(row))
            return [sp, (sp[0], bus), (tp[0], bus), tp]
        if flow.exit == "right" and flow.entry == "left":
            if sp[1] == tp[1]:
                return [sp, tp]
            # Turn just before the target: the columns between hold the source's side branches below it.
            turn = tp[0] - 20 if s.lane is not t.lane else (sp[0] + tp[0]) // 2
            return [sp, (turn, sp[1]), (turn, tp[1]), tp]
        if flow.exit in ("top", "bottom") and flow.entry == "left":
            return [sp, (sp[0], tp[1]), tp]
        if flow.exit == "right" and flow.entry in ("top", "bottom"):
            return [sp, (tp[0], sp[1]), tp]
        if flow.exit in ("top", "bottom") and flow.entry in ("top", "bottom") and sp[0] == tp[0]:
            return [sp, tp]
        raise ValueError(f"{self.key}: no route for {flow.id} ({flow.exit} -> {flow.entry})")

    def check(self):
        problems = []
        for node in self.nodes:
            if node.kind != "startEvent" and not node.incoming:
                problems.append(f"{node.id} has no incoming flow")
            if node.kind != "endEvent" and not node.outgoing:
                problems.append(f"{node.id} has no outgoing flow")
        for i, a in enumerate(self.nodes):
            for b in self.nodes[i + 1:]:
                if a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h:
                    problems.append(f"shapes {a.id} and {b.id} overlap")
            top, bottom = a.lane.y, a.lane.y + a.lane.h
            if a.y < top or a.y + a.h > bottom:
                problems.append(f"shape {a.id} leaves its lane")
        for flow in self.flows:
            for (x1, y1), (x2, y2) in zip(flow.points, flow.points[1:]):
                if x1 != x2 and y1 != y2:
                    problems.append(f"flow {flow.id} has a slanted segment")
                for node in self.nodes:
                    if node is flow.source or node is flow.target:
                        continue
                    nx1, ny1, nx2, ny2 = node.x - 4, node.y - 4, node.x + node.w + 4, node.y + node.h + 4
                    if min(x1, x2) < nx2 and max(x1, x2) > nx1 and min(y1, y2) < ny2 and max(y1, y2) > ny1:
                        problems.append(f"flow {flow.id} crosses {node.id}")
        if problems:
            raise ValueError(f"{self.key}: layout problems:\n  " + "\n  ".join(problems))

    # -------------------------------------------------------------- writing

    def xml(self):
        out = []
        w = out.append
        w('<?xml version="1.0" encoding="UTF-8"?>')
        w('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'
          ' xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"'
          ' xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"'
          ' xmlns:di="http://www.omg.org/spec/DD/20100524/DI"'
          ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
          ' xmlns:camunda="http://camunda.org/schema/1.0/bpmn"'
          ' xmlns:wf="urn:gd-workflows:bpmn"'
          f' id="Definitions_{self.key}" targetNamespace="urn:gd-workflows:designs"'
          ' exporter="gd-workflows design generator (src/Designs/tools/generate_designs.py)" exporterVersion="1">')
        for message_id, message_name in self.messages:
            w(f'  <bpmn:message id="{message_id}" name="{message_name}" />')
        w(f'  <bpmn:collaboration id="Collaboration_{self.key}">')
        w(f'    <bpmn:participant id="Participant_{self.key}" name={attr(self.name)} processRef="{self.key}" />')
        w('  </bpmn:collaboration>')
        # Nominations start only through POST /api/nominations (its checks, then the process): never the generic start.
        w(f'  <bpmn:process id="{self.key}" name={attr(self.name)} isExecutable="true" wf:startVia="domain">')
        w(f'    <bpmn:documentation>{escape(self.documentation)}</bpmn:documentation>')
        w(f'    <bpmn:laneSet id="LaneSet_{self.key}">')
        for lane in self.lanes:
            w(f'      <bpmn:lane id="{lane.id}" name={attr(lane.name)}>')
            for node in lane.nodes:
                w(f'        <bpmn:flowNodeRef>{node.id}</bpmn:flowNodeRef>')
            w('      </bpmn:lane>')
        w('    </bpmn:laneSet>')
        for node in self.nodes:
            attrs = "".join(f" {k}={attr(v)}" for k, v in node.attrs)
            default = f' default="{node.default.id}"' if node.default else ""
            w(f'    <bpmn:{node.kind} id="{node.id}" name={attr(node.name)}{attrs}{default}>')
            inner = list(node.body)
            # documentation and extension elements first, then incoming/outgoing, then the rest (BPMN order)
            for line in head_block(inner):
                w("      " + line)
            for flow in node.incoming:
                w(f'      <bpmn:incoming>{flow.id}</bpmn:incoming>')
            for flow in node.outgoing:
                w(f'      <bpmn:outgoing>{flow.id}</bpmn:outgoing>')
            for line in tail_block(inner):
                w("      " + line)
            w(f'    </bpmn:{node.kind}>')
        for flow in self.flows:
            name = f" name={attr(flow.name)}" if flow.name else ""
            ref = f'sourceRef="{flow.source.id}" targetRef="{flow.target.id}"'
            if flow.condition:
                w(f'    <bpmn:sequenceFlow id="{flow.id}"{name} {ref}>')
                w(f'      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{escape(flow.condition)}</bpmn:conditionExpression>')
                w('    </bpmn:sequenceFlow>')
            else:
                w(f'    <bpmn:sequenceFlow id="{flow.id}"{name} {ref} />')
        w('  </bpmn:process>')
        w(f'  <bpmndi:BPMNDiagram id="BPMNDiagram_{self.key}">')
        w(f'    <bpmndi:BPMNPlane id="BPMNPlane_{self.key}" bpmnElement="Collaboration_{self.key}">')
        w(f'      <bpmndi:BPMNShape id="Participant_{self.key}_di" bpmnElement="Participant_{self.key}" isHorizontal="true">')
        w(f'        <dc:Bounds x="{POOL_X}" y="{POOL_Y}" width="{self.pool_w}" height="{self.pool_h}" />')
        w('      </bpmndi:BPMNShape>')
        for lane in self.lanes:
            w(f'      <bpmndi:BPMNShape id="{lane.id}_di" bpmnElement="{lane.id}" isHorizontal="true">')
            w(f'        <dc:Bounds x="{POOL_X + POOL_LABEL}" y="{lane.y}" width="{self.pool_w - POOL_LABEL}" height="{lane.h}" />')
            w('      </bpmndi:BPMNShape>')
        for node in self.nodes:
            marker = ' isMarkerVisible="true"' if node.kind == "exclusiveGateway" else ""
            w(f'      <bpmndi:BPMNShape id="{node.id}_di" bpmnElement="{node.id}"{marker}>')
            w(f'        <dc:Bounds x="{node.x}" y="{node.y}" width="{node.w}" height="{node.h}" />')
            label = node_label(node)
            if label:
                lx, ly, lw, lh = label
                w('        <bpmndi:BPMNLabel>')
                w(f'          <dc:Bounds x="{lx}" y="{ly}" width="{lw}" height="{lh}" />')
                w('        </bpmndi:BPMNLabel>')
            w('      </bpmndi:BPMNShape>')
        for flow in self.flows:
            w(f'      <bpmndi:BPMNEdge id="{flow.id}_di" bpmnElement="{flow.id}">')
            for px, py in flow.points:
                w(f'        <di:waypoint x="{px}" y="{py}" />')
            if flow.name:
                lx, ly, lw, lh = flow_label(flow)
                w('        <bpmndi:BPMNLabel>')
                w(f'          <dc:Bounds x="{lx}" y="{ly}" width="{lw}" height="{lh}" />')
                w('        </bpmndi:BPMNLabel>')
            w('      </bpmndi:BPMNEdge>')
        w('    </bpmndi:BPMNPlane>')
        w('  </bpmndi:BPMNDiagram>')
        w('</bpmn:definitions>')
        return "\n".join(out) + "\n"


def head_block(lines):
    return [line for line in lines if not line.startswith(TAIL_PREFIXES)]


def tail_block(lines):
    return [line for line in lines if line.startswith(TAIL_PREFIXES)]


# Inner elements that come after <incoming>/<outgoing> in the BPMN schema.
TAIL_PREFIXES = ("<bpmn:multiInstanceLoopCharacteristics", "  <bpmn:completionCondition", "</bpmn:multiInstanceLoopCharacteristics",
                 "<bpmn:timerEventDefinition", "  <bpmn:timeDate", "</bpmn:timerEventDefinition", "<bpmn:messageEventDefinition",
                 "<bpmn:script")


def attr(value):
    return '"' + escape(value, {'"': "&quot;"}) + '"'


def node_label(node):
    """External labels of events and gateways (tasks carry their name inside)."""
    shape = KIND_SHAPE[node.kind]
    if shape == "event":
        width = 96
        lines = max(1, -(-cjk_width(node.name) // width))
        return node.cx - width // 2, node.y + node.h + 6, width, 14 * lines
    if shape == "gateway":
        # Above the gateway: on the left when a flow leaves upwards (a return, a lane above), else on the right,
        # away from flows that arrive from another lane.
        width = 88
        lines = max(1, -(-cjk_width(node.name) // width))
        left = any(f.exit == "top" or f.target.cy < node.cy for f in node.outgoing)
        if node.label_side:
            left = node.label_side == "left"
        x = node.cx - width - 4 if left else node.cx + 6
        return x, node.y - 14 * lines - 6, width, 14 * lines
    return None


def flow_label(flow):
    (x1, y1), (x2, y2) = flow.points[0], flow.points[1]
    width = cjk_width(flow.name) + 4
    if flow.via == "top-bus":   # a loop back over the lane: the name on the loop, clear of the shapes below it
        return x1 + 6, y2 - 18, width, 14
    if y1 == y2:   # leaves sideways: the name above the first segment
        return x1 + 6, y1 - 20, width, 14
    if y2 > y1:    # leaves downwards: the name beside the first segment
        return x1 + 6, y1 + 4, width, 14
    return x1 + 6, y1 - 18, width, 14


# ----------------------------------------------------------------------------------------- BPMN fragments

def doc(text):
    return f"<bpmn:documentation>{escape(text)}</bpmn:documentation>"


def io(inputs=(), outputs=()):
    lines = ["<bpmn:extensionElements>", "  <camunda:inputOutput>"]
    for name, value in inputs:
        lines.append(f'    <camunda:inputParameter name="{name}">{escape(value)}</camunda:inputParameter>')
    for name, value in outputs:
        lines.append(f'    <camunda:outputParameter name="{name}">{escape(value)}</camunda:outputParameter>')
    lines += ["  </camunda:inputOutput>", "</bpmn:extensionElements>"]
    return lines


def script(text):
    return ['<bpmn:script><![CDATA[' + text.strip("\n") + "\n]]></bpmn:script>"]


def timer_date(node_id, expression):
    return [f'<bpmn:timerEventDefinition id="{node_id}_timer">',
            f'  <bpmn:timeDate xsi:type="bpmn:tFormalExpression">{escape(expression)}</bpmn:timeDate>',
            "</bpmn:timerEventDefinition>"]


def multi_instance(collection, element_variable, completion):
    return [f'<bpmn:multiInstanceLoopCharacteristics camunda:collection="{collection}" camunda:elementVariable="{element_variable}">',
            f'  <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">{escape(completion)}</bpmn:completionCondition>',
            "</bpmn:multiInstanceLoopCharacteristics>"]


COMMON_INPUTS = [("campaignId", "${campaignId}"), ("nominationId", "${nominationId}")]

PROVINCE = "provinceOf(initiatorOrg)"
PROVINCE_REVIEWERS = "${'province-reviewer@' + " + PROVINCE + "}"
ADMINS = "${'admin@' + " + PROVINCE + "}"
HR_REVIEWERS = "${'department-reviewer@' + " + PROVINCE + " + '/dept-rs'}"
PROPAGANDA_REVIEWERS = "${'department-reviewer@' + " + PROVINCE + " + '/dept-xcb'}"

REVIEW_DEADLINE = [("wf:dueDate", "P10WD"), ("wf:remindBefore", "P2WD"), ("wf:timeoutAction", "remind")]


def review_attrs(groups, outcome, form):
    return [("camunda:candidateGroups", groups), ("camunda:formKey", form), *REVIEW_DEADLINE,
            ("wf:outcomeVariable", outcome), ("wf:commentRequired", "reject")]


def notify(d, node_id, name, lane, col, row, event, reason=None):
    """Tells the nomination's filer: event 'published' (or another event of honours.notify)."""
    inputs = [*COMMON_INPUTS, ("event", event)] + ([("reason", reason)] if reason else [])
    return d.add(node_id, "serviceTask", name, lane, col, row,
                 attrs=[("wf:activityType", "honours.notify")], body=io(inputs))


def update_nomination(d, node_id, name, lane, col, row, state, reason=None, text=None):
    """Records the process's decision on the nomination (returned, rejected, approved) and tells its filer."""
    inputs = [("nominationId", "${nominationId}"), ("state", state)] + ([("reason", reason)] if reason else [])
    body = ([doc(text)] if text else []) + io(inputs)
    return d.add(node_id, "serviceTask", name, lane, col, row, attrs=[("wf:activityType", "honours.updateNomination")], body=body)


def reject(d, node_id, name, lane, col, row, reason):
    """A negative decision: the nomination is rejected and its filer told why."""
    return update_nomination(d, node_id, name, lane, col, row, "rejected", reason)


def pass_on(d, node_id, name, lane, unit, text, next_level=None, fail_on_refusal=False):
    """The level passes the nomination on (honours.passOn): confirms a batch submission, or submits it alone."""
    inputs = [("nominationId", "${nominationId}"), ("unitPath", unit)]
    if next_level:
        inputs.append(("nextLevelPath", next_level))
    if fail_on_refusal:
        inputs.append(("failOnRefusal", "${true}"))
    return d.next(node_id, "serviceTask", name, lane, attrs=[("wf:activityType", "honours.passOn")], body=[doc(text), *io(inputs)])


# ------------------------------------------------------------------------------------------- the stages

def decision(d, review_id, gateway_id, gateway_name, lane, variable, rejected_names, returns=True):
    """The result of the review task review_id: 'returned' goes back to the enterprise, 'rejected' ends the nomination.

    Returns the gateway id; the caller adds the 'approved' flow when the next element exists.
    """
    col = d.col
    d.next(gateway_id, "exclusiveGateway", gateway_name, lane)
    d.flow(review_id, gateway_id)
    if returns:
        d.flow(gateway_id, "markReturned", name="退回补正", condition=returned_condition(variable),
               exit="top", entry="bottom", via="enterprise-bus", flow_id=f"{gateway_id}_returned")
    notify_name, end_name, reason = rejected_names
    notify_id = "notify" + gateway_id[0].upper() + gateway_id[1:].replace("Result", "Rejected")
    end_id = "end" + gateway_id[0].upper() + gateway_id[1:].replace("Result", "Rejected")
    reject(d, notify_id, notify_name, lane, col + 1, "side", reason)
    d.add(end_id, "endEvent", end_name, lane, col + 2, "side")
    d.flow(gateway_id, notify_id, name="不予推荐", condition=rejected_condition(variable), exit="bottom",
           flow_id=f"{gateway_id}_rejected")
    d.flow(notify_id, end_id)
    return gateway_id


def approved(d, gateway_id, target, variable, name="通过", **route):
    d.flow(gateway_id, target, name=name, condition=approved_condition(variable), flow_id=f"{gateway_id}_approved", **route)


# A decision is 'approved', 'returned' or 'rejected'; the engine's own outcomes (a rejection by the reject command,
# an automatic approval or rejection at a timeout) set the outcome variable to true or false, which count the same.
def approved_condition(variable):
    return f"${{{variable} === 'approved' || {variable} === true}}"


def rejected_condition(variable):
    return f"${{{variable} === 'rejected' || {variable} === false}}"


def returned_condition(variable):
    return f"${{{variable} === 'returned'}}"


def unit_stage(d, spec):
    d.next("start", "startEvent", "企业工会发起推荐", "enterprise",
           body=[doc("推荐单位（企业工会、基层工会）为一名推荐对象发起一次推荐；启动变量：initiator、initiatorOrg、campaignId、nominationId。")])
    d.next("unitRecommendation", "userTask", "民主推荐（职工代表大会）", "enterprise",
           attrs=[("camunda:assignee", "${initiator}"), ("camunda:formKey", "honours:unit-recommendation")],
           body=[doc(f"召开职工（代表）大会民主推荐{spec['nominee']}，上传会议记录与推荐审批表，填写推荐对象信息。")])
    d.flow("start", "unitRecommendation")
    d.next("unitNoticePeriod", "serviceTask", "计算单位公示期（5个工作日）", "enterprise",
           attrs=[("wf:activityType", "honours.noticePeriod")],
           body=[doc("按法定工作日历计算单位公示的起止时间：不少于5个工作日。"),
                 *io([*COMMON_INPUTS, ("level", "unit"), ("workingDays", "${5}")],
                     [("unitNoticeStartsOn", "${noticeStartsOn}"), ("unitNoticeEndsOn", "${noticeEndsOn}"),
                      ("unitNoticeClosesAt", "${noticeClosesAt}")])])
    d.flow("unitRecommendation", "unitNoticePeriod")
    d.next("unitNoticeElapsed", "intermediateCatchEvent", "单位公示期满", "enterprise",
           body=timer_date("unitNoticeElapsed", "${unitNoticeClosesAt}"))
    d.flow("unitNoticePeriod", "unitNoticeElapsed")
    merge_col = d.col
    d.next("resubmitMerge", "exclusiveGateway", "提交或补正", "enterprise")
    d.flow("unitNoticeElapsed", "resubmitMerge")
    # Every return (退回补正) of a review level comes here first: the nomination goes back to its filer.
    update_nomination(d, "markReturned", "退回填报单位补正", "enterprise", merge_col, "side", "returned", "上级审核退回补正，请查看审核意见并修改材料",
                      text="推荐退回填报单位：状态改为退回补正，由填报单位修改后重新提交，并通知填报人。")
    d.flow("markReturned", "resubmitMerge", exit="top", entry="bottom")
    d.next("submitNomination", "userTask", "提交推荐材料（含公示无异议报告）", "enterprise",
           attrs=[("camunda:assignee", "${initiator}"), ("camunda:formKey", "honours:submit-nomination"),
                  ("wf:dueDate", "P10WD"), ("wf:remindBefore", "P3WD"), ("wf:timeoutAction", "remind")],
           body=[doc("上传单位公示照片与公示无异议报告、事迹材料（500字、2000字）及意见表，提交上级审核；被退回时在此补正后重新提交。")])
    d.flow("resubmitMerge", "submitNomination")
    resets = "".join(f"execution.setVariable('{v}', null);\n" for v in spec["decisions"])
    district = ("var district = districtOf(initiatorOrg);\n"
                "execution.setVariable('districtGroup', district ? 'district-reviewer@' + district : null);\n") if spec["district"] else ""
    d.next("prepareReview", "scriptTask", "确定逐级审核单位", "enterprise",
           attrs=[("scriptFormat", "javascript")],
           body=[doc("由推荐单位的组织路径确定县（区）总工会与市总工会（或省产业工会，即名额分配单位）；每次提交都清空上一轮的审核结论。"),
                 *script(
                     "// The allocation unit is the city union, or the industry union for enterprises outside the cities.\n"
                     "var city = cityOf(initiatorOrg);\n"
                     "var unit = city ? city : orgOfKind(initiatorOrg, 'industry');\n"
                     "execution.setVariable('allocationUnit', unit);\n"
                     "execution.setVariable('levelGroup', (city ? 'city-reviewer@' : 'industry-reviewer@') + unit);\n"
                     + district +
                     "// A resubmission is reviewed afresh at every level.\n"
                     + resets +
                     "if (!execution.hasVariable('opinionAgreed')) {\n"
                     "  execution.setVariable('opinionAgreed', null);\n"
                     "}\n")])
    d.flow("submitNomination", "prepareReview")
    pass_on(d, "passOnFromUnit", "报送上级审核", "enterprise", "${initiatorOrg}",
            "推荐单位提交后报送上一级审核单位（县（区）总工会；无县（区）的报市总工会或产业工会）" + ("；南粤最美职工直接报市总工会推荐。" if not spec["district"] else "。")
            + "不能报送时（如评选已结束）提交不成功并说明原因。",
            next_level=None if spec["district"] else "${allocationUnit}", fail_on_refusal=True)
    d.flow("prepareReview", "passOnFromUnit")
    return "passOnFromUnit"


def opinions_stage(d, prev):
    d.next("requestOpinions", "serviceTask", "确定征求意见部门", "departments",
           attrs=[("wf:activityType", "honours.requestOpinions")],
           body=[doc("按推荐对象类型确定需出具意见的联审部门（企业负责人：市场监管、税务、人社、应急管理、生态环境，国有企业另加审计、纪检监察；党政干部：纪检监察；一线职工：本单位意见）；已出具同意意见的部门不再重复征求。"),
                 *io(COMMON_INPUTS)])
    d.flow(prev, "requestOpinions")
    d.next("departmentOpinion", "userTask", "联审部门出具意见", "departments",
           attrs=[("camunda:candidateGroups", "${opinionGroup}"), ("camunda:formKey", "honours:department-opinion"),
                  *REVIEW_DEADLINE, ("wf:outcomeVariable", "opinionAgreed"), ("wf:commentRequired", "reject")],
           body=[doc("每个联审部门一项任务（并行，候选组为该部门审核人 department-reviewer@部门路径）；opinionAgreed = true 为同意，false 为不同意；任一部门不同意即终止征求。各部门已同意的推荐在补正后不再重复征求。"),
                 *multi_instance("${opinionAgreed === true ? [] : opinionGroups}", "opinionGroup", "${opinionAgreed === false}")])
    d.flow("requestOpinions", "departmentOpinion")
    col = d.col
    d.next("opinionsResult", "exclusiveGateway", "联审意见", "departments")
    d.flow("departmentOpinion", "opinionsResult")
    reject(d, "notifyOpinionObjected", "告知联审未通过", "departments", col + 1, "side", "联审部门出具不同意意见")
    d.add("endOpinionObjected", "endEvent", "联审部门不同意，终止推荐", "departments", col + 2, "side")
    d.flow("opinionsResult", "notifyOpinionObjected", name="不同意", condition="${opinionAgreed === false}", exit="bottom",
           flow_id="opinionsResult_objected")
    d.flow("notifyOpinionObjected", "endOpinionObjected")
    d.col += 1
    return "opinionsResult"


def eligibility_stage(d, prev, required_honour=None):
    inputs = list(COMMON_INPUTS)
    text = "核查否决事项：拖欠工资、欠缴社保、未建工会、未建职代会或集体合同、严重污染、超标能耗；三年内发生安全事故、严重职业病或群体性事件的单位不得推荐；同一人同一评选只能推荐一次。"
    if required_honour:
        text += "推荐对象须为当年全国或省五一劳动奖章获得者（荣誉类型的前置荣誉，查荣誉库）。"
    d.next("checkEligibility", "serviceTask", "否决事项与资格审查", "departments",
           attrs=[("wf:activityType", "honours.checkEligibility")], body=[doc(text), *io(inputs)])
    d.flow(prev, "checkEligibility", name="同意或无需征求", condition="${opinionAgreed === true || opinionGroups.length === 0}",
           flow_id="opinionsResult_agreed")
    col = d.col
    d.next("eligibilityResult", "exclusiveGateway", "是否符合条件", "departments")
    d.flow("checkEligibility", "eligibilityResult")
    reject(d, "notifyIneligible", "告知不符合条件", "departments", col + 1, "side", "${eligibilityMessages.join('；')}")
    d.add("endIneligible", "endEvent", "不符合条件，终止推荐", "departments", col + 2, "side")
    d.flow("eligibilityResult", "notifyIneligible", name="不符合", condition="${eligible === false}", exit="bottom",
           flow_id="eligibilityResult_ineligible")
    d.flow("notifyIneligible", "endIneligible")
    return "eligibilityResult"


def district_stage(d, prev):
    d.clear_branch(prev)
    d.next("districtNeeded", "exclusiveGateway", "是否经县（区）审核", "district")
    d.flow(prev, "districtNeeded", name="符合", condition="${eligible === true}", flow_id="eligibilityResult_eligible")
    d.next("districtReview", "userTask", "县（区）总工会审核（差额推荐）", "district",
           attrs=review_attrs("${districtGroup}", "districtDecision", "honours:level-review"),
           body=[doc("县（区）总工会审核推荐材料并差额推荐（每类至少2名，产业工人至少3名）；districtDecision：approved 推荐、returned 退回补正、rejected 不予推荐。")])
    d.flow("districtNeeded", "districtReview", name="经县（区）", condition="${districtGroup !== null}", flow_id="districtNeeded_yes")
    decision(d, "districtReview", "districtResult", "县（区）审核结论", "district", "districtDecision",
             ("告知县（区）未推荐", "县（区）未推荐", "县（区）总工会审核未予推荐"))
    pass_on(d, "passOnFromDistrict", "县（区）报送市（产业）总工会", "district", "${districtOf(initiatorOrg)}",
            "县（区）总工会的差额推荐名单一般整批报送（报送时校验本级结构比例要求），此处只作确认；逐项同意的推荐在此单独报送，不符合要求时同意不成功并列出每条不符合的规则。",
            fail_on_refusal=True)
    approved(d, "districtResult", "passOnFromDistrict", "districtDecision", name="推荐")
    d.clear_branch("districtResult")
    d.col += 1   # the flow to the city turns clear of the rejected branch's end
    d.next("levelMerge", "exclusiveGateway", "报市（产业）总工会", "city")
    d.flow("passOnFromDistrict", "levelMerge")
    d.flow("districtNeeded", "levelMerge", name="直属市（产业）工会", default=True, exit="bottom", entry="bottom",
           via=("y", "city", "side"), flow_id="districtNeeded_no")
    return "levelMerge"


def city_stage(d, prev, with_district, spec):
    if not with_district:
        d.clear_branch(prev)
    d.next("cityReview", "userTask", spec.get("city_task", "市（产业）总工会择优推荐（名额内）"), "city",
           attrs=review_attrs("${levelGroup}", "cityDecision", "honours:level-review"),
           body=[doc("市总工会（或省产业工会）在分配名额内择优确定推荐名单，名单整批报送（报送时校验名额与结构比例）；cityDecision：approved 入选、returned 退回补正、rejected 未入选。")])
    if with_district:
        d.flow(prev, "cityReview")
    else:
        d.flow(prev, "cityReview", name="符合", condition="${eligible === true}", flow_id="eligibilityResult_eligible")
    decision(d, "cityReview", "cityResult", "市级推荐结论", "city", "cityDecision", ("告知市级未入选", "市级未入选", "市（产业）总工会未予入选"))
    pass_on(d, "passOnFromCity", "报送省总工会（名额与结构比例校验）", "city", "${allocationUnit}",
            "市总工会（产业工会）的入选名单整批报送省总工会，报送时按本单位名额（按类别）和结构比例（如产业工人不少于35%）校验整份名单，此处只作确认；"
            "逐项入选的推荐在此单独报送并校验，不符合时退回本级重新择优，passOnMessages 列出每条不符合的规则、人数和差额。")
    approved(d, "cityResult", "passOnFromCity", "cityDecision", name="入选")
    d.col += 1   # the loop back to the city review runs down clear of the rejected branch's end
    d.next("listCheck", "exclusiveGateway", "名额与结构是否符合", "city")
    d.flow("passOnFromCity", "listCheck")
    d.flow("listCheck", "cityReview", name="名额或结构不符，重新择优", default=True, exit="bottom", entry="bottom",
           via="bottom-bus", flow_id="listCheck_failed")
    return "listCheck"


def province_review_stage(d, prev, variant):
    d.col += 1   # room for the name of the list check's loop-back
    d.next("provinceReview", "userTask", "省总工会初审", "province",
           attrs=review_attrs(PROVINCE_REVIEWERS, "provinceDecision", "honours:level-review"),
           body=[doc("省总工会审核推荐材料、名额与结构比例，形成初审名单；provinceDecision：approved 通过、returned 退回补正、rejected 不予推荐。")])
    d.flow(prev, "provinceReview", name="已报送", condition="${passedOn === true}", flow_id="listCheck_ok")
    if variant == "joint-hr":
        return province_joint_hr(d)
    result = decision(d, "provinceReview", "provinceResult", "省级初审结论", "province", "provinceDecision", ("告知省级初审未通过", "省级初审未通过", "省总工会初审未通过"))
    if variant == "expert-interview":
        return province_expert_interview(d, result)
    return result, "provinceDecision"


def province_joint_hr(d):
    # The split sits before the provincial review: move the review one column right.
    review = d.by_id["provinceReview"]
    d.by_id.pop("provinceReview")
    d.nodes.remove(review)
    review.lane.nodes.remove(review)
    flow = d.flows.pop()
    flow.source.outgoing.remove(flow)
    d.col -= 1
    d.next("jointReviewSplit", "parallelGateway", "省总工会与省人社厅联合初审", "province")
    d.flow(flow.source.id, "jointReviewSplit", name=flow.name, condition=flow.condition, flow_id=flow.id)
    col = d.col
    d.add("provinceReview", "userTask", review.name, "province", col, "main", review.attrs, review.body)
    d.add("hrReview", "userTask", "省人力资源社会保障厅联合审核", "hr", col, "main",
          attrs=review_attrs(HR_REVIEWERS, "hrDecision", "honours:level-review"),
          body=[doc("劳动模范和先进工作者由省总工会会同省人力资源社会保障厅评选：人社厅审核推荐对象（先进工作者与机关事业单位人员的资格）；hrDecision：approved 通过、returned 退回补正、rejected 不予推荐。")])
    d.col += 1
    d.flow("jointReviewSplit", "provinceReview")
    d.flow("jointReviewSplit", "hrReview", exit="bottom")
    d.next("jointReviewJoin", "parallelGateway", "联合初审完成", "province")
    d.by_id["jointReviewJoin"].label_side = "left"
    d.flow("provinceReview", "jointReviewJoin")
    d.flow("hrReview", "jointReviewJoin", entry="bottom")
    col = d.col
    d.next("jointResult", "exclusiveGateway", "联合初审结论", "province")
    d.flow("jointReviewJoin", "jointResult")
    reject(d, "notifyJointRejected", "告知省级初审未通过", "province", col + 1, "side", "省级联合初审未通过")
    d.add("endJointRejected", "endEvent", "省级初审未通过", "province", col + 2, "side")
    # Conditions are tried in document order: a rejection by either reviewer is final, then a return, then both approve.
    d.flow("jointResult", "notifyJointRejected", name="不予推荐", condition="${provinceDecision === 'rejected' || provinceDecision === false || hrDecision === 'rejected' || hrDecision === false}",
           exit="bottom", flow_id="jointResult_rejected")
    d.flow("notifyJointRejected", "endJointRejected")
    d.flow("jointResult", "markReturned", name="退回补正", condition="${provinceDecision === 'returned' || hrDecision === 'returned'}",
           exit="top", entry="bottom", via="enterprise-bus", flow_id="jointResult_returned")
    return "jointResult", None


def province_expert_interview(d, province_result):
    d.clear_branch(province_result)
    d.next("expertReview", "userTask", "专家评审（省委宣传部组织）", "propaganda",
           attrs=review_attrs(PROPAGANDA_REVIEWERS, "expertDecision", "honours:expert-review"),
           body=[doc("省委宣传部会同省总工会组织专家对技能水平、创新成果与示范作用评审；expertDecision：approved 进入面试、returned 退回补正、rejected 不予推荐。")])
    approved(d, province_result, "expertReview", "provinceDecision")
    result = decision(d, "expertReview", "expertResult", "专家评审结论", "propaganda", "expertDecision", ("告知专家评审未通过", "专家评审未通过", "专家评审未通过"))
    d.col += 1
    d.next("interview", "userTask", "面试答辩与实地考察", "propaganda",
           attrs=review_attrs(f"{PROVINCE_REVIEWERS}, {PROPAGANDA_REVIEWERS}", "interviewDecision", "honours:interview"),
           body=[doc("面试答辩、现场技能展示与实地考察；interviewDecision：approved 通过、returned 退回补正、rejected 不予推荐。")])
    approved(d, result, "interview", "expertDecision", name="进入面试")
    result = decision(d, "interview", "interviewResult", "面试结论", "propaganda", "interviewDecision", ("告知面试未通过", "面试未通过", "面试答辩未通过"))
    return result, "interviewDecision"


def committee_stage(d, prev, prev_variable):
    d.clear_branch(prev)
    d.next("formCommittee", "serviceTask", "组成评审委员会", "committee",
           attrs=[("wf:activityType", "honours.formCommittee")],
           body=[doc("取评选活动主办单位的评审委员会（组织机构中其下的评审委员会）的全体委员为表决人（变量 committee）；表决人只取自评选活动和组织机构，从不取自申报内容。"),
                 *io(inputs=[("campaignId", "${campaignId}")])])
    if prev_variable is None:   # the joint review's result: both reviewers approved
        d.flow(prev, "formCommittee", name="通过", condition="${(provinceDecision === 'approved' || provinceDecision === true) && (hrDecision === 'approved' || hrDecision === true)}",
               flow_id=f"{prev}_approved")
    else:
        approved(d, prev, "formCommittee", prev_variable)
    d.next("committeeVote", "userTask", "评审委员会表决（三分之二通过）", "committee",
           attrs=[("camunda:formKey", "honours:committee-vote"), ("wf:approvalMethod", "countersign"), ("wf:passRatio", "2/3"),
                  ("wf:approvers", "${committee}"), ("wf:outcomeVariable", "committeeApproved"), ("wf:tallyVariable", "committeeTally"),
                  ("wf:dueDate", "P5WD"), ("wf:remindBefore", "P1WD"), ("wf:timeoutAction", "remind")],
           body=[doc("评审委员会会签表决：赞成票达到全体委员的三分之二即通过，不可能达到时即不通过；表决情况见 committeeTally。")])
    d.flow("formCommittee", "committeeVote")
    col = d.col
    d.next("voteResult", "exclusiveGateway", "表决结果", "committee")
    d.flow("committeeVote", "voteResult")
    reject(d, "notifyVoteRejected", "告知表决未通过", "committee", col + 1, "side", "评审委员会表决未达到三分之二")
    d.add("endVoteRejected", "endEvent", "表决未通过", "committee", col + 2, "side")
    d.flow("voteResult", "notifyVoteRejected", name="未通过", condition="${committeeApproved === false}", exit="bottom",
           flow_id="voteResult_rejected")
    d.flow("notifyVoteRejected", "endVoteRejected")
    return "voteResult"


def notice_stage(d, prev, spec):
    days = spec.get("notice_calendar_days")
    if days:
        name, period = f"计算省级公示期（{days}天）", [("calendarDays", f"${{{days}}}")]
        text = f"省级公示期按公告为{days}天（自然日）。"
    else:
        name, period = "计算省级公示期（5个工作日）", [("workingDays", "${5}")]
        text = "按法定工作日历计算省级公示期：5个工作日。"
    d.next("provinceNoticePeriod", "serviceTask", name, "province",
           attrs=[("wf:activityType", "honours.noticePeriod")],
           body=[doc(text), *io([*COMMON_INPUTS, ("level", "provincial"), *period],
                                [("provinceNoticeStartsOn", "${noticeStartsOn}"), ("provinceNoticeEndsOn", "${noticeEndsOn}"),
                                 ("provinceNoticeClosesAt", "${noticeClosesAt}"), ("provinceNoticeDays", "${noticeDays}"),
                                 ("provinceNoticeInWorkingDays", "${noticeInWorkingDays}")])])
    d.flow(prev, "provinceNoticePeriod", name="通过", condition="${committeeApproved === true}", flow_id="voteResult_approved")
    d.next("openNotice", "serviceTask", "发布省级公示", "province",
           attrs=[("wf:activityType", "honours.openNotice")],
           body=[doc("在公示页面公布推荐对象，受理实名异议（单位异议须加盖公章）。"),
                 *io([*COMMON_INPUTS, ("level", "provincial"), ("organisationPath", "${" + PROVINCE + "}"),
                      ("start", "${provinceNoticeStartsOn}"), ("days", "${provinceNoticeDays}"),
                      ("inWorkingDays", "${provinceNoticeInWorkingDays}")],
                     [("provinceNoticeId", "${noticeId}")])])
    d.flow("provinceNoticePeriod", "openNotice")
    merge_col = d.col
    d.next("noticeMerge", "exclusiveGateway", "公示进行中", "province")
    d.flow("openNotice", "noticeMerge")
    wait_col = d.col
    d.next("noticeWait", "eventBasedGateway", "公示期间", "province")
    d.flow("noticeMerge", "noticeWait")
    d.next("noticeElapsed", "intermediateCatchEvent", "公示期满", "province",
           body=timer_date("noticeElapsed", "${provinceNoticeClosesAt}"))
    d.flow("noticeWait", "noticeElapsed")
    # The objection branch runs in the row above the main line.
    d.messages.append(("Message_objection", "objection"))
    c = wait_col + 1
    d.add("objectionReceived", "intermediateCatchEvent", "收到异议", "province", c, "upper",
          attrs=[("wf:correlationKey", "${nominationId}")],
          body=[doc("公众或单位在公示期间实名提出异议：消息 objection，关联键为推荐编号 nominationId；公示页面登记的异议带 objectionId，其他来源带 objectorName（异议人或单位名称）、objectorContact（联系方式）、objectionContent（异议内容），单位异议另带 byUnit 与 sealAttachmentId（盖章材料）。"),
                '<bpmn:messageEventDefinition id="objectionReceived_message" messageRef="Message_objection" />'])
    d.flow("noticeWait", "objectionReceived", exit="top")
    d.add("recordObjection", "serviceTask", "登记异议", "province", c + 1, "upper",
          attrs=[("wf:activityType", "honours.recordObjection")],
          body=[doc("登记异议人、联系方式与异议内容；公示页面已登记的异议（消息带 objectionId）直接采用。该推荐对象暂停，直至调查结束。"),
                *io([*COMMON_INPUTS, ("noticeId", "${provinceNoticeId}"),
                     ("objectorName", "${execution.hasVariable('objectorName') ? objectorName : null}"),
                     ("objectorContact", "${execution.hasVariable('objectorContact') ? objectorContact : null}"),
                     ("content", "${execution.hasVariable('objectionContent') ? objectionContent : null}")],
                    [("objectionId", "${objectionId}")])])
    d.flow("objectionReceived", "recordObjection")
    d.add("investigateObjection", "userTask", "调查核实异议", "province", c + 2, "upper",
          attrs=[("camunda:candidateGroups", PROVINCE_REVIEWERS), ("camunda:formKey", "honours:objection-investigation"),
                 ("wf:dueDate", "P10WD"), ("wf:remindBefore", "P3WD"), ("wf:timeoutAction", "escalate"), ("wf:escalateTo", "admin@/gd"),
                 ("wf:outcomeVariable", "investigationResult"), ("wf:commentRequired", "true")],
           body=[doc("省总工会会同有关部门调查核实，形成调查结论：investigationResult 为 upheld（异议成立，取消推荐）或 dismissed（异议不成立，继续公示），investigationFindings 为调查核实情况。逾期未办结的移交省总工会管理员。")])
    d.flow("recordObjection", "investigateObjection")
    d.add("recordFinding", "serviceTask", "登记调查结论", "province", c + 3, "upper",
          attrs=[("wf:activityType", "honours.recordObjection")],
          body=[doc("记录调查结论与处理意见。"),
                *io([*COMMON_INPUTS, ("objectionId", "${objectionId}"), ("upheld", "${investigationResult === 'upheld'}"),
                     ("findings", "${investigationFindings}")])])
    d.flow("investigateObjection", "recordFinding")
    d.add("objectionVerdict", "exclusiveGateway", "异议是否成立", "province", c + 4, "upper")
    d.flow("recordFinding", "objectionVerdict")
    d.flow("objectionVerdict", "noticeMerge", name="不成立，继续公示", condition="${investigationResult === 'dismissed'}",
           exit="top", entry="top", via="top-bus", flow_id="objectionVerdict_dismissed")
    d.add("closeNoticeRemoved", "serviceTask", "撤下公示并取消推荐", "province", c + 5, "upper",
          attrs=[("wf:activityType", "honours.closeNotice")],
          body=[doc("异议成立：从公示名单中撤下该推荐对象。"), *io([("noticeId", "${provinceNoticeId}"), ("early", "${true}")])])
    d.flow("objectionVerdict", "closeNoticeRemoved", name="成立", condition="${investigationResult === 'upheld'}",
           flow_id="objectionVerdict_upheld")
    reject(d, "notifyObjectionUpheld", "告知异议成立", "province", c + 6, "upper", "公示期间异议经调查核实成立")
    d.flow("closeNoticeRemoved", "notifyObjectionUpheld")
    d.add("endObjectionUpheld", "endEvent", "异议成立，取消推荐", "province", c + 7, "upper")
    d.flow("notifyObjectionUpheld", "endObjectionUpheld")
    d.next("closeNotice", "serviceTask", "结束公示", "province",
           attrs=[("wf:activityType", "honours.closeNotice")],
           body=[doc("公示期满且无成立的异议：结束公示。"), *io([("noticeId", "${provinceNoticeId}")])])
    d.flow("noticeElapsed", "closeNotice")
    _ = merge_col
    return "closeNotice"


def approval_stage(d, prev, spec):
    d.next("approval", "userTask", spec["approval"], "province",
           attrs=[("camunda:candidateGroups", ADMINS), ("camunda:formKey", "honours:approval"),
                  ("wf:dueDate", "P5WD"), ("wf:remindBefore", "P1WD"), ("wf:timeoutAction", "remind"),
                  ("wf:outcomeVariable", "approvalDecision"), ("wf:commentRequired", "reject")],
           body=[doc("审定表彰名单；approvalDecision：approved 审定通过、rejected 不予审定。")])
    d.flow(prev, "approval")
    col = d.col
    d.next("approvalResult", "exclusiveGateway", "审定结论", "province")
    d.flow("approval", "approvalResult")
    reject(d, "notifyApprovalRejected", "告知未予审定", "province", col + 1, "side", "未予审定")
    d.add("endApprovalRejected", "endEvent", "未予审定", "province", col + 2, "side")
    d.flow("approvalResult", "notifyApprovalRejected", name="不予审定", condition=rejected_condition("approvalDecision"), exit="bottom",
           flow_id="approvalResult_rejected")
    d.flow("notifyApprovalRejected", "endApprovalRejected")
    d.next("approveNomination", "serviceTask", "审定通过", "province",
           attrs=[("wf:activityType", "honours.updateNomination")],
           body=[doc("推荐状态改为已审定，列入待发布的表彰名单，并通知填报人。"),
                 *io([("nominationId", "${nominationId}"), ("state", "approved")])])
    approved(d, "approvalResult", "approveNomination", "approvalDecision", name="审定通过")
    # The decision is the campaign's: the administrators publish it once for every approved nominee (the honours API
    # publishes it and sends this message with the campaign as the key); each nominee's process then registers its own.
    d.messages.append(("Message_decisionPublished", "decisionPublished"))
    decision_name = spec["publish"][2:]
    d.next("decisionPublished", "intermediateCatchEvent", decision_name + "已发布", "province",
           attrs=[("wf:correlationKey", "${campaignId}")],
           body=[doc(f"等待省总工会{spec['publish']}：评选活动的{decision_name}对全部已审定的推荐对象一次发布（消息 decisionPublished，关联键为评选活动编号 campaignId，变量 decisionId、decisionTitle、documentNumber）。"),
                 '<bpmn:messageEventDefinition id="decisionPublished_message" messageRef="Message_decisionPublished" />'])
    d.flow("approveNomination", "decisionPublished")
    d.next("registerHonours", "serviceTask", "荣誉登记入库", "province",
           attrs=[("wf:activityType", "honours.registerHonours")],
           body=[doc("表彰决定发布后，在荣誉库登记该获得者、荣誉、年度与证书编号。"),
                 *io([("campaignId", "${campaignId}"), ("nominationIds", "${nominationId}"), ("honourType", spec["honour"])],
                     [("certificateNumbers", "${certificateNumbers}"),
                      ("certificateNumber", "${certificateNumbers.length > 0 ? certificateNumbers[0] : null}")])])
    d.flow("decisionPublished", "registerHonours")
    notify(d, "notifyAwarded", "通知获奖单位与个人", "province", d.col, "main", "published")
    d.col += 1
    d.flow("registerHonours", "notifyAwarded")
    d.next("endAwarded", "endEvent", spec["award"], "province")
    d.flow("notifyAwarded", "endAwarded")


# ------------------------------------------------------------------------------------------- the designs

LANES = {
    "enterprise": "企业（基层工会）",
    "departments": "联审部门",
    "district": "县（区）总工会",
    "city": "市总工会（产业工会）",
    "province": "省总工会",
    "hr": "省人力资源社会保障厅",
    "propaganda": "省委宣传部",
    "committee": "评审委员会",
}

DESIGNS = [
    dict(key="labour-medal", honour="labour-medal", name="广东省五一劳动奖章推荐评选", name_en="Guangdong May Day Labour Medal",
         nominee="推荐对象（个人）", province="standard", district=True,
         approval="省总工会审定（书记处）", publish="发布表彰决定", award="授予五一劳动奖章",
         documentation="广东省五一劳动奖章（个人，每年评选）：企业工会民主推荐并单位公示不少于5个工作日，征求联审部门意见、否决事项审查，县（区）差额推荐，市（产业）总工会名额内择优，省总工会初审、评审委员会表决（三分之二通过）、省级公示（5个工作日，受理异议）、审定、发布表彰决定并登记入荣誉库。"),
    dict(key="labour-certificate", honour="labour-certificate", name="广东省五一劳动奖状推荐评选", name_en="Guangdong May Day Labour Certificate",
         nominee="推荐单位（企业、事业单位、机关、社会组织）", province="standard", district=True,
         approval="省总工会审定（书记处）", publish="发布表彰决定", award="授予五一劳动奖状",
         documentation="广东省五一劳动奖状（单位，每年评选）：推荐单位经职工代表大会民主推荐并单位公示不少于5个工作日，征求单位及其负责人的联审部门意见、否决事项审查（三年内安全事故、职业病、群体性事件一票否决），逐级审核，省总工会初审、评审委员会表决、省级公示、审定、发布并登记。"),
    dict(key="pioneer-team", honour="pioneer-team", name="广东省工人先锋号推荐评选", name_en="Guangdong Workers' Pioneer Team",
         nominee="推荐集体（班组、车间、科室等）", province="standard", district=True,
         approval="省总工会审定（书记处）", publish="发布命名决定", award="命名工人先锋号",
         documentation="广东省工人先锋号（班组、团队，每年评选，实行动态管理）：所在单位民主推荐并公示不少于5个工作日，征求意见、否决事项审查，逐级审核，省总工会初审、评审委员会表决、省级公示、审定、发布命名决定并登记。"),
    dict(key="model-worker", honour="model-worker", name="广东省劳动模范和先进工作者评选表彰", name_en="Guangdong Model Workers and Advanced Workers",
         nominee="推荐对象（劳动模范、先进工作者或先进集体）", province="joint-hr", district=True, notice_calendar_days=7,
         approval="省评选表彰工作领导小组审定", publish="发布表彰决定", award="授予劳动模范（先进工作者）称号",
         documentation="广东省劳动模范和先进工作者（每五年一次，省总工会会同省人力资源社会保障厅评选）：单位民主推荐并公示不少于5个工作日，征求意见、否决事项审查，逐级审核，省总工会与省人社厅联合初审，评审委员会表决，省级公示7天（受理异议），领导小组审定，发布表彰决定并登记。"),
    dict(key="nanyue-craftsman", honour="craftsman", name="南粤工匠推荐评选", name_en="Nanyue Craftsman",
         nominee="推荐对象（技能人才，本人自荐或单位推荐）", province="expert-interview", district=True,
         approval="省总工会会同省委宣传部审定", publish="发布命名决定", award="命名南粤工匠",
         documentation="南粤工匠（个人，省总工会会同省委宣传部评选）：单位民主推荐并公示不少于5个工作日，征求意见、否决事项审查，逐级审核，省总工会初审，省委宣传部组织专家评审与面试答辩，评审委员会表决，媒体与省级公示（受理异议），审定后发布命名决定并登记。"),
    dict(key="nanyue-best-worker", honour="loveliest-worker", name="南粤最美职工推荐评选", name_en="Nanyue Loveliest Worker",
         nominee="推荐对象（当年全国或省五一劳动奖章获得者）", province="standard", district=False, required_honour="labour-medal",
         city_task="市总工会推荐（从当年奖章获得者中择优）",
         approval="省总工会审定（书记处）", publish="发布表彰决定", award="授予南粤最美职工称号",
         documentation="南粤最美职工（个人，每年10名）：从当年全国和省五一劳动奖章获得者中，由所在单位民主推荐并公示不少于5个工作日，征求意见、资格审查（须持有当年奖章），经市总工会推荐，省总工会初审、评审委员会表决、省级公示、审定、发布表彰决定并登记。"),
]


def build(spec):
    lane_ids = ["enterprise", "departments"] + (["district"] if spec["district"] else []) + ["city", "province"]
    lane_ids += {"joint-hr": ["hr"], "expert-interview": ["propaganda"]}.get(spec["province"], []) + ["committee"]
    lanes = [Lane(f"Lane_{i}", LANES[i], top_row=(i == "province")) for i in lane_ids]
    for lane, short in zip(lanes, lane_ids):
        lane.short = short
    d = Design(spec["key"], spec["name"], spec["name_en"], spec["documentation"], lanes)
    d.lane_by_id = {lane.short: lane for lane in lanes}
    decisions = (["districtDecision"] if spec["district"] else []) + ["cityDecision", "provinceDecision"]
    decisions += {"joint-hr": ["hrDecision"], "expert-interview": ["expertDecision", "interviewDecision"]}.get(spec["province"], [])
    spec = dict(spec, decisions=decisions)
    prev = unit_stage(d, spec)
    prev = opinions_stage(d, prev)
    prev = eligibility_stage(d, prev, spec.get("required_honour"))
    if spec["district"]:
        prev = district_stage(d, prev)
    prev = city_stage(d, prev, spec["district"], spec)
    prev, variable = province_review_stage(d, prev, spec["province"])
    prev = committee_stage(d, prev, variable)
    prev = notice_stage(d, prev, spec)
    approval_stage(d, prev, spec)
    d.layout()
    return d


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.normpath(os.path.join(here, "..", "Processes"))
    check = "--check" in sys.argv[1:]
    os.makedirs(target, exist_ok=True)
    stale = []
    for spec in DESIGNS:
        design = build(spec)
        path = os.path.join(target, design.key + ".bpmn")
        text = design.xml()
        if check:
            with open(path, encoding="utf-8") as f:
                if f.read() != text:
                    stale.append(path)
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            print(f"wrote {os.path.relpath(path)} ({len(design.nodes)} elements, {len(design.flows)} flows)")
    if stale:
        print("out of date (run the script without --check): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
