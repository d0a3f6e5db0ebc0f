// Plays a stream's HLS output in a <video>: hls.js over Media Source Extensions, or the browser's
// own HLS (Safari, iOS). Needs vendor/hls.js/hls.min.js loaded first (the global Hls).

// Until the stream's first segment is written the playlist is a 404: ask again, as a viewer
// opening the page before the publisher starts expects.
const RETRY_MS = 1000;

export function hlsWatch(url, video, { onState = () => {} } = {}) {
  if (!window.Hls?.isSupported()) {
    if (!video.canPlayType('application/vnd.apple.mpegurl')) throw new Error('this browser plays neither HLS nor Media Source Extensions');
    video.src = url;
    video.addEventListener('playing', () => onState('connected'), { once: true });
    onState('loading');
    return;
  }
  const hls = new Hls();
  window.veilHls = hls; // read by tests: hls.latency, the live edge's distance
  hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch(() => {}));
  hls.on(Hls.Events.FRAG_BUFFERED, () => onState('connected'));
  // The segment playing (its media sequence number and where it starts on the video's clock): read by
  // tests to place the playhead on the stream's own timeline.
  hls.on(Hls.Events.FRAG_CHANGED, (_, { frag }) => { window.veilHlsPlaying = { sn: frag.sn, start: frag.start }; });
  hls.on(Hls.Events.ERROR, (_, data) => {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
      onState('waiting for the stream');
      setTimeout(() => hls.loadSource(url.toString()), RETRY_MS);
    } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      hls.recoverMediaError();
    } else {
      onState('failed: ' + data.details);
    }
  });
  onState('loading');
  hls.loadSource(url.toString());
  hls.attachMedia(video);
}
