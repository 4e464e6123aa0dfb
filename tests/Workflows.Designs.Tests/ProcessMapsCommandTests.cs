using Workflows.Designs.Maps;

namespace Workflows.Designs.Tests;

/// <summary>
/// The command behind scripts/process-maps.sh: it writes an SVG and a page per design and an index, writes
/// nothing the second time, and <c>--check</c> exits non-zero on any drift (changed, missing or left-over file).
/// </summary>
public sealed class ProcessMapsCommandTests
{
    [Fact]
    public void Committed_process_maps_match_the_designs()
    {
        // The same check as `scripts/process-maps.sh --check`, on the repository itself: CI fails on drift.
        var files = ProcessMapGenerator.Generate(Repository.Designs, Repository.ProcessMaps);
        files.Select(f => f.Name).Should().Contain(["sample-approval.svg", "sample-approval.md", "README.md"]);
        ProcessMapGenerator.Check(Repository.ProcessMaps, files).Should().BeEmpty("docs/process-maps must be regenerated (scripts/process-maps.sh) and committed with every design change");
    }

    [Fact]
    public void A_fresh_generation_passes_the_check_and_a_second_run_writes_nothing()
    {
        using var workspace = new Designs.Workspace();
        workspace.AddDesign("nomination.bpmn", Designs.Nomination());
        File.Copy(Repository.SampleDesign, Path.Combine(workspace.DesignsFolder, "Processes", "sample-approval.bpmn"));

        var (code, output, _) = Run(workspace.DesignsFolder, workspace.MapsFolder);
        code.Should().Be(ProcessMapsCommand.Ok);
        output.Should().Contain("5 written");
        Directory.GetFiles(workspace.MapsFolder).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["nomination.svg", "nomination.md", "sample-approval.svg", "sample-approval.md", "README.md"]);
        var before = Snapshot(workspace.MapsFolder);

        Run(workspace.DesignsFolder, workspace.MapsFolder, "--check").Code.Should().Be(ProcessMapsCommand.Ok);
        var again = Run(workspace.DesignsFolder, workspace.MapsFolder);
        again.Code.Should().Be(ProcessMapsCommand.Ok);
        again.Output.Should().Contain("0 written, 0 removed, 5 unchanged");
        Snapshot(workspace.MapsFolder).Should().Equal(before);

