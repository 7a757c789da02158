using WebNet.Web.Contracts;
using WebNet.Web.Training;

namespace WebNet.Web.Cluster;

/// <summary>What the run controller needs of the cluster when scaled out: whether it holds the trainer lease, a check before storing, forwarding and announcing.</summary>
public sealed class ClusterLink(TrainerLease lease, ControlRelay relay, ILogger<ClusterLink> logger)
{
    public bool IsTrainer => lease.IsHeld;

    /// <summary>True when the lease session answers right now (called before every stored epoch).</summary>
    public bool ConfirmLease() => lease.Confirm();

    public Task<CommandResult> ForwardAsync(ControlCommand command, string? options, RunStateDto current, CancellationToken cancellationToken) =>
        relay.SendAsync(command, options, current, cancellationToken);

    public void Announce() => relay.Announce();

    public void ReportHandedOver() => ClusterLog.TrainingHandedOver(logger);

    /// <summary>
    /// Storing an epoch failed (the shared database): the lease is given up rather than the run failed, so that the
    /// next holder (possibly this replica again) resumes it from its last stored checkpoint once the database answers.
    /// </summary>
    public void GiveUpLease(Exception reason)
    {
        ClusterLog.LeaseGivenUp(logger, reason.Message);
        lease.ReleaseAsync().GetAwaiter().GetResult();
    }
}
