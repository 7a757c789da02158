namespace WebNet.Web.Contracts;

public sealed record HealthDto(string Status, string Training, bool Model);
