using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScopesDelegationCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_id_assignee_created_at_due_at",
                table: "tasks");

            migrationBuilder.AddColumn<string>(
                name: "campaign",
                table: "tasks",
                type: "text",
                nullable: true);

            // Tasks of the previous schema were never delegated: "None" (DelegationState.None), not EF's "".
            migrationBuilder.AddColumn<string>(
                name: "delegation",
                table: "tasks",
                type: "text",
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "organization_path",
                table: "tasks",
                type: "text",
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "owner",
                table: "tasks",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "started_by",
                table: "tasks",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "campaign",
                table: "instances",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "organization_path",
                table: "instances",
                type: "text",
                nullable: true,
                collation: "C");

            migrationBuilder.CreateTable(
                name: "task_copies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    element_id = table.Column<string>(type: "text", nullable: true),
                    task_name = table.Column<string>(type: "text", nullable: true),
                    definition_key = table.Column<string>(type: "text", nullable: false),
                    business_key = table.Column<string>(type: "text", nullable: true),
                    organization_path = table.Column<string>(type: "text", nullable: true),
                    campaign = table.Column<string>(type: "text", nullable: true),
                    reader = table.Column<string>(type: "text", nullable: false),
                    copied_by = table.Column<string>(type: "text", nullable: true),
                    comment = table.Column<string>(type: "text", nullable: true),
                    copied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_copies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_organization_path",
                table: "tasks",
                column: "organization_path");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_to_do",
                table: "tasks",
                columns: new[] { "id", "assignee", "created_at", "due_at", "organization_path", "campaign" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_campaign",
                table: "instances",
                column: "campaign");

            migrationBuilder.CreateIndex(
                name: "ix_instances_organization_path",
                table: "instances",
                column: "organization_path");

            migrationBuilder.CreateIndex(
                name: "ix_instances_started_by_started_at",
                table: "instances",
                columns: new[] { "started_by", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_history_events_actor_at_id",
                table: "history_events",
                columns: new[] { "actor", "at", "id" },
                filter: "\"type\" IN ('TaskCompleted', 'TaskReturned', 'TaskRejected', 'TaskTransferred', 'TaskDelegated', 'TaskResolved', 'InstanceWithdrawn', 'SignerCompleted')");

            migrationBuilder.CreateIndex(
                name: "ix_task_copies_reader_copied_at_id",
                table: "task_copies",
                columns: new[] { "reader", "copied_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_copies");

            migrationBuilder.DropIndex(
                name: "ix_tasks_organization_path",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_to_do",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_instances_campaign",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_instances_organization_path",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_instances_started_by_started_at",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_history_events_actor_at_id",
                table: "history_events");

            migrationBuilder.DropColumn(
                name: "campaign",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "delegation",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "organization_path",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "owner",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "started_by",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "campaign",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "organization_path",
                table: "instances");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_id_assignee_created_at_due_at",
                table: "tasks",
                columns: new[] { "id", "assignee", "created_at", "due_at" });
        }
    }
}
