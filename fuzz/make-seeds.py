#!/usr/bin/python3
"""Makes the fuzz targets' seed corpus from real programs, on 127.0.0.1 only.

Torrents come from mktorrent and libtorrent (a hybrid v1/v2 torrent with pad files) plus a few hand-made hostile
ones; tracker answers from opentracker over HTTP and UDP; peer streams and extension handshakes from a libtorrent
and an aria2 seeder, captured with a raw socket after a real handshake. Needs opentracker, mktorrent, aria2c and
python3-libtorrent (run with /usr/bin/python3). Writes into src/test/resources/ next to this script; run it from
anywhere, then review and commit what changed. Seeds are named after what they are, so reruns replace them.
"""
import hashlib
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

import libtorrent as lt

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, 'src', 'test', 'resources', 'dev', 'piecewise')
DIRS = {
    'bencode': os.path.join(RES, 'api', 'bencode', 'BencodeFuzzTestInputs', 'decode'),
    'metainfo': os.path.join(RES, 'core', 'metainfo', 'MetainfoFuzzTestInputs', 'parseAndOpen'),
    'wire': os.path.join(RES, 'core', 'wire', 'PeerWireFuzzTestInputs', 'connection'),
    'ext': os.path.join(RES, 'core', 'wire', 'ExtensionHandshakeFuzzTestInputs', 'decode'),
    'http': os.path.join(RES, 'plugin', 'trackerhttp', 'HttpTrackerAnswerFuzzTestInputs', 'answer'),
    'udp': os.path.join(RES, 'plugin', 'trackerudp', 'UdpTrackerAnswerFuzzTestInputs', 'reply'),
}
LOOP = '127.0.0.1'


def save(kind, name, data):
    os.makedirs(DIRS[kind], exist_ok=True)
    with open(os.path.join(DIRS[kind], name), 'wb') as f:
        f.write(data)


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind((LOOP, 0))
        return s.getsockname()[1]


def info_hash(torrent_bytes):
    return bytes(lt.torrent_info(lt.bdecode(torrent_bytes)).info_hashes().v1.to_bytes())


