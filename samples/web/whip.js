// WHIP (RFC 9725) and WHEP clients: one SDP offer POSTed, the answer applied, DELETE to end.
// Veil is ICE-lite and lists its candidates in the answer, so no trickle is needed.

async function exchange(url, token, pc) {
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const headers = { 'Content-Type': 'application/sdp' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: offer.sdp });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`${response.status}: ${body}`);
  await pc.setRemoteDescription({ type: 'answer', sdp: body });
  return new URL(response.headers.get('Location'), url);
}

function session(pc, resource, onState) {
  pc.onconnectionstatechange = () => onState?.(pc.connectionState);
  return {
    pc,
    async stop() {
      pc.close();
      await fetch(resource, { method: 'DELETE' }).catch(() => {});
    },
  };
}

export async function whipPublish(url, token, media, { codec = 'H264', onState } = {}) {
  const pc = new RTCPeerConnection();
  for (const track of media.getTracks()) {
    const transceiver = pc.addTransceiver(track, { direction: 'sendonly' });
    if (track.kind === 'video' && transceiver.setCodecPreferences) {
      const codecs = RTCRtpSender.getCapabilities('video').codecs;
      const preferred = codecs.filter(c => c.mimeType.toLowerCase() === `video/${codec.toLowerCase()}`);
      // H.264 first with the rest as fallback; any other codec asked for is offered alone (Veil prefers H.264).
      const others = codec.toUpperCase() === 'H264' ? codecs.filter(c => !preferred.includes(c)) : [];
      if (preferred.length > 0) transceiver.setCodecPreferences([...preferred, ...others]);
    }
  }
  onState?.('connecting');
  const resource = await exchange(url, token, pc);
  // Keep the camera's size: Veil's stream keeps the size it started with, so the browser should
  // drop frames rather than shrink the picture when the network or CPU is short.
  for (const sender of pc.getSenders().filter(s => s.track?.kind === 'video')) {
    const parameters = sender.getParameters();
    parameters.degradationPreference = 'maintain-resolution';
    await sender.setParameters(parameters).catch(() => {});
  }
  return session(pc, resource, onState);
}

export async function whepWatch(url, token, video, { onState } = {}) {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.ontrack = event => {
    if (event.track.kind === 'video') video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
  };
  onState?.('connecting');
  const resource = await exchange(url, token, pc);
  return session(pc, resource, onState);
}
