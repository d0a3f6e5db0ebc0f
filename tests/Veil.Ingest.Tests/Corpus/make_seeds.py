#!/usr/bin/env python3
"""Writes the seed corpora that are not captures, from the captures and from ffmpeg and GStreamer:

  Amf0/       the command and data message bodies of the ChunkStream captures, Veil's own replies,
              and hand-made values (every AMF0 type, nesting)
  FlvTag/     FLV tags (type | size | time | stream id | data | previous tag size): files written by
              ffmpeg and GStreamer's flvmux, the media messages of the RTMP captures, single tags
  GrpcFrame/  gRPC Publish calls, each request length-delimited (varint length, then the
              PublishRequest): settings of each kind, then H.264, JPEG or raw frames made by ffmpeg
  ChunkStream/edge-*, breach-*: hand-made chunk streams (the captures come from capture_rtmp.py)

Run from this folder after capture_rtmp.py: python3 make_seeds.py (needs ffmpeg and gst-launch-1.0).
"""
import os
import struct
import subprocess
import tempfile

from capture_rtmp import read_messages

HERE = os.path.dirname(os.path.abspath(__file__))


def write(folder, name, comment, data):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    with open(os.path.join(HERE, folder, name), "w") as f:
        f.write(f"# {comment}\n")
        for i in range(0, len(data), 32):
            f.write(data[i:i + 32].hex().upper() + "\n")


def read_hex(path):
    with open(path) as f:
        return bytes.fromhex("".join(line.strip() for line in f if not line.startswith("#")))


def capture(name):
    return read_messages(read_hex(os.path.join(HERE, "ChunkStream", name + ".hex")))


# ---- AMF0 ------------------------------------------------------------------------------------

def amf_string(s):
    b = s.encode()
    return b"\x02" + struct.pack(">H", len(b)) + b


def amf_number(n):
    return b"\x00" + struct.pack(">d", n)


def amf_object(props, marker=b"\x03"):
    out = bytearray(marker)
    if marker == b"\x08":
        out += struct.pack(">I", len(props))
    for key, value in props:
        k = key.encode()
        out += struct.pack(">H", len(k)) + k + value
    return bytes(out + b"\x00\x00\x09")


def amf0_seeds():
    seen = set()  # connect and the metadata from every client, other commands once
    for source in ["ffmpeg-h264-aac", "gstreamer-rtmp2sink-h264-aac", "gstreamer-rtmpsink-librtmp-h264", "ffprobe-play"]:
        for _, kind, _, body in capture(source):
            if kind not in (18, 20):
                continue
            name = body[3:3 + int.from_bytes(body[1:3], "big")].decode()
            if name in seen and name not in ("connect", "@setDataFrame"):
                continue
            seen.add(name)
            write("Amf0", f"{source}-{name.lstrip('@')}.hex", f"the body of {source}'s {name} {'command' if kind == 20 else 'data message'}", body)
    status = amf_object([("level", amf_string("status")), ("code", amf_string("NetConnection.Connect.Success")),
                         ("description", amf_string("Connection succeeded.")), ("objectEncoding", amf_number(0))])
    write("Amf0", "veil-connect-result.hex", "Veil's _result to connect: fmsVer and capabilities, then the status object",
          amf_string("_result") + amf_number(1) + amf_object([("fmsVer", amf_string("FMS/3,0,1,123")), ("capabilities", amf_number(31))]) + status)
    write("Amf0", "every-type.hex", "one value of every AMF0 type Veil reads: number, boolean, string, object, null, undefined, ECMA array, strict array, date, long string",
          amf_number(-1.5) + b"\x01\x01" + amf_string("héllo") + amf_object([("a", amf_number(1))]) + b"\x05" + b"\x06"
          + amf_object([("width", amf_number(640)), ("stereo", b"\x01\x00")], marker=b"\x08")
          + b"\x0a" + struct.pack(">I", 3) + amf_number(1) + amf_string("two") + b"\x05"
          + b"\x0b" + struct.pack(">d", 1.7e12) + b"\x00\x00"
          + b"\x0c" + struct.pack(">I", 11) + b"long string")
    nested = amf_number(7)
    for depth in range(15):
        nested = amf_object([(f"level{depth}", nested)])
    write("Amf0", "nested-15-deep.hex", "objects nested 15 deep (Veil reads 16)", nested)
    write("Amf0", "ecma-array-count-lies.hex", "an ECMA array whose count hint says 1000 but holds one property (the end marker is what counts)",
          b"\x08" + struct.pack(">I", 1000) + b"\x00\x01k" + amf_number(1) + b"\x00\x00\x09")
    write("Amf0", "invalid-long-string-past-the-end.hex", "a number, then a long string announcing 2^31-1 bytes: cut short",
          amf_number(1) + b"\x0c\x7f\xff\xff\xff" + b"abc")
    write("Amf0", "invalid-long-string-over-2-gib.hex", "a long string announcing 0xFFFFFFF0 bytes (more than an array can hold): cut short",
          b"\x0c\xff\xff\xff\xf0" + b"abc")
    write("Amf0", "invalid-object-without-end.hex", "an object whose properties run to the end without 00 00 09",
          b"\x03\x00\x01a" + amf_number(1))
    write("Amf0", "invalid-typed-object.hex", "a typed object (marker 0x10), which RTMP publishers do not send", b"\x10\x00\x01T\x00\x00\x09")


