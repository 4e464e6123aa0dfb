using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RequestsPerActor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_processed_requests",
                table: "processed_requests");

            migrationBuilder.AddColumn<string>(
                name: "actor",
                table: "processed_requests",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "fingerprint",
                table: "processed_requests",
                type: "text",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_processed_requests",
                table: "processed_requests",
                columns: new[] { "actor", "request_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_processed_requests",
                table: "processed_requests");

            migrationBuilder.DropColumn(
                name: "actor",
                table: "processed_requests");

            migrationBuilder.DropColumn(
                name: "fingerprint",
                table: "processed_requests");

            migrationBuilder.AddPrimaryKey(
                name: "pk_processed_requests",
                table: "processed_requests",
                column: "request_id");
        }
    }
}
