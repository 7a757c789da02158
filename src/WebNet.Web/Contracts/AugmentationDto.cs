namespace WebNet.Web.Contracts;

/// <summary>A run's augmentation ranges (all 0: none). Units as in <see cref="AugmentationRequest"/>.</summary>
public sealed record AugmentationDto(float Rotation, float Scale, float Shear, float Shift, float Elastic, float Thickness, float Pen = 0f);