# ---- FLV tags --------------------------------------------------------------------------------

def tag(kind, time, data):
    header = bytes([kind]) + len(data).to_bytes(3, "big") + (time & 0xFFFFFF).to_bytes(3, "big") + bytes([time >> 24 & 0xFF]) + b"\x00\x00\x00"
    return header + data + struct.pack(">I", 11 + len(data))


def flv_file_tags(path):
    data = open(path, "rb").read()
    pos, tags = 13, []
    while pos + 11 <= len(data):
        size = int.from_bytes(data[pos + 1:pos + 4], "big")
        tags.append(data[pos:pos + 11 + size + 4])
        pos += 11 + size + 4
    return tags


def first_tags(tags, max_bytes):
    out = bytearray()
    for t in tags:
        if len(out) + len(t) > max_bytes and out:
            break
        out += t
    return bytes(out)


def flv_tag_seeds(tmp):
    av = ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"]
    subprocess.run(["ffmpeg", "-v", "error", "-y", *av, "-t", "1", "-c:v", "libx264", "-g", "10", "-c:a", "aac", "-f", "flv", f"{tmp}/av.flv"], check=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", *av[:4], "-t", "1", "-c:v", "libx264", "-g", "10", "-f", "flv", f"{tmp}/v.flv"], check=True)
    subprocess.run(["gst-launch-1.0", "-q", "videotestsrc", "num-buffers=10", "!", "video/x-raw,width=160,height=120,framerate=10/1", "!",
                    "x264enc", "key-int-max=10", "!", "h264parse", "!", "flvmux", "name=m", "streamable=true", "!", "filesink", f"location={tmp}/gst.flv",
                    "audiotestsrc", "num-buffers=20", "!", "audio/x-raw,rate=44100", "!", "voaacenc", "!", "aacparse", "!", "m."], check=True)
    av_tags, v_tags, gst_tags = flv_file_tags(f"{tmp}/av.flv"), flv_file_tags(f"{tmp}/v.flv"), flv_file_tags(f"{tmp}/gst.flv")
    write("FlvTag", "ffmpeg-flv-h264-aac.hex", "the first tags of an FLV file ffmpeg 5.1 wrote (libx264 + aac, 160x120): onMetaData, AVC and AAC sequence headers, frames", first_tags(av_tags, 6144))
    write("FlvTag", "ffmpeg-flv-video-only.hex", "the first tags of an FLV file ffmpeg 5.1 wrote without audio: onMetaData naming video only, AVC sequence header, frames", first_tags(v_tags, 6144))
    write("FlvTag", "gstreamer-flvmux-h264-aac.hex", "the first tags of GStreamer 1.22 flvmux's output (x264enc + voaacenc, 160x120): onMetaData, sequence headers, frames", first_tags(gst_tags, 6144))
    write("FlvTag", "ffmpeg-onmetadata-audio-video.hex", "ffmpeg's onMetaData tag alone (names audio and video)", av_tags[0])
    write("FlvTag", "ffmpeg-onmetadata-video-only.hex", "ffmpeg's onMetaData tag alone, no audio track named", v_tags[0])
    write("FlvTag", "gstreamer-flvmux-onmetadata.hex", "GStreamer flvmux's onMetaData tag alone", gst_tags[0])
    write("FlvTag", "avc-sequence-header.hex", "ffmpeg's AVC sequence header tag (AVCDecoderConfigurationRecord) alone", next(t for t in av_tags if t[0] == 9))
    write("FlvTag", "aac-audio-specific-config.hex", "ffmpeg's AAC sequence header tag (AudioSpecificConfig) alone", next(t for t in av_tags if t[0] == 8))
    for source in ["ffmpeg-h264-aac", "gstreamer-rtmp2sink-h264-aac"]:
        media = b"".join(tag(kind, time, body) for _, kind, time, body in capture(source) if kind in (8, 9, 18))
        write("FlvTag", f"rtmp-{source}.hex", f"the media messages of the {source} RTMP capture as tags: @setDataFrame onMetaData, sequence headers, frames", media)
    aac = next(t for t in av_tags if t[0] == 8)
    audio_only = b"".join(tag(8, 23 * i, aac[11:-4]) for i in range(70))
    write("FlvTag", "audio-only-no-metadata.hex", "70 AAC messages and no onMetaData: held until 64 messages, then started as audio only", audio_only)


# ---- gRPC Publish calls ----------------------------------------------------------------------

def varint(n):
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def field(number, wire_type, payload):
    key = varint(number << 3 | wire_type)
    return key + (varint(len(payload)) + payload if wire_type == 2 else payload)


def settings(kind, width=0, height=0, pixel_format=0, rate=25.0, stream="cam"):
    body = field(1, 2, stream.encode()) + field(2, 0, varint(kind))
    if width:
        body += field(3, 0, varint(width)) + field(4, 0, varint(height))
    if pixel_format:
        body += field(5, 0, varint(pixel_format))
    if rate:
        body += field(6, 1, struct.pack("<d", rate))
    return field(1, 2, body)


def h264(data, pts, keyframe):
    return field(2, 2, field(1, 2, data) + field(2, 0, varint(pts)) + (field(3, 0, b"\x01") if keyframe else b""))


def raw(data, strides=(), pts=0):
    return field(3, 2, field(1, 2, data) + (field(2, 2, b"".join(varint(s) for s in strides)) if strides else b"") + field(3, 0, varint(pts)))


def jpeg(data, pts):
    return field(4, 2, field(1, 2, data) + field(2, 0, varint(pts)))


def call(*requests):
    return b"".join(varint(len(r)) + r for r in requests)


def pad_rows(plane, row, stride):
    return b"".join(plane[i:i + row] + b"\x80" * (stride - row) for i in range(0, len(plane), row))


def grpc_seeds(tmp):
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25", "-frames:v", "3", "-c:v", "libx264",
                    "-bsf:v", "h264_metadata=aud=insert", "-f", "h264", f"{tmp}/a.h264"], check=True)
    units = [b"\x00\x00\x00\x01\x09" + u for u in open(f"{tmp}/a.h264", "rb").read().split(b"\x00\x00\x00\x01\x09") if u]
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25", "-frames:v", "2", "-q:v", "8", f"{tmp}/f%d.jpg"], check=True)
    jpegs = [open(f"{tmp}/f{i}.jpg", "rb").read() for i in (1, 2)]
    for fmt, name in (("yuv420p", "i420"), ("nv12", "nv12")):
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=32x16:rate=25", "-frames:v", "2", "-pix_fmt", fmt,
                        "-f", "rawvideo", f"{tmp}/{name}.yuv"], check=True)
    i420 = open(f"{tmp}/i420.yuv", "rb").read()
    nv12 = open(f"{tmp}/nv12.yuv", "rb").read()
    frame = 32 * 16 * 3 // 2
    y, u, v = i420[:512], i420[512:640], i420[640:768]

    write("GrpcFrame", "h264-annex-b.hex", "an H.264 call: settings (H264_ANNEX_B, 30 fps), then three access units ffmpeg's libx264 made (64x48, AUD, SPS, PPS, IDR, then P)",
          call(settings(1, rate=30.0), h264(units[0], 0, True), h264(units[1], 33333, False), h264(units[2], 66666, False)))
    write("GrpcFrame", "h264-starts-without-keyframe.hex", "an H.264 call whose first access unit is a P frame (Veil answers with a keyframe request)",
          call(settings(1), h264(units[1], 0, False), h264(units[0], 40000, True)))
    write("GrpcFrame", "jpeg.hex", "a JPEG call: settings (JPEG, 64x48, 25 fps), then two JPEG frames ffmpeg made",
          call(settings(3, 64, 48), jpeg(jpegs[0], 0), jpeg(jpegs[1], 40000)))
    write("GrpcFrame", "raw-i420-packed.hex", "a raw call: settings (RAW, 32x16, I420), then two frames with packed rows (no strides)",
          call(settings(2, 32, 16, 1), raw(i420[:frame]), raw(i420[frame:], pts=40000)))
    write("GrpcFrame", "raw-i420-strides.hex", "a raw I420 frame (32x16) with padded rows: strides 48, 32, 32",
          call(settings(2, 32, 16, 1), raw(pad_rows(y, 32, 48) + pad_rows(u, 16, 32) + pad_rows(v, 16, 32), (48, 32, 32))))
    write("GrpcFrame", "raw-nv12-strides.hex", "a raw NV12 frame (32x16) with padded rows: strides 64 and 64",
          call(settings(2, 32, 16, 2), raw(pad_rows(nv12[:512], 32, 64) + pad_rows(nv12[512:768], 32, 64), (64, 64))))
    write("GrpcFrame", "invalid-raw-frame-short.hex", "a raw I420 frame (32x16) missing its last V row (INVALID_ARGUMENT)",
          call(settings(2, 32, 16, 1), raw(i420[:frame - 16])))
    write("GrpcFrame", "invalid-raw-stride-under-row.hex", "a raw I420 frame whose Y stride (16) is shorter than a row (32) (INVALID_ARGUMENT)",
          call(settings(2, 32, 16, 1), raw(i420[:frame], (16, 16, 16))))
    write("GrpcFrame", "invalid-raw-odd-size.hex", "raw settings of 33x16 (odd width) (INVALID_ARGUMENT)", call(settings(2, 33, 16, 1)))
    write("GrpcFrame", "invalid-raw-no-pixel-format.hex", "raw settings without a pixel format (INVALID_ARGUMENT)", call(settings(2, 32, 16, 0)))
    write("GrpcFrame", "invalid-frame-rate.hex", "H.264 settings at 1000 frames per second (INVALID_ARGUMENT)", call(settings(1, rate=1000.0)))
    write("GrpcFrame", "invalid-kind-unspecified.hex", "settings without a media kind (INVALID_ARGUMENT)", call(settings(0)))
    write("GrpcFrame", "invalid-jpeg-on-h264-stream.hex", "a JPEG frame on an H.264 stream (INVALID_ARGUMENT)", call(settings(1), jpeg(jpegs[0], 0)))
    write("GrpcFrame", "invalid-frame-first.hex", "a call that starts with a frame, not the settings (INVALID_ARGUMENT)", call(h264(units[0], 0, True)))


