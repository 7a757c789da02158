using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using WebNet.Core.Serialization;
using WebNet.Web.Api;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Api;

public sealed class RequestBodyLimitTests : IDisposable
{
    private readonly WebNetFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ABodyThatDeclaresSixtyMegabytesAndSendsTenBytesIsNotAllocatedFromItsDeclaredLength()
    {
        var body = new TrickleStream(new byte[10]);
        var context = new DefaultHttpContext();
        context.Request.ContentLength = 60_000_000;
        context.Request.Body = body;

        // The first read completes at once and the second waits for bytes that have not come, so everything the reader
        // allocates before it waits happens on this thread, synchronously inside ReadAsync.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var reading = RequestBody.ReadAsync(context.Request, ModelJson.MaxDocumentBytes, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(reading.IsCompleted);
        Assert.Equal(2, body.Reads);
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes allocated while waiting for a body that declared 60,000,000");

        body.End();
        Assert.Equal(10, (await reading)!.Length);
    }

    [Fact]
    public async Task ABodyLongerThanTheLimitAsItArrivesIsRefusedWithoutALength()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(new byte[100_001]);
        Assert.Null(await RequestBody.ReadAsync(context.Request, 100_000, CancellationToken.None));
        context.Request.Body = new MemoryStream(new byte[100_000]);
        Assert.Equal(100_000, (await RequestBody.ReadAsync(context.Request, 100_000, CancellationToken.None))!.Length);
    }

    [Fact]
    public async Task AThirtyOneMegabyteStartBodyIsAnswered413AsProblemDetailsNamingTheLimit()
    {
        var response = await _factory.CreateClient().PostAsync("/api/training/start", JsonBytes(31 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Contains("2097152 bytes", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("idle", (await _factory.CreateClient().StateAsync()).State);
    }

    [Fact]
    public async Task AModelFileOverSixtyFourMebibytesIsAnswered413StatingTheLimit()
    {
        var response = await _factory.CreateClient().PutAsync("/api/model", JsonBytes(ModelJson.MaxDocumentBytes + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal($"A model file may be at most {ModelJson.MaxDocumentBytes} bytes (65536 KiB).", problem.Detail);
    }

    [Fact]
    public async Task ADrawingOverOneMebibyteIsAnswered413()
    {
        var content = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var response = await _factory.CreateClient().PostAsync("/api/classify", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static ByteArrayContent JsonBytes(int length)
    {
        var bytes = new byte[length];
        bytes.AsSpan().Fill((byte)' ');
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A body that hands over its bytes on the first read and then waits, as a slow client's socket does.</summary>
    private sealed class TrickleStream(byte[] first) : Stream
    {
        private readonly TaskCompletionSource<int> _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _sent;

        public int Reads { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void End() => _rest.TrySetResult(0);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            if (_sent)
            {
                return new ValueTask<int>(_rest.Task);
            }

            _sent = true;
            first.CopyTo(buffer);
            return new ValueTask<int>(first.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
