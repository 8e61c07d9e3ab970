namespace Einthoven.Server.Accounts;

/// <summary>
/// A signed-in browser session, held on the server: the cookie carries only a random key, the row its SHA-256 and the
/// sign-in ticket (encrypted). Signing out deletes the row, so a copied cookie stops working at once.
/// </summary>
public sealed class UserSession
{
    /// <summary>Hex SHA-256 of the key in the cookie.</summary>
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    /// <summary>The authentication ticket, serialized and encrypted with the data-protection key ring.</summary>
    public byte[] Ticket { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
