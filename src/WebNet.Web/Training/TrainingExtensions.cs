using Microsoft.Extensions.DependencyInjection.Extensions;
using WebNet.Core.Training;
using WebNet.Gpu;
using WebNet.Web.Models;
using WebNet.Web.Options;
using WebNet.Web.Storage;

namespace WebNet.Web.Training;

public static class TrainingExtensions
{
    /// <summary>The run controller and its hosted service, SQLite storage, the model store, data and backends (auto: CUDA, then OpenCL, else the CPU).</summary>
    public static IServiceCollection AddTraining(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ModelStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<RunController>();
        services.AddHostedService<TrainingService>();
        var host = configuration.GetSection(TrainingHostOptions.Section).Get<TrainingHostOptions>() ?? new TrainingHostOptions();
        // The CPU backend's workers get the training loop's priority (Linux threads do not inherit SCHED_IDLE from .NET).
        services.TryAddSingleton<ITrainingBackendFactory>(new IlgpuBackendFactory(host.EffectiveCpuThreads, () => TrainingPriority.TryApplyToCurrentThread(host.Priority)));
        if (host.SyntheticData)
        {
            services.AddSingleton<IDatasetProvider>(new SyntheticDatasetProvider());
        }
        else
        {
            services.AddSingleton<IDatasetProvider, MnistDatasetProvider>();
        }

        return services;
    }
}
