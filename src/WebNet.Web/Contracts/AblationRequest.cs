namespace WebNet.Web.Contracts;

/// <summary>POST /api/insight/ablation: either off (hidden neuron indices to switch off) or dimmest (switch off the N dimmest).</summary>
public sealed record AblationRequest(int[]? Off, int? Dimmest);