# ---- hand-made chunk streams -----------------------------------------------------------------

def basic(fmt, csid):
    if csid < 64:
        return bytes([fmt << 6 | csid])
    if csid < 320:
        return bytes([fmt << 6, csid - 64])
    return bytes([fmt << 6 | 1, (csid - 64) & 0xFF, (csid - 64) >> 8])


def u24(n):
    return min(n, 0xFFFFFF).to_bytes(3, "big")


def type0(csid, time, length, kind, stream=1):
    ext = struct.pack(">I", time) if time >= 0xFFFFFF else b""
    return basic(0, csid) + u24(time) + u24(length) + bytes([kind]) + struct.pack("<I", stream) + ext


def type1(csid, delta, length, kind):
    return basic(1, csid) + u24(delta) + u24(length) + bytes([kind]) + (struct.pack(">I", delta) if delta >= 0xFFFFFF else b"")


def type2(csid, delta):
    return basic(2, csid) + u24(delta) + (struct.pack(">I", delta) if delta >= 0xFFFFFF else b"")


def type3(csid, extended=None):
    return basic(3, csid) + (struct.pack(">I", extended) if extended is not None else b"")


def message(csid, kind, body, time=0, chunk=128, stream=1):
    """A whole message: a type 0 chunk, then type 3 continuations."""
    out = bytearray(type0(csid, time, len(body), kind, stream))
    for i in range(0, max(len(body), 1), chunk):
        if i:
            out += type3(csid, time if time >= 0xFFFFFF else None)
        out += body[i:i + chunk]
    return bytes(out)


