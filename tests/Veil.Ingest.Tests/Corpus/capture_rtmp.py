#!/usr/bin/env python3
"""Records what an RTMP publisher sends, for the ChunkStream seed corpus.

  capture_rtmp.py LISTEN_PORT SERVER_PORT OUT.hex "what it is" [MAX_BYTES]

Listens on 127.0.0.1:LISTEN_PORT, relays one connection to 127.0.0.1:SERVER_PORT (a running
`veil serve --stream NAME:KEY ...`) both ways, and when the publisher is done writes the bytes it
sent after the handshake (C0 C1 C2), cut after the last whole message that ends within MAX_BYTES
(default 6144), as a corpus file: a comment line, then hex. Point the publisher (ffmpeg, GStreamer)
at rtmp://127.0.0.1:LISTEN_PORT/live/KEY.
"""
import socket
import sys
import threading

HANDSHAKE = 1 + 1536 + 1536


def relay(source, sink, record):
    while True:
        data = source.recv(65536)
        if not data:
            break
        if record is not None:
            record.extend(data)
        try:
            sink.sendall(data)
        except OSError:
            break
    try:
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def read_messages(data):
    """The whole messages of a chunk stream (spec 5.3.1), following Set Chunk Size: (end offset, type, time, body)."""
    chunk_size, streams, pos, messages = 128, {}, 0, []
    while pos < len(data):
        fmt, csid = data[pos] >> 6, data[pos] & 0x3F
        header = 1 + (csid == 0) + 2 * (csid == 1)
        if pos + header + 11 + 4 > len(data):
            break  # the capture ends within a header
        if csid == 0:
            csid = 64 + data[pos + 1]
        elif csid == 1:
            csid = 64 + data[pos + 1] + data[pos + 2] * 256
        pos += header
        s = streams.setdefault(csid, {"length": 0, "type": 0, "time": 0, "delta": 0, "received": 0, "extended": False, "body": bytearray()})
        time = None
        if fmt <= 2:
            time = int.from_bytes(data[pos:pos + 3], "big")
            s["extended"] = time == 0xFFFFFF
            pos += 3
        if fmt <= 1:
            s["length"], s["type"] = int.from_bytes(data[pos:pos + 3], "big"), data[pos + 3]
            pos += 4
        if fmt == 0:
            pos += 4
        if s["extended"]:
            if fmt <= 2:
                time = int.from_bytes(data[pos:pos + 4], "big")
            pos += 4
        if s["received"] == 0:
            if fmt == 0:
                s["time"], s["delta"] = time, time
            elif fmt <= 2:
                s["time"], s["delta"] = s["time"] + time, time
            else:
                s["time"] += s["delta"]
        n = min(chunk_size, s["length"] - s["received"])
        s["body"].extend(data[pos:pos + n])
        s["received"] += n
        pos += n
        if pos > len(data):
            break
        if s["received"] == s["length"]:
            body = bytes(s["body"])
            if s["type"] == 1:
                chunk_size = int.from_bytes(body[:4], "big") & 0x7FFFFFFF
            s["received"], s["body"] = 0, bytearray()
            messages.append((pos, s["type"], s["time"] & 0xFFFFFFFF, body))
    return messages


def main():
    listen_port, server_port, out, what = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    max_bytes = int(sys.argv[5]) if len(sys.argv) > 5 else 6144
    listener = socket.create_server(("127.0.0.1", listen_port))
    client, _ = listener.accept()
    server = socket.create_connection(("127.0.0.1", server_port))
    sent = bytearray()
    up = threading.Thread(target=relay, args=(client, server, sent))
    down = threading.Thread(target=relay, args=(server, client, None))
    up.start()
    down.start()
    up.join()
    down.join(timeout=5)
    chunks = bytes(sent[HANDSHAKE:])
    cut = max([m[0] for m in read_messages(chunks) if m[0] <= max_bytes], default=0)
    chunks = chunks[:cut]
    with open(out, "w") as f:
        f.write(f"# {what}\n")
        for i in range(0, len(chunks), 32):
            f.write(chunks[i:i + 32].hex().upper() + "\n")
    print(f"{out}: {cut} of {len(sent) - HANDSHAKE} bytes after the handshake")


if __name__ == "__main__":
    main()
