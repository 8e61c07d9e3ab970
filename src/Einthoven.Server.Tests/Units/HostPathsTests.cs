using Einthoven.Server.Web;

namespace Einthoven.Server.Tests.Units;

public sealed class HostPathsTests
{
    [Fact]
    public void Without_a_configured_content_root_the_server_finds_its_files_next_to_its_assembly()
    {
        Assert.Equal(AppContext.BaseDirectory, HostPaths.Options([]).ContentRootPath);
        Assert.Null(HostPaths.Options(["--contentRoot", "/srv/einthoven"]).ContentRootPath);
        Assert.Null(HostPaths.Options(["--contentRoot=/srv/einthoven"]).ContentRootPath);
    }
}
