using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Einthoven.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TokenScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Scopes",
                table: "AccessTokens",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Scopes",
                table: "AccessTokens");
        }
    }
}