        var index = File.ReadAllText(workspace.Map("README.md"));
        index.Should().Contain("| [推荐流程](nomination.md) | `nomination` | 11 | [nomination.svg](nomination.svg) | `src/Designs/Processes/nomination.bpmn` |");
        index.Should().Contain("scripts/process-maps.sh --check");
        File.ReadAllText(workspace.Map("nomination.md")).Should().Contain("[src/Designs/Processes/nomination.bpmn](../../src/Designs/Processes/nomination.bpmn)");
    }

    [Fact]
    public void The_sample_maps_in_a_copy_equal_the_committed_ones()
    {
        using var workspace = new Designs.Workspace();
        File.Copy(Repository.SampleDesign, Path.Combine(workspace.DesignsFolder, "Processes", "sample-approval.bpmn"));
        Run(workspace.DesignsFolder, workspace.MapsFolder).Code.Should().Be(ProcessMapsCommand.Ok);
        File.ReadAllBytes(workspace.Map("sample-approval.svg")).Should().Equal(File.ReadAllBytes(Path.Combine(Repository.ProcessMaps, "sample-approval.svg")));
        File.ReadAllBytes(workspace.Map("sample-approval.md")).Should().Equal(File.ReadAllBytes(Path.Combine(Repository.ProcessMaps, "sample-approval.md")));
    }

    [Fact]
    public void Check_fails_when_a_generated_file_was_edited_and_leaves_it_alone()
    {
        using var workspace = Generated();
        var svg = workspace.Map("nomination.svg");
        File.AppendAllText(svg, "<!-- edited -->\n");
        var edited = File.ReadAllText(svg);

        var (code, _, error) = Run(workspace.DesignsFolder, workspace.MapsFolder, "--check");
        code.Should().Be(ProcessMapsCommand.Drift);
        error.Should().Contain("differs: nomination.svg").And.Contain("Run scripts/process-maps.sh");
        File.ReadAllText(svg).Should().Be(edited, "--check writes nothing");

        Run(workspace.DesignsFolder, workspace.MapsFolder).Output.Should().Contain("wrote nomination.svg");
        Run(workspace.DesignsFolder, workspace.MapsFolder, "--check").Code.Should().Be(ProcessMapsCommand.Ok);
    }

    [Fact]
    public void Check_fails_when_a_design_changed_without_its_maps()
    {
        using var workspace = Generated();
        workspace.AddDesign("nomination.bpmn", Designs.Nomination("企业推荐"));
        var (code, _, error) = Run(workspace.DesignsFolder, workspace.MapsFolder, "--check");
        code.Should().Be(ProcessMapsCommand.Drift);
        error.Should().Contain("differs: nomination.svg").And.Contain("differs: nomination.md");
    }

    [Fact]
    public void Check_fails_on_a_missing_page_and_on_the_page_of_a_removed_design()
    {
        using var workspace = Generated();
        File.Delete(workspace.Map("nomination.md"));
        File.WriteAllText(workspace.Map("old-design.svg"), "<svg/>");
        var (code, _, error) = Run(workspace.DesignsFolder, workspace.MapsFolder, "--check");
        code.Should().Be(ProcessMapsCommand.Drift);
        error.Should().Contain("missing: nomination.md").And.Contain("left over (no design): old-design.svg");

        var write = Run(workspace.DesignsFolder, workspace.MapsFolder);
        write.Output.Should().Contain("removed old-design.svg").And.Contain("wrote nomination.md");
        File.Exists(workspace.Map("old-design.svg")).Should().BeFalse();
    }

    [Fact]
    public void Windows_line_ends_in_a_checkout_are_not_drift()
    {
        using var workspace = Generated();
        var page = workspace.Map("nomination.md");
        File.WriteAllText(page, File.ReadAllText(page).Replace("\n", "\r\n", StringComparison.Ordinal));
        Run(workspace.DesignsFolder, workspace.MapsFolder, "--check").Code.Should().Be(ProcessMapsCommand.Ok);
    }

    [Fact]
    public void A_design_the_engine_cannot_run_is_refused_with_its_line()
    {
        using var workspace = new Designs.Workspace();
        workspace.AddDesign("broken.bpmn", Designs.Nomination().Replace(" wf:activityType=\"honours.checkQuota\"", "", StringComparison.Ordinal));
        var (code, _, error) = Run(workspace.DesignsFolder, workspace.MapsFolder);
        code.Should().Be(ProcessMapsCommand.Failed);
        error.Should().Contain("src/Designs/Processes/broken.bpmn: the engine cannot run this design").And.Contain("'quota' (line 13)").And.Contain("activity type");
        Directory.Exists(workspace.MapsFolder).Should().BeFalse("nothing is written when a design is refused");
    }

    [Fact]
    public void A_design_without_a_diagram_or_with_a_DTD_is_refused()
    {
        using var workspace = new Designs.Workspace();
        var xml = Designs.Nomination();
        workspace.AddDesign("nodi.bpmn", xml[..xml.IndexOf("<bpmndi:BPMNDiagram", StringComparison.Ordinal)] + "</definitions>");
        var (code, _, error) = Run(workspace.DesignsFolder, workspace.MapsFolder);
        code.Should().Be(ProcessMapsCommand.Failed);
        error.Should().Contain("nodi.bpmn: the design has no diagram");

        File.Delete(Path.Combine(workspace.DesignsFolder, "Processes", "nodi.bpmn"));
        workspace.AddDesign("dtd.bpmn", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<x>&e;</x>");
        var dtd = Run(workspace.DesignsFolder, workspace.MapsFolder);
        dtd.Code.Should().Be(ProcessMapsCommand.Failed);
        dtd.Error.Should().Contain("dtd.bpmn").And.Contain("DTD").And.NotContain("root:");
    }

    [Fact]
    public void Two_designs_with_the_same_name_in_different_folders_are_refused()
    {
        using var workspace = new Designs.Workspace();
        workspace.AddDesign("nomination.bpmn", Designs.Nomination());
        Directory.CreateDirectory(Path.Combine(workspace.DesignsFolder, "Other"));
        File.WriteAllText(Path.Combine(workspace.DesignsFolder, "Other", "nomination.bpmn"), Designs.Nomination());
        var (code, _, error) = Run(workspace.DesignsFolder, workspace.MapsFolder);
        code.Should().Be(ProcessMapsCommand.Failed);
        error.Should().Contain("would write the same page 'nomination.md'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("only-one")]
    [InlineData("a b c")]
    [InlineData("a b --force")]
    public void Bad_arguments_print_the_usage(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var output = new StringWriter();
        using var error = new StringWriter();
        ProcessMapsCommand.Run(args, output, error).Should().Be(ProcessMapsCommand.Failed);
        error.ToString().Should().StartWith("usage: process-maps <designs-folder> <output-folder> [--check]");
    }

    [Fact]
    public void A_missing_designs_folder_is_reported()
    {
        var (code, _, error) = Run(Path.Combine(Path.GetTempPath(), "no-such-designs-" + Guid.NewGuid().ToString("N")), Path.GetTempPath());
        code.Should().Be(ProcessMapsCommand.Failed);
        error.Should().Contain("does not exist");
    }

    private static Designs.Workspace Generated()
    {
        var workspace = new Designs.Workspace();
        workspace.AddDesign("nomination.bpmn", Designs.Nomination());
        Run(workspace.DesignsFolder, workspace.MapsFolder).Code.Should().Be(ProcessMapsCommand.Ok);
        Run(workspace.DesignsFolder, workspace.MapsFolder, "--check").Code.Should().Be(ProcessMapsCommand.Ok);
        return workspace;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ProcessMapsCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static List<(string Name, DateTime Written, string Text)> Snapshot(string folder) =>
        Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.GetLastWriteTimeUtc(f), File.ReadAllText(f))).ToList();
}
