using Einthoven.Server.Sharing;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Tests.Units;

public class KeyHasherTests
{
    private readonly KeyHasher _hasher = new(Options.Create(new ServerOptions { KeyHashIterations = 2000 }));

    [Fact]
    public void A_key_verifies_however_it_is_typed_and_another_does_not()
    {
        var key = KeyHasher.NewKey();
        var hash = _hasher.Hash(key);
        Assert.True(_hasher.Verify(key, hash));
        Assert.True(_hasher.Verify(" " + key.ToLowerInvariant().Replace('-', ' '), hash));
        Assert.False(_hasher.Verify(KeyHasher.NewKey(), hash));
    }

    [Fact]
    public void The_same_key_hashes_differently_each_time_and_keys_differ()
    {
        var key = KeyHasher.NewKey();
        Assert.NotEqual(_hasher.Hash(key), _hasher.Hash(key));
        Assert.Equal(100, Enumerable.Range(0, 100).Select(_ => KeyHasher.NewKey()).Distinct().Count());
    }

    [Fact]
    public void Missing_and_malformed_stored_hashes_never_verify()
    {
        foreach (var stored in new[] { null, "", "plain", "pbkdf2-sha256$x$AAAA$AAAA", "md5$1$AA$AA" })
            Assert.False(_hasher.Verify("ABCD", stored));
    }

    [Fact]
    public void The_identifier_is_the_first_group_of_a_key_however_it_is_typed()
    {
        var key = KeyHasher.NewKey();
        Assert.Equal(key[..4], KeyHasher.IdentifierOf(key));
        Assert.Equal(key[..4], KeyHasher.IdentifierOf(" " + key.ToLowerInvariant().Replace('-', ' ')));
        foreach (var typed in new[] { null, "", "ABCD", key + "A", "0BCD" + key[4..], "IBCD" + key[4..] })
            Assert.Null(KeyHasher.IdentifierOf(typed));
    }
}
