using ILGPU;
using ILGPU.Runtime;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Gpu;

public sealed partial class IlgpuBackend
{
    public double TrainEpoch(ReadOnlySpan<int> order, Action<int, int>? batchDone, CancellationToken cancellationToken)
    {
        var run = Enter();
        if (order.Length != _train.Count)
        {
            throw new ArgumentException($"The order must list all {_train.Count} training samples.", nameof(order));
        }

        if (order.IsEmpty)
        {
            return 0;
        }

        // A kernel reading past the data set would not throw as the CPU backend does; refuse such an order here.
        foreach (var index in order)
        {
            if ((uint)index >= (uint)_train.Count)
            {
                throw new ArgumentException($"The order holds {index}, outside the training set's 0..{_train.Count - 1}.", nameof(order));
            }
        }

        Upload(run.Order, order);
        var batch = Math.Min(_options.BatchSize, _train.Count);
        var batches = (order.Length + batch - 1) / batch;
        for (var b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = b * batch;
            var count = Math.Min(batch, order.Length - start);
            _gather(new Index2D(_shape.InputSize, count), run.TrainImages, run.TrainLabels, run.Order.SubView(start, count), run.Input, run.RowLabels, _shape.InputSize);
            Forward(run, run.Input, count);
            Output(run, run.RowLabels, count, start, writeDelta: true);
            Backward(run, count);
            _step++;
            Update(run, count);

            // Reported when the batch is queued: the device runs behind by at most its launch queue.
            batchDone?.Invoke(b + 1, batches);
        }

        // The one wait of the epoch. Summing on the host in double, in order, is what CpuBackend does.
        var losses = run.HostLoss.AsSpan(0, order.Length);
        Download(run.SampleLoss, losses);
        var lossSum = 0.0;
        foreach (var loss in losses)
        {
            lossSum += loss;
        }

        return lossSum / order.Length;
    }

    public Evaluation Evaluate(bool trainingSet = false, CancellationToken cancellationToken = default)
    {
        var run = Enter();
        var data = trainingSet ? _train : _test;
        var images = trainingSet ? run.TrainImages : run.TestImages;
        var labels = trainingSet ? run.TrainLabels : run.TestLabels;
        if (data.Count == 0)
        {
            return new Evaluation(0, 0, 0);
        }

        var inputs = _shape.InputSize;
        for (var start = 0; start < data.Count; start += run.Capacity)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(run.Capacity, data.Count - start);
            Forward(run, images.SubView((long)start * inputs, (long)count * inputs), count);
            Output(run, labels.SubView(start, count), count, start, writeDelta: false);
        }

        var losses = run.HostLoss.AsSpan(0, data.Count);
        var predictions = run.HostPrediction.AsSpan(0, data.Count);
        Download(run.SampleLoss, losses);
        Download(run.SamplePrediction, predictions);
        var correct = 0;
        var lossSum = 0.0;
        for (var r = 0; r < data.Count; r++)
        {
            lossSum += losses[r];
            if (predictions[r] == data.Labels[r])
            {
                correct++;
            }
        }

        return new Evaluation(correct, data.Count, lossSum / data.Count);
    }

    /// <summary>a_l (rows, Out) = f(a_{l-1} W^T + b) for every layer, a_{-1} = x (rows, In).</summary>
    private void Forward(DeviceRun run, ArrayView<float> x, int rows)
    {
        for (var l = 0; l < _shape.Layers.Count; l++)
        {
            var layer = _shape.Layers[l];
            var input = l == 0 ? x : run.Activations[l - 1];
            var spec = new MatMulSpec(rows, layer.Outputs, layer.Inputs, layer.Inputs, 1, 1, layer.Inputs, layer.Outputs, _tile, Epilogue.BiasActivation, layer.Activation);
            MatMul(input, Weights(run, l), run.Activations[l], run.Parameters.SubView(_shape.BiasOffset(l), layer.Outputs), run.Unused, spec);
        }
    }

    /// <summary>Softmax where the cost needs it, then per-row loss and prediction (at sample position start), and the output delta.</summary>
    private void Output(DeviceRun run, ArrayView<int> rowLabels, int rows, int start, bool writeDelta)
    {
        var last = _shape.Layers.Count - 1;
        _output(rows, run.Activations[last], rowLabels, run.Deltas[last], run.SampleLoss.SubView(start, rows), run.SamplePrediction.SubView(start, rows), new OutputSpec(_shape.OutputSize, _shape.Cost, writeDelta ? 1 : 0));
    }

    /// <summary>delta_{l-1} (rows, In) = (delta_l W_l) * f'(a_{l-1}), from the output layer down.</summary>
    private void Backward(DeviceRun run, int rows)
    {
        for (var l = _shape.Layers.Count - 1; l >= 1; l--)
        {
            var layer = _shape.Layers[l];
            var spec = new MatMulSpec(rows, layer.Inputs, layer.Outputs, layer.Outputs, 1, layer.Inputs, 1, layer.Inputs, _tile, Epilogue.TimesDerivative, _shape.Layers[l - 1].Activation);
            MatMul(run.Deltas[l], Weights(run, l), run.Deltas[l - 1], run.Unused, run.Activations[l - 1], spec);
        }
    }

    /// <summary>Per layer: dW (Out, In) = delta^T x and db = column sums of delta (summed, not yet averaged), then the optimizer step.</summary>
    private void Update(DeviceRun run, int rows)
    {
        var decay = _options.L2 / _train.Count;
        var scale = 1f / rows;
        var c1 = 0f;
        var c2 = 0f;
        if (_options.Optimizer == Optimizer.Adam)
        {
            (c1, c2) = Adam.BiasCorrections(_step);
        }

        for (var l = 0; l < _shape.Layers.Count; l++)
        {
            var layer = _shape.Layers[l];
            var x = l == 0 ? run.Input : run.Activations[l - 1];
            var delta = run.Deltas[l];
            var spec = new MatMulSpec(layer.Outputs, layer.Inputs, rows, 1, layer.Outputs, layer.Inputs, 1, layer.Inputs, _tile, Epilogue.Store, Activation.Sigmoid);
            MatMul(delta, x, run.Gradients.SubView(_shape.WeightOffset(l), layer.WeightCount), run.Unused, run.Unused, spec);
            _sumRows(layer.Outputs, delta, run.Gradients.SubView(_shape.BiasOffset(l), layer.Outputs), layer.Outputs, rows);
            var update = new UpdateSpec(_options.Optimizer, _shape.WeightOffset(l), layer.WeightCount, _learningRate, scale, decay, _options.Momentum, c1, c2);
            _update(layer.ParameterCount, run.Parameters, run.Gradients, run.State1, run.State2, update);
        }
    }

    private ArrayView<float> Weights(DeviceRun run, int layer) => run.Parameters.SubView(_shape.WeightOffset(layer), _shape.Layers[layer].WeightCount);

    private void MatMul(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> bias, ArrayView<float> aux, MatMulSpec spec)
    {
        if (!UseTiledMatMul)
        {
            _matMulSimple(new Index2D(spec.N, spec.M), a, b, c, bias, aux, spec);
            return;
        }

        var t = _tile;
        var grid = new Index2D((spec.N + t - 1) / t, (spec.M + t - 1) / t);
        var config = new KernelConfig(grid, new Index2D(t, t), SharedMemoryConfig.RequestDynamic<float>(2 * t * (t + 1)));
        _matMul(config, a, b, c, bias, aux, spec);
    }
}
