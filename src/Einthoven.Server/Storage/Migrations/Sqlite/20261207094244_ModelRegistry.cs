using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Einthoven.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ModelRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DatasetVersions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Standard = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Recordings = table.Column<int>(type: "INTEGER", nullable: false),
                    Patients = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldoutRecordings = table.Column<int>(type: "INTEGER", nullable: false),
                    Beats = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldoutBeats = table.Column<int>(type: "INTEGER", nullable: false),
                    Disagreements = table.Column<int>(type: "INTEGER", nullable: false),
                    VerificationSets = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousChampion = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightsSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CardJson = table.Column<string>(type: "TEXT", nullable: false),
                    DatasetVersionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    MetricsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PromotedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PromotedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetiredBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RolledBackAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetrainingRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DatasetVersionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChampionVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ChallengerVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    MetricsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExitCode = table.Column<int>(type: "INTEGER", nullable: true),
                    StderrTail = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetrainingRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DatasetRecordings",
                columns: table => new
                {
                    DatasetVersionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordName = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Holdout = table.Column<bool>(type: "INTEGER", nullable: false),
                    Beats = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetRecordings", x => new { x.DatasetVersionId, x.RecordName });
                    table.ForeignKey(
                        name: "FK_DatasetRecordings_DatasetVersions_DatasetVersionId",
                        column: x => x.DatasetVersionId,
                        principalTable: "DatasetVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DatasetRecordings_RecordingId",
                table: "DatasetRecordings",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_DatasetVersions_CreatedAt",
                table: "DatasetVersions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ModelEvents_Kind_At",
                table: "ModelEvents",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_Kind_Status",
                table: "ModelVersions",
                columns: new[] { "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_Kind_Version",
                table: "ModelVersions",
                columns: new[] { "Kind", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetrainingRuns_StartedAt",
                table: "RetrainingRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RetrainingRuns_Status",
                table: "RetrainingRuns",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DatasetRecordings");

            migrationBuilder.DropTable(
                name: "ModelEvents");

            migrationBuilder.DropTable(
                name: "ModelVersions");

            migrationBuilder.DropTable(
                name: "RetrainingRuns");

            migrationBuilder.DropTable(
                name: "DatasetVersions");
        }
    }
}
