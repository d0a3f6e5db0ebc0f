#!/usr/bin/env python3
"""A gRPC camera in Python, written from protos/veil/publish.proto alone (no generated code: the
messages are encoded by hand from their field numbers), to show the contract is the .proto.

  grpc_publish.py TARGET STREAM KEY FILE SECONDS [--h264 | --garbage | --oversized N | --raw WxH | --stall S | --fast]

Publishes the JPEG FILE as every frame at 25 fps; with --h264, FILE is an Annex B H.264 stream with
access unit delimiters, sent one access unit per message. --garbage sends bytes that are no
PublishRequest after the settings; --oversized sends one frame of N bytes; --raw WxH announces raw
I420 frames of that size and sends grey ones (FILE unused); --stall S publishes SECONDS of frames,
then keeps the call open sending nothing for S seconds; --fast sends as fast as the server takes
them (a backlog builds up). Prints the server's replies (stats with the
frames encoded); exits 1 with the status when the call fails.
"""
import struct
import sys
import time

import grpc


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, wire_type, payload):
    key = varint(number << 3 | wire_type)
    if wire_type == 2:
        return key + varint(len(payload)) + payload
    return key + payload


def settings(stream, kind):
    body = (field(1, 2, stream.encode()) + field(2, 0, varint(kind))  # 1 = H264_ANNEX_B, 3 = JPEG
            + field(3, 0, varint(640)) + field(4, 0, varint(360)) + field(6, 1, struct.pack("<d", 25.0)))
    return field(1, 2, body)  # PublishRequest.settings


def jpeg_frame(data, pts_us):
    return field(4, 2, field(1, 2, data) + field(2, 0, varint(pts_us)))  # PublishRequest.jpeg


def h264_frame(data, pts_us, keyframe):
    body = field(1, 2, data) + field(2, 0, varint(pts_us)) + field(3, 0, varint(1 if keyframe else 0))
    return field(2, 2, body)  # PublishRequest.h264


def access_units(stream):
    """Splits an Annex B stream at its access unit delimiters (NAL type 9)."""
    marker = b"\x00\x00\x00\x01\x09"
    starts = []
    i = stream.find(marker)
    while i >= 0:
        starts.append(i)
        i = stream.find(marker, i + 1)
    return [stream[a:b] for a, b in zip(starts, starts[1:] + [len(stream)])]


def is_keyframe(unit):
    """True when the access unit holds an IDR slice (NAL type 5)."""
    i = unit.find(b"\x00\x00\x01")
    while i >= 0:
        if i + 3 < len(unit) and unit[i + 3] & 0x1F == 5:
            return True
        i = unit.find(b"\x00\x00\x01", i + 3)
    return False


def raw_settings(stream, width, height):
    body = (field(1, 2, stream.encode()) + field(2, 0, varint(2)) + field(3, 0, varint(width)) + field(4, 0, varint(height))
            + field(5, 0, varint(1)) + field(6, 1, struct.pack("<d", 25.0)))  # RAW, I420
    return field(1, 2, body)


def raw_frame(width, height, pts_us):
    return field(3, 2, field(1, 2, b"\x80" * (width * height * 3 // 2)) + field(3, 0, varint(pts_us)))  # PublishRequest.raw


def read_varint(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        value |= (byte & 0x7F) << shift
        i += 1
        shift += 7
        if not byte & 0x80:
            return value, i


def describe(reply):
    kinds = {1: "ack", 2: "stats", 3: "keyframe_request", 4: "error"}
    kind = kinds.get(reply[0] >> 3, "unknown") if reply else "empty"
    if kind == "stats":  # Stats.frames_encoded (field 1) of this publish session
        _, i = read_varint(reply, 1)
        frames = read_varint(reply, i + 1)[0] if i < len(reply) and reply[i] == 0x08 else 0
        return f"stats frames_encoded={frames}"
    return kind


def main():
    target, stream, key, jpeg, seconds = sys.argv[1:6]
    mode = sys.argv[6] if len(sys.argv) > 6 else ""
    picture = open(jpeg, "rb").read() if mode != "--raw" else b""
    units = access_units(picture) if mode == "--h264" else []
    raw = tuple(int(n) for n in sys.argv[7].split("x")) if mode == "--raw" else None

    def requests():
        yield raw_settings(stream, *raw) if raw else settings(stream, 1 if mode == "--h264" else 3)
        if mode == "--garbage":
            yield b"\xff\xff\xff\xff\x0f not a protobuf"
            return
        if mode == "--oversized":
            yield jpeg_frame(b"\0" * int(sys.argv[7]), 0)
            return
        start = time.monotonic()
        for i in range(int(float(seconds) * 25)):
            if units:
                unit = units[i % len(units)]
                yield h264_frame(unit, i * 40000, is_keyframe(unit))
            elif raw:
                yield raw_frame(*raw, i * 40000)
            else:
                yield jpeg_frame(picture, i * 40000)
            delay = start + i * 0.04 - time.monotonic()
            if delay > 0 and mode != "--fast":
                time.sleep(delay)
        if mode == "--stall":
            print("stalling", flush=True)
            time.sleep(float(sys.argv[7]))

    channel = grpc.insecure_channel(target, options=[("grpc.max_send_message_length", 64 << 20)])
    publish = channel.stream_stream("/veil.v1.Publisher/Publish", request_serializer=None, response_deserializer=None)
    try:
        for reply in publish(requests(), metadata=[("authorization", "Bearer " + key)]):
            print("reply:", describe(reply), flush=True)
    except grpc.RpcError as e:
        print(f"status: {e.code().name}: {e.details()}", flush=True)
        return 1
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
