using WebNet.Core.Training;

namespace WebNet.Core.PenStrokes;

/// <summary>
/// Places strokes from their field onto a canvas as a <see cref="PenStyle"/> asks: a smooth shake of the path, the
/// scale that makes the upright digit's ink DigitHeight of the canvas, the tilt about its centre, then the position
/// in the room left around it. A digit too wide for the canvas at that height is scaled down until its ink fits.
/// </summary>
internal static class StrokeLayout
{
    // Each axis of the shake is a sum of this many plane waves, with wavelengths between these fractions of the digit height.
    private const int Waves = 3;
    private const double MinWavelength = 0.35, MaxWavelength = 1.0;

    public static StrokeSegment[] Place(IReadOnlyList<StrokeSegment> strokes, PenStyle style)
    {
        if (strokes.Count == 0)
        {
            return [];
        }

        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var s in strokes)
        {
            (minX, maxX) = (Math.Min(minX, Math.Min(s.X0, s.X1)), Math.Max(maxX, Math.Max(s.X0, s.X1)));
            (minY, maxY) = (Math.Min(minY, Math.Min(s.Y0, s.Y1)), Math.Max(maxY, Math.Max(s.Y0, s.Y1)));
        }

        var fieldHeight = Math.Max(maxY - minY, 1.0);
        var shake = Shake.Create(style.ShakeSeed, style.Shake * fieldHeight, fieldHeight);
        var (cx, cy) = ((minX + maxX) / 2.0, (minY + maxY) / 2.0);
        var radius = (style.PenWidth / 2) + 1;
        var scale = Math.Max((style.DigitHeight * style.CanvasSize) - style.PenWidth, 1) / fieldHeight;
        var (cos, sin) = (Math.Cos(style.TiltDegrees * Math.PI / 180), Math.Sin(style.TiltDegrees * Math.PI / 180));

        // Shaken, tilted and scaled about the centre; positioned below.
        var points = new (double X, double Y)[strokes.Count * 2];
        for (var i = 0; i < strokes.Count; i++)
        {
            points[2 * i] = Turn(strokes[i].X0, strokes[i].Y0);
            points[(2 * i) + 1] = Turn(strokes[i].X1, strokes[i].Y1);
        }

        (double X, double Y) Turn(double x, double y)
        {
            var (dx, dy) = shake.At(x, y);
            var (u, v) = (x + dx - cx, y + dy - cy);
            return (scale * ((cos * u) - (sin * v)), scale * ((sin * u) + (cos * v)));
        }

        double qx0 = points.Min(p => p.X), qx1 = points.Max(p => p.X), qy0 = points.Min(p => p.Y), qy1 = points.Max(p => p.Y);
        var room = style.CanvasSize - (2 * radius);
        var fit = Math.Min(1, Math.Min(room / Math.Max(qx1 - qx0, 1e-9), room / Math.Max(qy1 - qy0, 1e-9)));
        (qx0, qx1, qy0, qy1) = (qx0 * fit, qx1 * fit, qy0 * fit, qy1 * fit);
        var left = radius + (style.PositionX * Math.Max(0, room - (qx1 - qx0))) - qx0;
        var top = radius + (style.PositionY * Math.Max(0, room - (qy1 - qy0))) - qy0;
        var placed = new StrokeSegment[strokes.Count];
        for (var i = 0; i < strokes.Count; i++)
        {
            var (a, b) = (points[2 * i], points[(2 * i) + 1]);
            placed[i] = new StrokeSegment((float)(left + (fit * a.X)), (float)(top + (fit * a.Y)), (float)(left + (fit * b.X)), (float)(top + (fit * b.Y)));
        }

        return placed;
    }

    /// <summary>A smooth displacement field: per axis, a sum of plane waves of random direction, wavelength and phase.</summary>
    private sealed class Shake
    {
        private readonly (double Kx, double Ky, double Phase)[] _x = new (double, double, double)[Waves];
        private readonly (double Kx, double Ky, double Phase)[] _y = new (double, double, double)[Waves];
        private readonly double _amplitude;

        private Shake(double amplitude) => _amplitude = amplitude;

        public static Shake Create(ulong seed, double amplitude, double size)
        {
            var random = new SplitMix64(seed);
            var shake = new Shake(amplitude / Math.Sqrt(Waves / 2.0));
            foreach (var waves in new[] { shake._x, shake._y })
            {
                for (var k = 0; k < Waves; k++)
                {
                    var angle = 2 * Math.PI * random.NextDouble();
                    var wavelength = size * (MinWavelength + ((MaxWavelength - MinWavelength) * random.NextDouble()));
                    var (kx, ky) = (2 * Math.PI * Math.Cos(angle) / wavelength, 2 * Math.PI * Math.Sin(angle) / wavelength);
                    waves[k] = (kx, ky, 2 * Math.PI * random.NextDouble());
                }
            }

            return shake;
        }

        public (double Dx, double Dy) At(double x, double y)
        {
            if (_amplitude == 0)
            {
                return (0, 0);
            }

            double dx = 0, dy = 0;
            for (var k = 0; k < Waves; k++)
            {
                dx += Math.Sin((_x[k].Kx * x) + (_x[k].Ky * y) + _x[k].Phase);
                dy += Math.Sin((_y[k].Kx * x) + (_y[k].Ky * y) + _y[k].Phase);
            }

            return (_amplitude * dx, _amplitude * dy);
        }
    }
}
