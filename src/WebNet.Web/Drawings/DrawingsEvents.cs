using WebNet.Web.Contracts;
using WebNet.Web.Hubs;

namespace WebNet.Web.Drawings;

/// <summary>Tells every dashboard that the labelled drawings changed (ITrainingClient.DrawingsChanged), so each refreshes its gallery and count.</summary>
public sealed class DrawingsEvents(HubPusher pusher)
{
    public void Labelled(long id, int total) => Post(DrawingsChange.Labelled, id, 1, total);

    public void Deleted(long id, int total) => Post(DrawingsChange.Deleted, id, 1, total);

    public void Imported(int count, int total) => Post(DrawingsChange.Imported, null, count, total);

    private void Post(DrawingsChange change, long? id, int count, int total)
    {
        var dto = new DrawingsChangedDto(change.ToWireName(), id, count, total);
        pusher.Post(c => c.DrawingsChanged(dto));
    }
}
