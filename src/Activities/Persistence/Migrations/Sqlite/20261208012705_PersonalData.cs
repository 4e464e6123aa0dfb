using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Activities.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "objector_contact_masked",
                table: "objections",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "objector_name_masked",
                table: "objections",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "personal_data_erased_at",
                table: "objections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "identifier_sealed",
                table: "nominees",
                type: "TEXT",
                maxLength: 1200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "personal_data_access",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fields = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_data_access", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_access_at",
                table: "personal_data_access",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_access_subject_subject_id",
                table: "personal_data_access",
                columns: new[] { "subject", "subject_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "personal_data_access");

            migrationBuilder.DropColumn(
                name: "objector_contact_masked",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "objector_name_masked",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "personal_data_erased_at",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "identifier_sealed",
                table: "nominees");
        }
    }
}
