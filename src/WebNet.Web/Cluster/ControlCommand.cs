namespace WebNet.Web.Cluster;

/// <summary>The control commands a follower forwards to the trainer.</summary>
public enum ControlCommand
{
    Start,
    Pause,
    Resume,
    Stop,
}
