namespace Workflows.Designs.Maps.Pages;

/// <summary>The index page (<c>README.md</c>) of the output folder: what is here, the command, and the list of designs.</summary>
public static class ProcessMapIndex
{
    public static string Write(IReadOnlyList<DesignFile> designs)
    {
        ArgumentNullException.ThrowIfNull(designs);
        var md = new Markdown();
        md.Heading(1, "流程图 · Process maps");
        md.Paragraph("本目录由 `scripts/process-maps.sh` 从 `src/Designs/**/*.bpmn` 生成：每个设计一张 SVG 流程图和一页说明（步骤、处理人、期限、提醒、超时处理、网关条件、定时、消息、活动与规则）。请勿手工修改：改了设计就重新生成，并把生成的文件一起提交。");
        md.Paragraph("Everything in this folder is generated from the BPMN designs under `src/Designs/`: one SVG picture (drawn from the file's diagram interchange in the bpmn-js look) and one page per design, plus this index. Do not edit these files by hand; regenerate them and commit them with the design change.");

        md.Heading(2, "命令 (Command)");
        md.Line("```sh");
        md.Line("scripts/process-maps.sh           # regenerate docs/process-maps from src/Designs");
        md.Line("scripts/process-maps.sh --check   # CI: exit 1 when a committed file differs from a fresh generation");
        md.Line("```");
        md.Line();
        md.Paragraph("The script runs `dotnet run --project src/Designs/Maps -- src/Designs docs/process-maps [--check]`. Exit codes: `0` written or up to date; `1` (`--check` only) a file is missing, differs or is left over from a removed design — the files are listed; `2` bad arguments, or a design the engine cannot run or that has no diagram (every problem is listed with its line). Running the command twice leaves no diff: the output depends only on the designs (no timestamps, invariant number formatting, fixed element order, text wrapped by estimated widths rather than installed fonts). The test `Committed_process_maps_match_the_designs` in `tests/Workflows.Designs.Tests` runs the same check in `scripts/test.sh`, so CI fails when a design changes without its maps.");

        md.Heading(2, "设计 (Designs)");
        md.Table(
            ["设计", "流程键", "步骤数", "图", "BPMN 文件"],
            designs.Select(d => (IReadOnlyList<string>)
            [
                $"[{Markdown.Inline(d.Title)}]({d.Stem}.md)",
                string.Join("、", d.Processes.Select(p => Markdown.Code(p.Key))),
                ProcessMapPage.Count(ProcessMapPage.CountSteps(d)),
                $"[{d.Stem}.svg]({d.Stem}.svg)",
                Markdown.Code(d.DisplayPath),
            ]),
            "还没有设计。No designs yet.");
        return md.ToString().TrimEnd('\n') + "\n";
    }
}
