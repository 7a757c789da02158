namespace WebNet.Web.Security;

public static class ControlEndpointExtensions
{
    /// <summary>A call that changes state: same-origin JSON only (ControlRequestFilter), then the admin key when one is set.</summary>
    public static TBuilder RequireControl<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ControlRequestFilter>().AddEndpointFilter<TBuilder, AdminKeyEndpointFilter>();
}