def set_chunk_size(size):
    return message(2, 1, struct.pack(">I", size), stream=0)


def payload(n, seed=1):
    return bytes((seed * 31 + i * 7) & 0xFF for i in range(n))


def chunk_stream_seeds():
    body = payload(300)
    write("ChunkStream", "edge-extended-timestamps.hex",
          "a 300-byte video message at 0x01000000 ms (type 0, extended; its type 3 continuations repeat the extended time), "
          "then a type 3 header starting the next message (the delta again: 0x02000000), then a type 2 with an extended delta of 0x01000000",
          message(4, 9, body, time=0x01000000)
          + type3(4, 0x01000000) + body[:128] + type3(4, 0x01000000) + body[128:256] + type3(4, 0x01000000) + body[256:]
          + type2(4, 0x01000000) + body[:128] + type3(4, 0x01000000) + body[128:256] + type3(4, 0x01000000) + body[256:])
    write("ChunkStream", "edge-chunk-stream-ids.hex",
          "messages on chunk streams 64 and 319 (2-byte basic headers), 320 and 65599 (3-byte), then 64 again in the 3-byte form (the same stream)",
          message(64, 20, payload(10, 1)) + message(319, 20, payload(10, 2)) + message(320, 20, payload(10, 3))
          + message(65599, 20, payload(10, 4)) + bytes([0x01, 0, 0]) + u24(5) + u24(10) + b"\x14" + struct.pack("<I", 1) + payload(10, 5))
    write("ChunkStream", "edge-abort.hex",
          "a 300-byte message on chunk stream 4 begun (one 128-byte chunk), then Abort Message for 4, for 9 (nothing in progress) and for 0xFFFFFFFF; then a new 10-byte message on 4",
          type0(4, 0, 300, 9) + body[:128] + message(2, 2, struct.pack(">I", 4), stream=0) + message(2, 2, struct.pack(">I", 9), stream=0)
          + message(2, 2, b"\xff\xff\xff\xff", stream=0) + message(4, 9, payload(10)))
    write("ChunkStream", "edge-zero-length.hex",
          "zero-length messages: a type 0 video message of 0 bytes, a type 3 header repeating it, a type 1 audio message of 0 bytes, then a 4-byte one",
          type0(4, 10, 0, 9) + type3(4) + type1(4, 20, 0, 8) + type1(4, 20, 4, 8) + payload(4))
    write("ChunkStream", "edge-chunk-size-changes.hex",
          "Set Chunk Size 1 and a 5-byte message in 1-byte chunks; Set Chunk Size 0x80001000 (the top bit is ignored: 4096) and a 300-byte message in one chunk; "
          "Set Chunk Size 64 and a 150-byte message in three chunks",
          set_chunk_size(1) + message(5, 20, payload(5), chunk=1)
          + message(2, 1, struct.pack(">I", 0x80001000), chunk=1, stream=0) + message(5, 9, body, chunk=4096)
          + set_chunk_size(64) + message(5, 9, payload(150), chunk=64))
    write("ChunkStream", "edge-interleaved.hex",
          "two 300-byte messages on chunk streams 4 (audio) and 6 (video), their chunks interleaved, with type 1 and type 2 headers after",
          type0(4, 0, 300, 8) + body[:128] + type0(6, 0, 300, 9) + body[:128] + type3(4) + body[128:256] + type3(6) + body[128:256]
          + type3(4) + body[256:] + type3(6) + body[256:] + type1(4, 23, 4, 8) + payload(4) + type2(6, 40) + body[:128] + type3(6) + body[128:256] + type3(6) + body[256:])
    write("ChunkStream", "edge-timestamp-wraps.hex",
          "a message at 0xFFFFFFF0 ms (extended), then a type 2 delta of 0x20: the time wraps to 0x10",
          message(4, 9, payload(8), time=0xFFFFFFF0) + type2(4, 0x20) + payload(8))
    write("ChunkStream", "edge-control-messages.hex",
          "Window Acknowledgement Size, Acknowledgement, Set Peer Bandwidth and User Control (Set Buffer Length) on chunk stream 2: handed on as messages",
          message(2, 5, struct.pack(">I", 2500000), stream=0) + message(2, 3, struct.pack(">I", 1234), stream=0)
          + message(2, 6, struct.pack(">IB", 2500000, 2), stream=0) + message(2, 4, struct.pack(">HII", 3, 1, 3000), stream=0))

    write("ChunkStream", "breach-message-over-4-mib.hex", "a type 0 header announcing a message of 4 MiB + 1 byte (over the 4 MiB cap)",
          type0(4, 0, (4 << 20) + 1, 9))
    write("ChunkStream", "breach-65-chunk-streams.hex", "one-byte messages on 65 chunk streams (the cap is 64)",
          b"".join(message(3 + i, 20, b"\x05") for i in range(65)))
    write("ChunkStream", "breach-reassembly-over-8-mib.hex", "three 3 MiB messages begun on chunk streams 4, 5 and 6 (each held in a 4 MiB buffer; the session holds 8 MiB)",
          b"".join(type0(csid, 0, 3 << 20, 9) + payload(128, csid) for csid in (4, 5, 6)))
    write("ChunkStream", "breach-set-chunk-size-zero.hex", "Set Chunk Size 0", set_chunk_size(0))
    write("ChunkStream", "breach-set-chunk-size-over-limit.hex", "Set Chunk Size 5 MiB (over the 4 MiB message cap)", set_chunk_size(5 << 20))
    write("ChunkStream", "breach-set-chunk-size-cut-short.hex", "Set Chunk Size with a 2-byte body (needs 4)", message(2, 1, b"\x00\x80", stream=0))
    write("ChunkStream", "breach-abort-cut-short.hex", "Abort Message with a 1-byte body (needs 4)", message(2, 2, b"\x04", stream=0))
    write("ChunkStream", "breach-type3-first.hex", "a chunk stream that starts with a type 3 header", type3(5) + payload(10))
    write("ChunkStream", "breach-type1-mid-message.hex", "a type 1 header in the middle of a 300-byte message",
          type0(4, 0, 300, 9) + body[:128] + type1(4, 40, 300, 9) + body[:128])


if __name__ == "__main__":
    chunk_stream_seeds()
    amf0_seeds()
    with tempfile.TemporaryDirectory() as tmp:
        flv_tag_seeds(tmp)
        grpc_seeds(tmp)