def payload(root):
    """A folder of three odd-sized files (one in a subfolder) and a single file, deterministic."""
    folder = os.path.join(root, 'album')
    os.makedirs(os.path.join(folder, 'extras'))
    sizes = {'01 intro.flac': 5000, 'extras/booklet.pdf': 40000, 'cover.jpg': 1234}
    for name, size in sizes.items():
        with open(os.path.join(folder, name), 'wb') as f:
            f.write(hashlib.sha256(name.encode()).digest() * (size // 32) + b'x' * (size % 32))
    single = os.path.join(root, 'notes.txt')
    with open(single, 'wb') as f:
        f.write(b'piecewise fuzz seed\n' * 3500)
    return folder, single


def mktorrent(path, out, *args):
    subprocess.run(['mktorrent', '-l', '15', '-o', out, *args, path], check=True, capture_output=True)
    with open(out, 'rb') as f:
        return f.read()


def hybrid_with_pad_files(folder):
    fs = lt.file_storage()
    lt.add_files(fs, folder)
    ct = lt.create_torrent(fs, 16384)  # hybrid by default in libtorrent 2: v1 pieces, v2 tree, pad files
    ct.add_tracker('udp://' + LOOP + ':6969/announce')
    ct.set_creator('libtorrent ' + lt.__version__)
    lt.set_piece_hashes(ct, os.path.dirname(folder))
    return lt.bencode(ct.generate())


def hostile_torrents():
    """Torrents a hostile or careless maker writes: each must be refused or sanitized, never crash anything."""
    pieces = b'\x01' * 20

    def multi(paths, name=b'evil'):
        return lt.bencode({b'info': {b'name': name, b'piece length': 16384, b'pieces': pieces,
                                     b'files': [{b'length': 10, b'path': p} for p in paths]}})

    return {
        'dot-dot.torrent': multi([[b'..', b'..', b'etc', b'passwd']]),
        'absolute-and-empty.torrent': multi([[b'', b'tmp', b'x'], [b'a', b'', b'b']]),
        'separators-nul-control.torrent': multi([[b'a/b\\c'], [b'nul\x00byte\x07']]),
        'windows-names.torrent': multi([[b'CON.txt'], [b'aux'], [b'trailing. ']]),
        'long-name.torrent': multi([[b'x' * 300 + b'.mkv']]),
        'duplicate-case.torrent': multi([[b'Song.mp3'], [b'song.MP3'], [b'dir', b'f'], [b'dir']]),
        'deep.torrent': multi([[b'd'] * 70 + [b'f']]),
        'utf8-names.torrent': lt.bencode({b'info': {b'name': b'caf\xe9', b'name.utf-8': 'café ☕'.encode(),
                                                    b'piece length': 16384, b'pieces': pieces, b'length': 100}}),
        'pieces-mismatch.torrent': lt.bencode({b'info': {b'name': b'short', b'piece length': 16384,
                                                         b'pieces': pieces * 3, b'length': 100}}),
    }


def torrents(work, folder, single, tracker_http, tracker_udp):
    made = {
        'mktorrent-single.torrent': mktorrent(single, os.path.join(work, 's.torrent'), '-a', tracker_http),
        'mktorrent-multi-private.torrent': mktorrent(folder, os.path.join(work, 'm.torrent'), '-p',
                                                     '-a', tracker_http + ',' + tracker_udp, '-c', 'fuzz seed'),
        'libtorrent-hybrid-pad-files.torrent': hybrid_with_pad_files(folder),
    }
    for name, data in made.items():
        save('metainfo', name, data)
    for name, data in hostile_torrents().items():
        save('metainfo', name, data)
    save('bencode', 'torrent.bencode', made['mktorrent-single.torrent'])
    return made


def start_opentracker(work, hashes, http_port, udp_port):
    root = os.path.join(work, 'ot-root')
    os.makedirs(root)
    os.chmod(root, 0o755)
    with open(os.path.join(root, 'whitelist.txt'), 'w') as f:
        f.write(''.join(h.hex() + '\n' for h in hashes))
    conf = os.path.join(work, 'ot.conf')
    with open(conf, 'w') as f:
        f.write(f'access.whitelist /whitelist.txt\ntracker.rootdir {root}\n')
    proc = subprocess.Popen(['opentracker', '-f', conf, '-i', LOOP, '-p', str(http_port), '-P', str(udp_port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return proc


def http_get(port, target):
    with socket.create_connection((LOOP, port), timeout=5) as s:
        s.sendall(f'GET {target} HTTP/1.0\r\nHost: {LOOP}\r\n\r\n'.encode())
        data = b''
        while chunk := s.recv(65536):
            data += chunk
    return data.split(b'\r\n\r\n', 1)[1]


def quote(raw):
    return ''.join('%%%02X' % b for b in raw)


def tracker_answers(http_port, udp_port, known, unknown):
    def announce(h, peer_port, extra=''):
        return http_get(http_port, f'/announce?info_hash={quote(h)}&peer_id={quote(b"-PW0100-fuzzseed%04d" % peer_port)}'
                                   f'&port={peer_port}&uploaded=0&downloaded=0&left=100&compact=1{extra}')

    announce(known, 6881, '&event=started')
    save('http', 'opentracker-compact.bencode', announce(known, 6882, '&event=started'))
    save('http', 'opentracker-scrape.bencode', http_get(http_port, f'/scrape?info_hash={quote(known)}'))
    save('http', 'opentracker-refusal.bencode', announce(unknown, 6883))
    save('bencode', 'tracker-answer.bencode', announce(known, 6884))
    # what other trackers send: the dictionary model with an IPv6 peer and a host name, peers6, a warning
    save('http', 'dictionary-model.bencode', lt.bencode({b'interval': 1800, b'peers': [
        {b'ip': b'127.0.0.1', b'port': 6881, b'peer id': b'-LT2080-abcdefghijkl'},
        {b'ip': b'::1', b'port': 6882}, {b'ip': b'tracker.invalid', b'port': 6883}]}))
    save('http', 'peers6-and-warning.bencode', lt.bencode({b'interval': 900, b'min interval': 60,
                                                           b'peers': b'\x7f\x00\x00\x01\x1a\xe1',
                                                           b'peers6': b'\x00' * 15 + b'\x01\x1a\xe2',
                                                           b'warning message': b'slow down',
                                                           b'tracker id': b'abc', b'complete': 3,
                                                           b'incomplete': 1}))

    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.settimeout(3)
    udp.connect((LOOP, udp_port))

    def exchange(packet):
        udp.send(packet)
        return udp.recv(65536)

    connected = exchange(struct.pack('>QII', 0x41727101980, 0, 7))
    save('udp', 'connect', b'\x00\x00' + connected)
    connection_id = struct.unpack('>Q', connected[8:16])[0]

    def announce_packet(h, port):
        return struct.pack('>QII20s20sQQQIIIiH', connection_id, 1, 8, h, b'-PW0100-fuzzudp%05d' % port,
                           0, 100, 0, 2, 0, 1, 50, port)

    save('udp', 'announce-ipv4', b'\x01\x00' + exchange(announce_packet(known, 6885)))
    save('udp', 'scrape-one', b'\x03\x00' + exchange(struct.pack('>QII20s', connection_id, 2, 9, known)))
    save('udp', 'error-unknown-torrent', b'\x01\x00' + exchange(announce_packet(unknown, 6886)))
    ipv6_peer = struct.pack('>IIIII', 1, 8, 1800, 0, 1) + b'\x00' * 15 + b'\x01\x1a\xe1'
    save('udp', 'announce-ipv6', b'\x02\x00' + ipv6_peer)
    udp.close()


def lt_seeder(torrent_bytes, save_path, port):
    ses = lt.session({'listen_interfaces': f'{LOOP}:{port}', 'enable_dht': False, 'enable_lsd': False,
                      'enable_upnp': False, 'enable_natpmp': False, 'out_enc_policy': lt.enc_policy.disabled,
                      'in_enc_policy': lt.enc_policy.enabled, 'allow_multiple_connections_per_ip': True})
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(lt.bdecode(torrent_bytes))
    params.save_path = save_path
    params.flags |= lt.torrent_flags.seed_mode
    ses.add_torrent(params)
    return ses


def capture(port, ih, fast, ext, requests, seconds=2.0):
    """A real handshake, interested and a few small requests; everything the peer sends back."""
    reserved = bytearray(8)
    if ext:
        reserved[5] |= 0x10
    if fast:
        reserved[7] |= 0x04
    with socket.create_connection((LOOP, port), timeout=5) as s:
        s.sendall(b'\x13BitTorrent protocol' + bytes(reserved) + ih + b'-PW0100-fuzzcapture0')
        time.sleep(0.3)
        s.sendall(struct.pack('>IB', 1, 2) + b''.join(struct.pack('>IBIII', 13, 6, *r) for r in requests))
        s.settimeout(0.2)
        data, deadline = b'', time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                break
            data += chunk
    return data


def extension_handshakes(stream):
    """The payloads of extended message 0 in a captured stream (after the 68-byte handshake)."""
    at, found = 68, []
    while at + 5 <= len(stream):
        length, kind = struct.unpack('>IB', stream[at:at + 5])
        if kind == 20 and length >= 2 and stream[at + 5] == 0:
            found.append(stream[at + 6:at + 4 + length])
        at += 4 + length
    return found


def peer_streams(work, folder, torrent_bytes):
    ti = lt.torrent_info(lt.bdecode(torrent_bytes))
    ih = info_hash(torrent_bytes)
    count, length = ti.num_pieces(), ti.piece_length()
    last = ti.piece_size(count - 1)
    requests = [(0, 0, 64), (count - 1, last - 32, 32)]
    streams = {}
    port = free_port()
    ses = lt_seeder(torrent_bytes, os.path.dirname(folder), port)
    time.sleep(1.5)
    for fast in (True, False):
        streams[f'libtorrent-{"fast" if fast else "plain"}'] = (fast, capture(port, ih, fast, True, requests))
    del ses
    path = os.path.join(work, 'aria2.torrent')
    with open(path, 'wb') as f:
        f.write(torrent_bytes)
    port = free_port()
    aria2 = subprocess.Popen(['aria2c', '--no-conf=true', f'--dir={os.path.dirname(folder)}',
                              f'--listen-port={port}', f'--interface={LOOP}', '--disable-ipv6=true',
                              '--enable-dht=false', '--enable-dht6=false', '--bt-enable-lpd=false',
                              '--enable-peer-exchange=false', '--bt-min-crypto-level=plain',
                              '--bt-require-crypto=false', '--seed-ratio=0.0', '--bt-seed-unverified=true',
                              '--check-integrity=false', '--bt-tracker-connect-timeout=1', path],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(2.0)
        for fast in (True, False):
            streams[f'aria2-{"fast" if fast else "plain"}'] = (fast, capture(port, ih, fast, True, requests))
    finally:
        aria2.terminate()
        aria2.wait(10)
    for name, (fast, stream) in streams.items():
        if len(stream) < 68:
            sys.exit(f'{name}: no handshake captured')
        # flags: the fast bit as negotiated, extensions on; piece count - 1, piece length, last piece length - 1
        header = bytes([(1 if fast else 0) | 2]) + struct.pack('>H', count - 1) \
            + length.to_bytes(3, 'big') + (last - 1).to_bytes(3, 'big')
        save('wire', name, header + stream)
        for n, payload_bytes in enumerate(extension_handshakes(stream)):
            save('ext', f'{name}-{n}.bencode', payload_bytes)
    save('bencode', 'extension-handshake.bencode', extension_handshakes(streams['libtorrent-fast'][1])[0])


def small_values():
    for name, data in {
        'integers.bencode': b'li0ei-42ei9223372036854775807ei-9223372036854775808ee',
        'nested.bencode': b'd1:ald1:bl1:ceee1:di1ee',
        'strings.bencode': b'l0:3:\x00\xff\xfe4:spame',
        'prefix-then-data.bin': b'd8:msg_typei1e5:piecei0e10:total_sizei3ee\x01\x02\x03',
    }.items():
        save('bencode', name, data)
    save('ext', 'minimal.bencode', b'd1:md11:ut_metadatai3eee')


def main():
    with tempfile.TemporaryDirectory(prefix='piecewise-seeds-') as work:
        folder, single = payload(work)
        http_port, udp_port = free_port(), free_port(socket.SOCK_DGRAM)
        tracker_http = f'http://{LOOP}:{http_port}/announce'
        tracker_udp = f'udp://{LOOP}:{udp_port}/announce'
        made = torrents(work, folder, single, tracker_http, tracker_udp)
        known = info_hash(made['mktorrent-multi-private.torrent'])
        tracker = start_opentracker(work, [known], http_port, udp_port)
        try:
            tracker_answers(http_port, udp_port, known, hashlib.sha1(b'unknown').digest())
            peer_streams(work, folder, made['mktorrent-multi-private.torrent'])
        finally:
            tracker.terminate()
            tracker.wait(10)
        small_values()
    for kind, directory in DIRS.items():
        files = os.listdir(directory)
        print(f'{kind}: {len(files)} seeds, {sum(os.path.getsize(os.path.join(directory, f)) for f in files)} bytes')


if __name__ == '__main__':
    main()
