using System.ComponentModel.DataAnnotations;

namespace WebNet.Web.Options;

/// <summary>
/// The WebNet:Limits section: the largest request body the server reads (Kestrel's MaxRequestBodySize). A body over it
/// is answered 413 before it is read. Endpoints with their own smaller caps answer first (a start body over 64 KB is a
/// 400 naming the body, a drawing over 1 MiB a 413); PUT /api/model alone raises the cap, to the 64 MiB model limit.
/// </summary>
public sealed class RequestLimitOptions
{
    public const string Section = "WebNet:Limits";

    /// <summary>2 MiB by default: nothing but a model import needs more, and it raises the cap for itself.</summary>
    [Range(64 * 1024, int.MaxValue)]
    public int MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;
}
