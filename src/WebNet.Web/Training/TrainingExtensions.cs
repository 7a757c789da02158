using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebNet.Core.Training;
using WebNet.Gpu;
using WebNet.Web.Models;
using WebNet.Web.Options;
using WebNet.Web.Storage;

namespace WebNet.Web.Training;

public static class TrainingExtensions
{
    /// <summary>The run controller and its hosted service, the model store, data and backends (auto: CUDA, then OpenCL, else the CPU).</summary>
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddSingleton<ModelStore>();
        services.AddSingleton<ModelImports>();
        services.AddSingleton<RunController>();
        services.AddHostedService<TrainingService>();
        // Both read the validated WebNet:Training options. The CPU backend's workers get the training loop's priority
        // (Linux threads do not inherit SCHED_IDLE from .NET); it has a worker for every core the budget may lend it.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMachineCpu, ProcStatCpu>();
        services.AddSingleton(sp => IdleCoreBudget.For(sp.GetRequiredService<IOptions<TrainingHostOptions>>().Value, Environment.ProcessorCount, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IMachineCpu>()));
        services.TryAddSingleton<ITrainingBackendFactory>(sp =>
        {
            var host = sp.GetRequiredService<IOptions<TrainingHostOptions>>().Value;
            var budget = sp.GetRequiredService<IdleCoreBudget>();
            return new BackendFactory(budget.IdleThreads, () => TrainingPriority.TryApplyToCurrentThread(host.Priority), budget);
        });
        services.AddSingleton<IDatasetProvider>(sp => sp.GetRequiredService<IOptions<TrainingHostOptions>>().Value.SyntheticData
            ? new SyntheticDatasetProvider()
            : ActivatorUtilities.CreateInstance<MnistDatasetProvider>(sp));
        return services;
    }

    /// <summary>Every request takes the idle core back from training as it arrives, and again as it ends.</summary>
    public static WebApplication UseIdleCoreBudget(this WebApplication app)
    {
        var budget = app.Services.GetRequiredService<IdleCoreBudget>();
        app.Use(async (context, next) =>
        {
            budget.Touch();
            try
            {
                await next(context);
            }
            finally
            {
                budget.Touch();
            }
        });
        return app;
    }
}
