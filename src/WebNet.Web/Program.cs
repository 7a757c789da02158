using WebNet.Web.Api;
using WebNet.Web.Cluster;
using WebNet.Web.Drawings;
using WebNet.Web.Health;
using WebNet.Web.Hubs;
using WebNet.Web.Options;
using WebNet.Web.Security;
using WebNet.Web.Storage;
using WebNet.Web.Training;

// The web root is the repository's wwwroot/ (WebRootLocator); http://localhost:5000 unless --urls says otherwise.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRootLocator.Resolve(args) });

builder.ListenOnLoopbackUnlessAdminKeySet();
builder.AllowLoopbackHostsUnlessConfigured();
builder.AddRequestLoggingWithoutQueries();
builder.Services.AddWebNetOptions();
builder.Services.AddApi();
builder.Services.AddWebNetHealthChecks();
builder.Services.AddStorage();
builder.Services.AddTraining();
builder.Services.AddTrainingHub();
builder.Services.AddDrawings();
builder.AddCluster();

var app = builder.Build();

app.UseIdleCoreBudget();
app.UseHttpLogging();
app.UseSecurityHeaders();
app.UseApi();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapApi();
app.MapTrainingHub();

app.Run();

public partial class Program;
