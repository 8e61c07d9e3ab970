using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Einthoven.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SharingKeysRevoke : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Identifier",
                table: "AccessKeys",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxUses",
                table: "AccessKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Uses",
                table: "AccessKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_AccessKeys_PatientId_Identifier",
                table: "AccessKeys",
                columns: new[] { "PatientId", "Identifier" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccessKeys_PatientId_Identifier",
                table: "AccessKeys");

            migrationBuilder.DropColumn(
                name: "Identifier",
                table: "AccessKeys");

            migrationBuilder.DropColumn(
                name: "MaxUses",
                table: "AccessKeys");

            migrationBuilder.DropColumn(
                name: "Uses",
                table: "AccessKeys");
        }
    }
}
