using Veil.Sidecar.Media;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Media;

public sealed class MediaStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("veil-media-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_stored_file_lives_under_its_hash_with_its_bytes_and_sniffed_type()
    {
        var store = new MediaStore(_root);
        var bytes = Samples.Mp4();
        var sha = Samples.Sha256(bytes);

        var stored = await store.PutAsync(new MemoryStream(bytes), sha, 1 << 20, [MediaTypes.Mp4], CancellationToken.None);

        Assert.Equal(new StoredMedia(sha, bytes.Length, MediaTypes.Mp4), stored);
        Assert.Equal(Path.Combine(_root, sha[..2], sha), store.Find(sha));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.Find(sha)!));
        Assert.Equal(stored, await store.DescribeAsync(sha, CancellationToken.None));
    }

    [Fact]
    public async Task Content_that_does_not_match_its_hash_size_or_type_leaves_nothing_behind()
    {
        var store = new MediaStore(_root);
        var bytes = Samples.Jpeg();
        var other = Samples.Sha256(Samples.Jpeg());

        var mismatch = await Assert.ThrowsAsync<MediaRejectedException>(() => store.PutAsync(new MemoryStream(bytes), other, 1 << 20, null, CancellationToken.None));
        Assert.Contains($"hashes to {Samples.Sha256(bytes)}, not the declared {other}", mismatch.Message, StringComparison.Ordinal);
        var large = await Assert.ThrowsAsync<MediaRejectedException>(() => store.PutAsync(new MemoryStream(bytes), null, bytes.Length - 1, null, CancellationToken.None));
        Assert.Contains("larger than", large.Message, StringComparison.Ordinal);
        var type = await Assert.ThrowsAsync<MediaRejectedException>(() => store.PutAsync(new MemoryStream(bytes), null, 1 << 20, [MediaTypes.Gif], CancellationToken.None));
        Assert.Contains("content is image/jpeg, not image/gif", type.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<MediaRejectedException>(() => store.PutAsync(new MemoryStream(bytes), "../../etc/passwd", 1 << 20, null, CancellationToken.None));

        Assert.Equal([Path.Combine(_root, ".tmp")], Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories));
        Assert.Null(store.Find(Samples.Sha256(bytes)));
    }

    [Theory]
    [InlineData("../../../../../../etc/passwd")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567890")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678/")]
    [InlineData("")]
    public void Names_other_than_64_lowercase_hex_are_refused_before_any_path_is_made(string name)
    {
        Assert.False(MediaStore.IsValidName(name));
        Assert.Null(new MediaStore(_root).Find(name));
    }

    [Fact]
    public async Task Writers_of_the_same_content_at_once_leave_one_whole_file()
    {
        var store = new MediaStore(_root);
        var bytes = Samples.Jpeg(512 * 1024);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => store.PutAsync(new MemoryStream(bytes), null, 1 << 20, null, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(Samples.Sha256(bytes), r.Sha256));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.Find(Samples.Sha256(bytes))!));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, ".tmp")));
    }

    [Fact]
    public void Temp_files_a_crash_left_are_removed_at_start_when_old_but_not_while_another_writer_may_own_them()
    {
        var temp = Directory.CreateDirectory(Path.Combine(_root, ".tmp")).FullName;
        File.WriteAllBytes(Path.Combine(temp, "old"), [1]);
        File.SetLastWriteTimeUtc(Path.Combine(temp, "old"), DateTime.UtcNow.AddHours(-2));
        File.WriteAllBytes(Path.Combine(temp, "fresh"), [1]);

        _ = new MediaStore(_root);

        Assert.Equal(["fresh"], Directory.EnumerateFiles(temp).Select(Path.GetFileName));
    }
}
