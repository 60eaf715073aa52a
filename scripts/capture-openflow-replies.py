#!/usr/bin/env python3
"""Captures what a real ovs-vswitchd sends for an OpenFlow 1.3 flow-stats or table-stats request, byte for byte.

Usage: capture-openflow-replies.py SOCKET TABLE OUT.hex
       capture-openflow-replies.py SOCKET tables OUT.hex

Connects to a bridge's management socket (<rundir>/<bridge>.mgmt), sends a HELLO that offers
OpenFlow 1.0-1.3 in a version bitmap, then an OFPT_MULTIPART_REQUEST of type OFPMP_FLOW for TABLE
with out_port and out_group ANY and an empty match (or, given "tables", one of type OFPMP_TABLE, which
has no body), and writes every message the switch sends until the last reply (OFPMPF_REPLY_MORE
clear): one message per line, in hex. Lines starting with '#'
describe them. The unit tests of io.contiv.exporter.openflow decode these files; this script is how
they were made, and it deliberately shares no code with the Java decoder it tests.
"""
import socket
import struct
import sys

OFP13 = 0x04
HELLO, ERROR, ECHO_REQUEST, ECHO_REPLY = 0, 1, 2, 3
MULTIPART_REQUEST, MULTIPART_REPLY = 18, 19
OFPMP_FLOW = 1
OFPMP_TABLE = 3
OFPMPF_REPLY_MORE = 1
OFPP_ANY = 0xFFFFFFFF
OFPG_ANY = 0xFFFFFFFF


def receive(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise EOFError("switch closed the connection")
        data += chunk
    return data


def message(sock):
    header = receive(sock, 8)
    _version, kind, length, _xid = struct.unpack("!BBHI", header)
    return kind, header + receive(sock, length - 8)


def main(path, table, out):
    # HELLO with one version-bitmap element: versions 1 to 4 (OpenFlow 1.0 to 1.3).
    element = struct.pack("!HHI", 1, 8, 0b11110)
    hello = struct.pack("!BBHI", OFP13, HELLO, 8 + len(element), 1) + element
    # ofp_flow_stats_request: table, pad, out_port, out_group, pad, cookie, cookie_mask, empty OXM match.
    if table == "tables":
        kind_name, multipart, body = "OFPMP_TABLE", OFPMP_TABLE, b""
    else:
        body = struct.pack("!B3xII4xQQ", int(table), OFPP_ANY, OFPG_ANY, 0, 0) + struct.pack("!HH4x", 1, 4)
        kind_name, multipart = "OFPMP_FLOW", OFPMP_FLOW
    request = struct.pack("!BBHIHH4x", OFP13, MULTIPART_REQUEST, 16 + len(body), 2, multipart, 0) + body
    lines = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(path)
        sock.sendall(hello)
        kind, raw = message(sock)
        if kind != HELLO:
            raise SystemExit("expected HELLO, got type %d" % kind)
        lines += ["# HELLO from the switch", raw.hex()]
        sock.sendall(request)
        while True:
            kind, raw = message(sock)
            if kind == ECHO_REQUEST:
                sock.sendall(raw[:1] + bytes([ECHO_REPLY]) + raw[2:])
                continue
            if kind == ERROR:
                raise SystemExit("switch answered with an error: " + raw.hex())
            if kind != MULTIPART_REPLY:
                lines += ["# unsolicited message of type %d" % kind, raw.hex()]
                continue
            flags = struct.unpack("!H", raw[10:12])[0]
            lines += ["# OFPT_MULTIPART_REPLY %s, %d bytes, flags %#x" % (kind_name, len(raw), flags), raw.hex()]
            if not flags & OFPMPF_REPLY_MORE:
                break
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3])
