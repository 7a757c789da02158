namespace WebNet.Web.Storage;

/// <summary>A labelled drawing as listed: what the person said, what the model answered, which model, when, and the 28x28 input it read (bytes 0-255).</summary>
public sealed record StoredDrawing(long Id, int Label, int? Answer, string? Model, DateTimeOffset CreatedAt, byte[] Input);
