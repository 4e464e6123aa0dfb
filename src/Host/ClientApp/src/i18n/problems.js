// Chinese wording of the engine's BPMN problems (src/Engine/Parsing/BpmnReader.cs); unknown ones keep the original.
const patterns = [
  [ /^The process has no start event/, () => '流程没有开始事件。请添加空、消息或定时开始事件。' ],
  [ /^The file contains no <process>/, () => '文件中没有流程。请至少绘制一个流程。' ],
  [ /^The file contains no executable process/, () => '文件中没有可执行的流程。' ],
  [ /^A start event cannot have incoming sequence flows/, () => '开始事件不能有进入的顺序流。' ],
  [ /^An end event cannot have outgoing sequence flows/, () => '结束事件不能有离开的顺序流。' ],
  [ /^The service task names no activity type/, () => '服务任务未指定活动类型。请在“活动设置”中选择活动类型。' ],
  [ /^The activity type '([^']*)' is not in the activity catalog/, m => `活动类型“${m[1]}”不在活动目录中。请选择已注册的活动类型。` ],
  [ /^The flow leaves the gateway '([^']*)' without a condition/, m => `离开网关“${m[1]}”的顺序流没有条件，也不是默认流。请添加条件或设为默认流。` ],
  [ /^The id '([^']*)' is used twice/, m => `编号“${m[1]}”重复。文件中的编号必须唯一。` ],
  [ /^A timeout action needs a due date/, () => '设置了超时处理，但没有办理期限（如 P5WD）。' ],
  [ /^wf:timeoutAction=\"escalate\" needs wf:escalateTo/, () => '超时处理为“转交上级”时必须填写超时转交角色。' ],
  [ /^wf:approvalMethod="([^"]*)" needs wf:approvers/, () => '会签、或签、依次审批必须填写审批人列表，如 ${committee}。' ],
  [ /^wf:passRatio '([^']*)' is not a share/, m => `通过比例“${m[1]}”无效，应为 2/3、0.5 或 60% 这样的比例。` ],
  [ /^The message event names no message/, () => '消息事件未指定消息。' ],
  [ /^The receive task names no message/, () => '接收任务未指定消息。' ],
  [ /^The call activity names no process/, () => '调用活动未指定被调用的流程。' ],
  [ /^The script task has no <script>/, () => '脚本任务没有脚本内容。' ],
  [ /^This event waits for nothing/, () => '该事件没有事件定义，不会等待任何触发。请添加消息或定时事件定义。' ],
  [ /^An event-based gateway needs at least two outgoing flows/, () => '事件网关至少需要两条离开的顺序流。' ],
  [ /^<([^>]*)> is not a BPMN element this engine executes/, m => `元素 <${m[1]}> 不受本引擎支持，请删除或替换为支持的元素。` ],
  [ /^The (\w+) '(.*)' is not valid: (.*)$/s, m => `${m[1]}“${m[2]}”无效：${m[3]}` ],
];

export function problemText(message, locale) {
  if (!(locale || '').toLowerCase().startsWith('zh') || !message) {
    return message;
  }
  for (const [ pattern, make ] of patterns) {
    const match = message.match(pattern);
    if (match) {
      return make(match);
    }
  }
  return `引擎提示：${message}`;
}

/**
 * The detail of a problem answer in the UI's language: the host writes many as "中文 / English"; a detail without
 * Chinese is marked as the server's own words.
 */
export function detailText(detail, locale) {
  if (!detail || !(locale || '').toLowerCase().startsWith('zh')) {
    return detail || '';
  }
  const chinese = /[\u4e00-\u9fff]/;
  const [ first ] = detail.split(' / ');
  if (chinese.test(first)) {
    return first.trim();
  }
  return chinese.test(detail) ? detail : `服务器提示：${detail}`;
}
