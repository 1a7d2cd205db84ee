"""A libtorrent seeder for interop tests: seeds a torrent from existing data on 127.0.0.1 until it is killed.

usage: libtorrent_seeder.py TORRENT SAVE_PATH PORT

It serves the metadata (ut_metadata) to magnet downloads, as libtorrent always does. DHT, LSD, UPnP, NAT-PMP and
uTP are off; several connections from 127.0.0.1 are allowed (all test peers share that address). It prints
"seeding" once the data is checked, and exits when its standard input closes (so it never outlives the test).
"""
import sys
import threading
import time

import libtorrent as lt

torrent, save_path, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
session = lt.session({
    "listen_interfaces": "127.0.0.1:%d" % port,
    "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
    "enable_outgoing_utp": False, "enable_incoming_utp": False,
    "allow_multiple_connections_per_ip": True,
    "out_enc_policy": lt.enc_policy.disabled, "in_enc_policy": lt.enc_policy.pe_enabled,
    "alert_mask": lt.alert.category_t.error_notification,
})
params = lt.add_torrent_params()
params.ti = lt.torrent_info(torrent)
params.save_path = save_path
handle = session.add_torrent(params)

deadline = time.time() + 60
while not handle.status().is_seeding:
    if time.time() > deadline:
        print("not seeding after 60 s: %s" % handle.status().state, flush=True)
        sys.exit(1)
    time.sleep(0.05)
print("seeding", flush=True)

stdin_closed = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stdin_closed.set()), daemon=True).start()
while not stdin_closed.wait(1):
    for alert in session.pop_alerts():
        print(alert.message(), flush=True)
